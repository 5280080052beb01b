"""Classification (类、项) and the resource code's classification prefix."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import CLASS_DIGITS, Resource
from generator.problems import Problem
from generator.rules import Context, at, rule


@rule("R-008", "基础或主题信息资源的“项”不在本辖区名单中")
def known_item(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    基础信息资源的“项”必须是本辖区规定的基础信息资源之一（贵州、滨州、修武：人口、法人单位、
    自然资源和空间地理、电子证照；吉林 第二十一条、广西 第二十五条另有规定），主题信息资源的
    “项”必须是规定的主题之一（贵州 第二十二条，广西 第十九条）。名单来自规则配置。

    不通过：

        classification: {class: 基础, item: 户籍}

    通过：

        classification: {class: 基础, item: 人口}
    """
    profile = context.catalog.profile
    kind = resource.classification["class"]
    item = resource.classification["item"]
    names = profile.base_resources if kind == "基础" else profile.themes if kind == "主题" else None
    if names is not None and item not in names:
        label = "基础信息资源" if kind == "基础" else "主题信息资源"
        yield at(resource.doc, "R-008", f"“{item}”不是{profile.name}规定的{label}，应为 {'、'.join(names)} 之一", "classification", "item")


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
