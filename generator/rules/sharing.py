"""Share and open attributes: conditions, legal bases, filing, types the profile allows.

Messages name no article: the profile adds its own (see :mod:`generator.rules`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule


@rule("R-001", "有条件共享必须写明共享条件")
def conditional_share(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    共享类型为“有条件共享”的资源，必须写明共享条件（``share.condition``）：可以提供给哪些部门、
    按什么条件提供，使用部门据此提出申请。

    依据（按规则配置）：贵州 第二十一条（仅能按特定条件提供）；修武 第二十二条（说明共享条件）。
    滨州 第五条只界定有条件共享类，没有要求目录写明条件，只作提示；吉林、广西的办法没有此项规定，
    沿用全国基线，只作建议。

    不通过：

        share:
          type: 有条件共享

    通过：

        share:
          type: 有条件共享
          condition: 仅向承担社会救助职责的部门提供，用于救助对象资格核查
    """
    if resource.share.type == "有条件共享" and not resource.share.condition:
        yield at(resource.doc, "R-001", "有条件共享必须写明共享条件（share.condition）", "share", "type")


@rule("R-025", "有条件共享必须有法律、法规、规章依据")
def conditional_basis(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    认定为有条件共享的数据，应当提供相关法律、法规、规章规定依据（``share.basis``），否则应当
    无条件共享。只有贵州的办法有此规定；滨州、修武、吉林、广西的办法没有要求有条件共享提供
    法律依据，在这些配置中本规则不适用。

    依据（按规则配置）：贵州 第二十一条。

    不通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用

    通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用
          basis: [shehui-jiuzhu-banfa-52]
    """
    if resource.share.type == "有条件共享" and not resource.share.basis:
        yield at(resource.doc, "R-025", "有条件共享必须引用法律、法规或规章依据（share.basis）；没有依据的应当无条件共享", "share", "type")


@rule("R-026", "有条件共享的依据未报备案")
def conditional_filing(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    有条件共享的法律依据须报省大数据发展管理局备案。请在 ``share.filing`` 中写明备案文号
    （``ref``）和备案日期（``date``），审核人据此核对。只有贵州的办法有此规定。

    依据（按规则配置）：贵州 第二十一条。

    不通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用
          basis: [jingwu]

    通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用
          basis: [jingwu]
          filing: {ref: 黔数备〔2025〕12号, date: "2025-01-10"}
    """
    if resource.share.type == "有条件共享" and not resource.share.filing:
        yield at(resource.doc, "R-026", "有条件共享的依据须报省大数据发展管理局备案：请在 share.filing 中写明备案文号（ref）和备案日期（date）", "share", "type")


@rule("R-002", "不予共享必须引用依据")
def negative_share(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    “不予共享”的资源须引用不予共享的依据（``share.basis``）。哪些依据可以接受由本辖区办法决定：
    吉林只接受法律、法规、规章，并把这些数据列入共享负面清单、随清单公布依据；滨州还接受上级
    政策依据；广西接受法律法规或文件依据。依据的类别写在 ``legal_bases.yaml`` 的 ``kind`` 中。

    依据（按规则配置）：吉林 第二十四条；滨州 第五条；广西 第四十七条（六）。修武的办法没有此项
    规定，沿用全国基线，只作建议；贵州的办法没有“不予共享”这一类型（见 R-006）。

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
    profile = context.catalog.profile
    if not share.basis:
        listed = "，依据随共享负面清单公布" if profile.list_bases.get("share_negative") else ""
        yield at(resource.doc, "R-002", f"不予共享必须引用依据（share.basis）{listed}", "share", "type")
        return
    accepts = profile.setting("R-002").accepts
    bases = context.catalog.legal_bases
    kinds = [bases[b].kind for b in share.basis if b in bases]
    if accepts and kinds and all(kind and kind not in accepts for kind in kinds):
        shown = "、".join(dict.fromkeys(kinds))
        yield at(
            resource.doc, "R-002", f"不予共享所引用的依据都是“{shown}”，本辖区只接受{'、'.join(accepts)}作为不予共享的依据", "share", "basis"
        )


@rule("R-003", "依申请开放和不予开放必须写明法律依据")
def restricted_open(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    开放类型为“依申请开放”或“不予开放”的资源，其目录和限制开放的依据都要向社会公布，
    因此必须引用法律、法规、规章依据（``open.basis``）。

    依据（按规则配置）：贵州 第二十八条。其他辖区的办法没有要求在目录中公布限制开放的依据，
    本规则不适用。

    不通过：

        open:
          type: 不予开放

    通过：

        open:
          type: 不予开放
          condition: 含个人身份信息
          basis: [pipl-25]
    """
    attribute = resource.open
    if attribute.type != "无条件开放" and not attribute.basis:
        yield at(resource.doc, "R-003", f"{attribute.type}必须引用限制开放的依据（open.basis），依据将向社会公布", "open", "type")


@rule("R-006", "共享类型或开放类型不在本辖区办法允许的范围内")
def allowed_types(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    各地办法规定的类型不同：贵州只有无条件共享和有条件共享两类，不能共享的数据不纳入共享目录；
    开放类型见贵州 第二十八条、广西 第三十二条。允许的类型来自目录登记的规则配置
    （``registry.yaml`` 的 ``profile``）。

    依据（按规则配置）：贵州 第二十条、第二十八条；滨州 第五条；修武 第十八条；广西 第三十二条。

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
    for key, allowed, basis in (("share", profile.share_types, profile.share_types_basis), ("open", profile.open_types, profile.open_types_basis)):
        value = getattr(resource, key).type
        if value not in allowed:
            where = f"（{basis}）" if basis else ""
            label = "共享类型" if key == "share" else "开放类型"
            yield at(resource.doc, "R-006", f"{profile.name}的办法没有“{value}”这一类型，{label}只能是 {'、'.join(allowed)}{where}", key, "type")
