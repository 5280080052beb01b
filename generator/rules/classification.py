"""Classification (类、项), what base and theme resources must share, and the code's prefix."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import CLASS_DIGITS, Resource
from generator.problems import Problem
from generator.rules import Context, at, rule
from generator.textsafety import simplified


@rule("R-007", "基础信息资源必须无条件共享")
def base_unconditional(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    基础信息资源（人口、法人单位、自然资源和空间地理、电子证照等，具体名单见规则配置）的
    基础数据项，必须在政务部门间无条件共享。

    依据（按规则配置）：贵州 第二十二条；滨州 第十条；修武 第十九条（二）。吉林 第二十一条只规定
    整合形成六大基础资源库，广西 第二十五条只要求通过自治区数据共享交换平台提供共享，都没有
    “无条件”的要求：这两个配置沿用全国基线，只作建议（基础信息资源不得“不予共享”见 R-027）。

    不通过：

        classification: {class: 基础, item: 人口}
        share:
          type: 有条件共享

    通过：

        classification: {class: 基础, item: 人口}
        share:
          type: 无条件共享
    """
    if resource.classification["class"] == "基础" and resource.share.type != "无条件共享":
        yield at(resource.doc, "R-007", f"基础信息资源必须无条件共享，现在是“{resource.share.type}”", "share", "type")


@rule("R-027", "基础或主题信息资源不能“不予共享”")
def base_and_theme_shared(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    基础信息资源和多部门共建的主题信息资源，须通过共享平台提供共享，不能列为“不予共享”。
    有的办法还要求基础信息资源无条件共享，见 R-007。

    依据（按规则配置）：广西 第二十五条（基础信息资源）、第二十六条（主题数据资源）；贵州 第二十二条
    （主题信息资源应当予以共享）；修武 第十九条（三）（主题数据库的数据应当依法予以共享）。

    不通过：

        classification: {class: 主题, item: 社会保障}
        share:
          type: 不予共享

    通过：

        classification: {class: 主题, item: 社会保障}
        share:
          type: 有条件共享
          condition: 仅向承担社会保障职责的部门提供
    """
    kind = resource.classification["class"]
    if kind in ("基础", "主题") and resource.share.type == "不予共享":
        yield at(resource.doc, "R-027", f"{kind}信息资源须提供共享，不能是“不予共享”", "share", "type")


def _not_listed(resource: Resource, context: Context, rule_id: str, names: dict[str, str], label: str) -> Iterator[Problem]:
    item = resource.classification["item"]
    if item in names:
        return
    profile = context.catalog.profile
    plain = simplified(item)
    hint = f"。“{item}”是繁体字，简体写作“{plain}”" if plain != item and plain in names else ""
    message = f"“{item}”不是{profile.name}规定的{label}，应为 {'、'.join(names)} 之一{hint}"
    yield at(resource.doc, rule_id, message, "classification", "item")


@rule("R-008", "基础信息资源的“项”不在本辖区名单中")
def known_item(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    基础信息资源的“项”应当是本辖区规定的基础信息资源之一：贵州、滨州为人口、法人单位、
    自然资源和空间地理、电子证照；修武为人口、法人、自然资源和空间地理、电子证照；吉林为
    人口、法人、空间、电子证照、社会信用、宏观经济六大基础资源库；广西为人口、法人、地理空间、
    社会信用、电子证照。名单来自规则配置。不在名单中只作提示：贵州、滨州、修武、广西的名单以
    “等”结尾；吉林 第二十一条是省政务服务和数字化局整合六大基础资源库的职责，不限制部门如何分类，
    第十五条还允许编制本地区补充目录。繁体字写的名称会给出简体写法。

    依据（按规则配置）：贵州 第十一条、第二十二条；吉林 第二十一条；滨州 第三十二条（一）；
    修武 第十三条；广西 第二十五条。

    不通过：

        classification: {class: 基础, item: 户籍}

    通过：

        classification: {class: 基础, item: 人口}
    """
    if resource.classification["class"] == "基础":
        yield from _not_listed(resource, context, "R-008", context.catalog.profile.base_resources, "基础信息资源")


@rule("R-028", "主题信息资源的“项”不在本辖区名单中", level="warning")
def known_theme(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    主题信息资源的“项”应当是本辖区办法列出的主题之一：健康保障、社会保障、食品药品安全、
    安全生产、价格监管、能源安全、信用体系、城乡建设、社区治理、生态环保、应急维稳等。名单以
    “等”结尾，不在名单中只作提示。修武、广西、吉林的办法没有主题名单，本规则不适用。

    依据（按规则配置）：贵州 第二十二条；滨州 第三十二条（二）。

    不通过：

        classification: {class: 主题, item: 智慧旅游}

    通过：

        classification: {class: 主题, item: 社会保障}
    """
    if resource.classification["class"] == "主题":
        yield from _not_listed(resource, context, "R-028", context.catalog.profile.themes, "主题信息资源")


@rule("R-009", "资源代码的分类码与资源分类不一致")
def code_agrees(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    资源代码的前段分类码由类（1 位：1 基础、2 主题、3 部门）和项（2 位）开头：基础和主题信息资源的
    项代码见规则配置的名单，部门信息资源紧随类之后的是提供部门的 ``item_code``（2 位，或项＋目共 5 位）。分类码必须与条目的
    ``classification`` 一致，否则同一资源会被归入错误的目录。

    依据：政务信息资源目录编制指南（试行） 信息资源代码。

    不通过（人口的项代码为 01）：

        code: 102001/000001
        classification: {class: 基础, item: 人口}

    通过：

        code: 101001/000001
        classification: {class: 基础, item: 人口}
    """
    kind = resource.classification["class"]
    prefix = resource.class_code
    if prefix[0] != CLASS_DIGITS[kind]:
        yield at(resource.doc, "R-009", f"资源代码第 1 位应为 {CLASS_DIGITS[kind]}（{kind}信息资源），现在是 {prefix[0]}", "code")
        return
    profile = context.catalog.profile
    item = resource.classification["item"]
    if kind == "部门":
        department = context.catalog.departments.get(resource.department)
        expected = department.item_code if department else None
        whose = f"提供部门的项代码（{department.name if department else resource.department}）"
    else:
        expected = (profile.base_resources if kind == "基础" else profile.themes).get(item)
        whose = f"“{item}”的项代码"
    if expected is not None and prefix[1 : 1 + len(expected)] != expected:
        digits = f"第 2—{1 + len(expected)} 位"
        actual = prefix[1 : 1 + len(expected)]
        yield at(resource.doc, "R-009", f"资源代码{digits}应为{whose} {expected}，现在是 {actual}", "code")
