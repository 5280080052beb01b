"""Fields some regulations require that the catalog standard leaves optional."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule


@rule("R-029", "缺少使用要求")
def usage_required(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    目录须写明数据的元数据、来源业务、类别、共享和开放属性、级别、使用要求、更新周期等。
    其中“使用要求”（``usage``）在目录标准中是选填项，贵州的办法要求写明：使用部门据此知道
    数据能用于什么、不能做什么。

    依据（按规则配置）：贵州 第十条。其他辖区的办法没有此项规定，本规则不适用。

    不通过：

        share:
          type: 无条件共享

    通过：

        share:
          type: 无条件共享
        usage: 仅限本部门履职使用，不得向第三方提供
    """
    if not resource.usage:
        yield at(resource.doc, "R-029", "请写明使用要求（usage），例如“仅限本部门履职使用，不得向第三方提供”", "share", "type")


_SHARED = ("无条件共享", "有条件共享")


@rule("R-033", "缺少共享范围或用途")
def share_details(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    提供部门上报数据资源的共享属性时，须说明共享范围（``share.scope``，例如“全县政务部门”）和
    具体用途（``share.purpose``，例如作为行政依据、工作参考，用于数据校核、业务协同）。共享条件见
    R-001，交换方式见 R-043。不予共享的资源不要求这些字段。

    依据（按规则配置）：修武 第二十二条（上报共享属性时说明共享条件、共享范围和具体用途）；
    滨州 第十七条、贵州 第二十四条第二款（提供共享数据时明确共享范围和使用用途：在提供时，而不是
    编目时，所以只作提示）。其他辖区的办法没有此项规定，本规则不适用。

    不通过：

        share:
          type: 无条件共享

    通过：

        share:
          type: 无条件共享
          scope: 全县政务部门
          purpose: [作为行政依据, 用于数据校核]
    """
    share = resource.share
    if share.type not in _SHARED:
        return
    missing = [label for value, label in ((share.scope, "共享范围（scope）"), (share.purpose, "用途（purpose）")) if not value]
    if missing:
        yield at(resource.doc, "R-033", f"{share.type}的资源须写明{'、'.join(missing)}", "share", "type")


@rule("R-043", "没有写明交换方式", level="warning")
def share_methods(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    共享的资源可以写明交换方式（``share.methods``：数据接口、联机查询、批量下载、数据库推送、
    系统对接、前置机共享、在线查询等），使用部门据此准备对接。有的办法列举了交换方式，但没有要求
    在目录中写明，所以这条规则只是提示（警告），不阻止合并。不予共享的资源不要求这一字段。

    依据（按规则配置）：修武 第二十二条第二款（“数据资源共享交换方式主要包括数据接口、联机查询、
    批量下载、数据库推送等”）；滨州 第十七条（系统对接、前置机共享、在线查询、部门批量下载等方式）。
    其他辖区的办法没有列举交换方式，本规则不适用。

    不通过（提示）：

        share:
          type: 无条件共享
          scope: 全县政务部门
          purpose: [用于数据校核]

    通过：

        share:
          type: 无条件共享
          scope: 全县政务部门
          purpose: [用于数据校核]
          methods: [数据接口]
    """
    share = resource.share
    if share.type in _SHARED and not share.methods:
        yield at(resource.doc, "R-043", "建议写明交换方式（share.methods），例如数据接口、联机查询、批量下载；办法列举了交换方式，但没有要求在目录中写明，只作提示", "share", "type")
