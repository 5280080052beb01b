"""Share and open attributes: conditions, legal bases, types the profile allows."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule


@rule("R-001", "有条件共享必须写明共享条件和法律依据")
def conditional_share(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    共享类型为“有条件共享”的资源，必须写明共享条件（``share.condition``），并引用至少一项
    法律、法规、规章依据（``share.basis``）；没有依据的，应当无条件共享。

    依据：贵州 第二十一条；滨州 第五条；修武 第十八条。

    不通过：

        share:
          type: 有条件共享

    通过：

        share:
          type: 有条件共享
          condition: 仅向承担社会救助职责的部门提供，用于救助对象资格核查
          basis: [shehui-jiuzhu-banfa-52]
    """
    share = resource.share
    if share.type != "有条件共享":
        return
    if not share.condition:
        yield at(resource.doc, "R-001", "有条件共享必须写明共享条件（share.condition）", "share", "type")
    if not share.basis:
        yield at(
            resource.doc,
            "R-001",
            "有条件共享必须引用法律、法规或规章依据（share.basis）；没有依据的应当无条件共享（贵州 第二十一条）",
            "share",
            "type",
        )


@rule("R-002", "不予共享必须写明理由和法律依据（共享负面清单）")
def negative_share(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    “不予共享”的资源列入共享负面清单，须写明不予共享的理由（``share.condition``）和
    法律、法规、规章依据（``share.basis``），依据随负面清单一并公布。

    依据：吉林 第二十四条；滨州 第五条；修武 第十八条。

    不通过：

        share:
          type: 不予共享

    通过：

        share:
          type: 不予共享
          condition: 含个人统计调查资料，依法不得对外提供
          basis: [tongjifa-39]
    """
    share = resource.share
    if share.type != "不予共享":
        return
    if not share.basis:
        yield at(resource.doc, "R-002", "不予共享必须引用法律、法规或规章依据（share.basis），依据将在共享负面清单上公布（吉林 第二十四条）", "share", "type")
    if not share.condition:
        yield at(resource.doc, "R-002", "不予共享必须写明理由（share.condition）", "share", "type")


@rule("R-003", "依申请开放和不予开放必须写明法律依据")
def restricted_open(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    开放类型为“依申请开放”或“不予开放”的资源，其目录和限制开放的依据都要向社会公布，
    因此必须引用法律、法规、规章依据（``open.basis``），并写明条件或理由（``open.condition``）。

    依据：贵州 第二十八条、第二十九条；广西 第三十二条。

    不通过：

        open:
          type: 不予开放

    通过：

        open:
          type: 不予开放
          condition: 含个人身份信息
          basis: [pipl-13]
    """
    attribute = resource.open
    if attribute.type == "无条件开放":
        return
    if not attribute.basis:
        yield at(resource.doc, "R-003", f"{attribute.type}必须引用法律、法规或规章依据（open.basis），依据将向社会公布（贵州 第二十八条）", "open", "type")
    if not attribute.condition:
        word = "申请条件" if attribute.type == "依申请开放" else "不予开放的理由"
        yield at(resource.doc, "R-003", f"{attribute.type}必须写明{word}（open.condition）", "open", "type")


@rule("R-006", "共享类型或开放类型不在本辖区办法允许的范围内")
def allowed_types(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    各地办法规定的类型不同：贵州只有无条件共享和有条件共享两类（贵州 第二十条），
    不能共享的数据不纳入共享目录。允许的类型来自目录登记的规则配置（``registry.yaml`` 的 ``profile``）。

    不通过（规则配置为 guizhou 时）：

        share:
          type: 不予共享

    通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用
          basis: [pipl-13]
    """
    profile = context.catalog.profile
    if resource.share.type not in profile.share_types:
        allowed = "、".join(profile.share_types)
        where = f"（{profile.share_types_basis}）" if profile.share_types_basis else ""
        yield at(resource.doc, "R-006", f"{profile.name}的办法不允许“{resource.share.type}”，共享类型只能是 {allowed}{where}", "share", "type")
    if resource.open.type not in profile.open_types:
        allowed = "、".join(profile.open_types)
        yield at(resource.doc, "R-006", f"{profile.name}的办法不允许“{resource.open.type}”，开放类型只能是 {allowed}", "open", "type")


@rule("R-007", "基础信息资源必须无条件共享")
def base_unconditional(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    人口、法人单位、自然资源和空间地理、电子证照等基础信息资源（具体名单见规则配置）的
    基础数据项，必须在政务部门间无条件共享。

    依据：贵州 第二十二条；滨州 第十条；修武 第十九条；广西 第二十五条。

    不通过：

        classification: {class: 基础, item: 人口}
        share:
          type: 有条件共享

    通过：

        classification: {class: 基础, item: 人口}
        share:
          type: 无条件共享
    """
    if resource.classification["class"] != "基础" or resource.share.type == "无条件共享":
        return
    basis = context.catalog.profile.base_resources_basis
    yield at(resource.doc, "R-007", f"基础信息资源必须无条件共享，现在是“{resource.share.type}”（{basis}）", "share", "type")
