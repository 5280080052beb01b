"""Deadlines of requests recorded in the catalog: share requests, error checks, open applications.

The dates come from the files (needs lists and resource records), the periods from the profile,
and the arithmetic from :mod:`generator.deadlines`. Overdue steps are warnings: the file belongs to
one department while another may be late, and a warning never stops the site from publishing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator import deadlines
from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule


def _who(deadline: deadlines.Deadline, context: Context) -> str:
    actor = deadline.actor
    if actor == deadlines.BUREAU:
        return deadline.by or "大数据主管部门"
    department = context.catalog.departments.get(actor)
    return department.name if department else f"“{actor}”"


def _report(doc: Any, rule_id: str, deadline: deadlines.Deadline, context: Context) -> Iterator[Problem]:
    action = deadlines.KINDS[deadline.kind].action
    period = deadline.period.describe()
    if deadline.error:
        yield at(doc, rule_id, f"{deadline.what}：无法计算期限：{deadline.error}", *deadline.at, level="warning")
    elif deadline.overdue(context.today):
        message = (
            f"{deadline.what}已逾期：{action}的期限至 {deadline.shown_due}，自 {deadline.start} 起 {period}；"
            f"应由{_who(deadline, context)}办理"
        )
        yield at(doc, rule_id, message, *deadline.at, level="warning")
    elif deadline.late:
        message = f"{deadline.what}逾期完成：{action}的期限至 {deadline.shown_due}，实际 {deadline.done}，自 {deadline.start} 起 {period}"
        yield at(doc, rule_id, message, *deadline.at, level="warning")


@rule("R-036", "共享申请逾期未办理，或不同意共享没有依据", scope="catalog", level="warning")
def share_requests(context: Context) -> Iterator[Problem]:
    """
    使用部门在需求清单（``needs.yaml``）中记录向提供部门提出的共享申请（``request.date``）和各步骤
    完成的日期。每一步的期限从上一步完成之日起算（第一步从申请之日起算），次日为第 1 天，按工作日
    计算；分步计算，不合并成一个总期限。某一步已过期限仍未完成，或完成日期晚于期限，给出警告，
    网站的需求清单和部门页标出“已逾期”，提醒机器人列出当天到期和逾期的申请。提供部门不同意
    共享时，须在 ``request.reason`` 中写明依据或理由；办法只接受某几类依据的（吉林：法律、法规、
    规章），须在 ``request.basis`` 中引用这样的依据（依据的类别写在 ``legal_bases.yaml`` 的
    ``kind`` 中）。

    有的办法只对某一级别的提供部门另设步骤（广西 第三十条（一）：提供部门为自治区行政职能部门的，
    先由自治区大数据发展局初审）：提供部门不是本目录的部门时，请在 ``request.provider_level`` 中写明
    它的行政级别（省或市、县），没有写明时给出提示。

    依据（按规则配置）：贵州 第二十四条（提供部门 10 个工作日内答复）；滨州 第十七条（5 个工作日，
    不予共享须说明理由）；广西 第二十九条（区级：自治区大数据发展局初审 2、提供部门答复 5、自治区
    大数据发展局推送 2 个工作日）、第三十条（市级：提供部门为自治区部门的，自治区大数据发展局初审 2；
    提供部门审核 3；自治区大数据发展局终审和反馈 2；获得授权后 5 个工作日内反馈使用情况）。广西的
    县级目录没有规定期限，不计算。吉林 第二十四条（没有法律、法规、规章依据，不得拒绝共享要求；
    没有答复期限）。

    不通过（滨州，2026-03-02 申请，到 2026-03-20 仍未答复）：

        needs:
          - id: qiye-dengji
            name: 企业登记信息
            purpose: 核实低保申请人名下企业
            items: [统一社会信用代码]
            provider: shichang
            request: {date: "2026-03-02"}

    通过：

            request: {date: "2026-03-02", answered: "2026-03-06", result: 同意}
    """
    catalog = context.catalog
    docs = {doc.path: doc for doc in catalog.extra.get("needs", [])}
    for deadline in deadlines.share_requests(catalog, context.calendar):
        yield from _report(docs[deadline.path], "R-036", deadline, context)
    steps = catalog.profile.steps(catalog.registry.level if catalog.registry else "")
    by_level = sorted({step.provider_level for step in steps if step.provider_level})
    for doc in docs.values():
        for index, need in enumerate(doc.data["needs"]):
            request = need.get("request") or {}
            provider = need.get("provider", "")
            if request and by_level and not request.get("provider_level") and provider not in catalog.departments:
                message = (
                    f"需求“{need['name']}”的提供部门{f'“{provider}”' if provider else ''}不是本目录的部门：请在 request.provider_level "
                    f"中写明它的行政级别（省、市或县），提供部门为{'、'.join(by_level)}级部门时另有步骤和期限"
                )
                yield at(doc, "R-036", message, "needs", index, "request", "date")
            yield from _refusal(doc, index, need, context)


def _refusal(doc: Any, index: int, need: dict[str, Any], context: Context) -> Iterator[Problem]:
    """A refused request must say why; where the profile accepts only some kinds of basis for a
    refusal (吉林 第二十四条: 法律、法规、规章), it must cite one of them (``request.basis``)."""
    request = need.get("request") or {}
    if request.get("result") != "不同意":
        return
    cited = request.get("basis") or []
    accepts = context.catalog.profile.setting("R-036").accepts
    if not accepts:
        if not request.get("reason") and not cited:
            yield at(doc, "R-036", f"需求“{need['name']}”的共享申请未获同意：请在 request.reason 中写明不同意的依据或理由", "needs", index, "request", "result")
        return
    bases = context.catalog.legal_bases
    kinds = [bases[b].kind for b in cited if b in bases]
    if not kinds or all(kind and kind not in accepts for kind in kinds):
        message = (
            f"需求“{need['name']}”的共享申请被拒绝，但没有引用{'、'.join(accepts)}依据（request.basis，须在 legal_bases.yaml 中登记）："
            "没有这样的依据，不得拒绝共享要求"
        )
        yield at(doc, "R-036", message, "needs", index, "request", "result")


@rule("R-045", "申请使用有条件共享或不予共享的数据，没有提供法律政策依据", scope="catalog")
def request_basis(context: Context) -> Iterator[Problem]:
    """
    申请使用有条件共享或不予共享数据的部门，须提供与申请使用的数据有关的法律政策依据：在需求清单
    （``needs.yaml``）中提出了共享申请（``request``）的需求，须在 ``basis`` 中引用依据（须在
    ``legal_bases.yaml`` 中登记）；用途（``purpose``）写明履职需要。申请的资源（``request.resource``）
    在本目录中是无条件共享的，不要求依据。

    依据（按规则配置）：修武 第十九条（一）（申请使用的部门“负责提供与申请使用数据资源有关的法律
    政策依据、部门职责依据和政务业务需求”）。其他辖区的办法没有此项规定，本规则不适用。

    不通过：

        needs:
          - id: hunyin
            name: 婚姻登记信息
            purpose: 户口迁移时核验婚姻关系
            items: [结婚证字号]
            provider: minzheng
            request: {date: "2026-03-02"}

    通过：

          - id: hunyin
            name: 婚姻登记信息
            purpose: 户口迁移时核验婚姻关系
            items: [结婚证字号]
            provider: minzheng
            basis: [hukou-dengji-tiaoli-10]
            request: {date: "2026-03-02"}
    """
    shared = {resource.code: resource.share.type for resource in context.catalog.resources}
    for doc in context.catalog.extra.get("needs", []):
        for index, need in enumerate(doc.data["needs"]):
            request = need.get("request")
            if not request or need.get("basis") or shared.get(request.get("resource", "")) == "无条件共享":
                continue
            message = f"需求“{need['name']}”提出了共享申请，须在 basis 中引用与申请使用的数据有关的法律政策依据"
            yield at(doc, "R-045", message, "needs", index, "request")


@rule("R-037", "数据校核逾期或延长超限")
def corrections(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    使用部门对数据有疑义或发现错误，向提供部门申请校核，记录在资源文件的 ``corrections`` 中
    （申请日期 ``requested``、申请部门 ``by``、完成日期 ``checked``）。提供部门须在期限内完成校核；
    经主要负责人同意可以延长（``extended``），但延长不得超过规定的上限，超过是错误。逾期未完成或
    逾期完成是警告，网站和提醒机器人同样标出。广西的区级流程还要求使用部门对获取的数据有疑义或发现
    明显错误后 2 个工作日内提出校核：从发现之日（``discovered``）起算，不从获取数据之日起算。

    依据（按规则配置）：修武 第十四条（10 个工作日，延长不超过 10 个工作日）；广西 第二十九条（五）
    （有疑义或发现明显错误后 2 个工作日内提出，提供部门 3 个工作日内反馈；只适用于自治区级的
    数据需求部门，即登记为省级的目录）。

    不通过（修武，延长 15 个工作日）：

        corrections:
          - {requested: "2026-03-02", by: minzheng, extended: 15}

    通过：

        corrections:
          - {requested: "2026-03-02", by: minzheng, extended: 5, checked: "2026-03-20"}
    """
    profile = context.catalog.profile
    limit = profile.deadline("correction_extension")
    for index, entry in enumerate(resource.corrections):
        extended = int(entry.get("extended", 0))
        if extended and (limit is None or extended > limit.days):
            allowed = f"不得超过 {limit.days} 个{limit.unit}" if limit else "本辖区办法没有规定可以延长"
            yield at(resource.doc, "R-037", f"校核期限延长了 {extended} 个工作日，{allowed}", "corrections", index, "extended")
    level = context.catalog.registry.level if context.catalog.registry else ""
    for deadline in deadlines.corrections(resource, profile, context.calendar, level):
        yield from _report(resource.doc, "R-037", deadline, context)


@rule("R-038", "依申请开放的申请逾期未办理", level="warning")
def open_applications(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    自然人、法人和非法人组织对依申请开放的数据提交申请表后，数据提供部门应在期限内完成审核；
    审核通过的，在期限内开放所需数据；审核未通过的，必须写明不予开放的依据或理由。申请记录在
    资源文件的 ``applications`` 中（不记录申请人的任何信息）。

    依据（按规则配置）：广西 第三十三条（收到起 3 个工作日内审核，通过后 5 个工作日内开放）。
    其他辖区的办法没有规定期限（贵州 第三十条只要求“及时响应”），本规则不适用。

    不通过（广西，2026-03-02 收到，到 2026-03-10 仍未审核）：

        open:
          type: 依申请开放
        applications:
          - {received: "2026-03-02"}

    通过：

        applications:
          - {received: "2026-03-02", decided: "2026-03-04", result: 同意, opened: "2026-03-09"}
    """
    for index, entry in enumerate(resource.applications):
        if entry.get("result") == "不同意" and not entry.get("reason"):
            yield at(resource.doc, "R-038", "开放申请审核未通过，必须写明不予开放的依据或理由（reason）", "applications", index, "result")
    for deadline in deadlines.open_applications(resource, context.catalog.profile, context.calendar):
        yield from _report(resource.doc, "R-038", deadline, context)
