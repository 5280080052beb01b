"""Deadlines: for each kind a profile declares, the event that starts it and the day it is due.

Pure: it reads the catalog's records (legal bases, needs, corrections, open applications), the
profile and a :class:`generator.workdays.Calendar`; never the clock, git or files. Rules turn the
results into problems (R-005, R-036 to R-038), the site flags what is overdue, and
:func:`due_on` lists what is due on a day for the reminder bot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.profiles import Period, Profile
from generator.workdays import UnknownYear

BUREAU = ""
"""``Deadline.actor`` when the big-data bureau must act."""


@dataclass(frozen=True)
class Kind:
    """What a deadline kind means: the event that starts it, what must happen, what enforces it."""

    start: str
    action: str
    enforced_by: str
    """Rule id, or ``提醒机器人`` for what happens on the forge (open pull requests)."""


KINDS: dict[str, Kind] = {
    "catalog_update": Kind("所引用的法律依据废止之日（legal_bases.yaml 的 repealed）", "提供部门更新引用该依据的目录条目", "R-005"),
    "update_review": Kind("提供部门提交目录更新申请（拉取请求开启之日）", "大数据主管部门审核、更新目录", "提醒机器人"),
    "review_answer": Kind("提供部门提交下线申请（拉取请求开启之日）", "大数据主管部门回复受理结果", "提醒机器人"),
    "review_answer_mounted": Kind("提供部门提交已挂载数据的下线申请（拉取请求开启之日）", "大数据主管部门回复受理结果", "提醒机器人"),
    "notice": Kind("下线申请获批（“公示中”合并进主分支之日）", "公示期满后方可下线执行", "P-004"),
    "notice_mounted": Kind("已挂载数据的下线申请获批（“公示中”合并进主分支之日）", "公示期满后方可下线执行", "P-004"),
    "notice_reminder": Kind("公示期最后一天之前", "提醒使用部门公示即将期满", "提醒机器人"),
    "share_request_review": Kind("使用部门提出共享申请（needs.yaml 的 request.date）", "大数据主管部门完成初审（request.reviewed）", "R-036"),
    "conditional_share_answer": Kind("使用部门提出申请，或上一步完成之日（needs.yaml 的 request）", "提供部门答复（request.answered）", "R-036"),
    "share_request_push": Kind("提供部门答复之日（request.answered）", "大数据主管部门把答复推送给使用部门（request.delivered）", "R-036"),
    "city_share_review": Kind("向省级（自治区）提供部门提出申请（request.date；request.provider_level 为 省）", "自治区大数据发展局完成初审（request.reviewed）", "R-036"),
    "city_share_answer": Kind("使用部门提出申请，或初审通过之日（needs.yaml 的 request）", "提供部门完成审核（request.answered）", "R-036"),
    "city_share_final": Kind("提供部门完成审核之日（request.answered）", "自治区大数据发展局完成终审和反馈（request.delivered）", "R-036"),
    "city_share_feedback": Kind("获得授权之日（request.delivered）", "使用部门反馈使用情况和评价结果（request.feedback）", "R-036"),
    "correction_raise": Kind("使用部门对获取的数据产生疑义或发现明显错误之日（corrections 的 discovered）", "使用部门提出校核（corrections 的 requested）", "R-037"),
    "correction_check": Kind("使用部门申请校核之日（corrections 的 requested）", "提供部门完成校核（corrections 的 checked）", "R-037"),
    "correction_extension": Kind("校核期限届满（经提供部门主要负责人同意延长，corrections 的 extended）", "延长的校核期限不得超过此数", "R-037"),
    "open_application_review": Kind("收到依申请开放的申请表（applications 的 received）", "提供部门完成审核（applications 的 decided）", "R-038"),
    "open_application_provide": Kind("审核同意之日（applications 的 decided）", "开放所需数据（applications 的 opened）", "R-038"),
}


def action(kind: str, profile: Profile) -> str:
    """What must happen within ``kind`` under ``profile`` (the table's 应当完成 column)."""
    if kind == "catalog_update" and profile.deadline("update_review") is not None:
        return "提供部门申请更新目录（之后由大数据主管部门审核、更新，见 update_review；两段期限都届满仍未更新的为错误）"
    return KINDS[kind].action


@dataclass(frozen=True)
class Deadline:
    """One running or past deadline, computed from a record of the catalog."""

    kind: str
    what: str
    """What it is about, in Chinese, e.g. ``需求“企业登记信息”``."""
    path: str
    at: tuple[str | int, ...]
    """Field of ``path`` that records the start (for line numbers)."""
    actor: str
    """Department id that must act, or :data:`BUREAU`."""
    start: str
    due: str
    """Last day, inclusive; empty when it cannot be computed (see ``error``)."""
    done: str
    period: Period
    error: str = ""
    ref: str = ""
    """What the record refers to: the legal basis id of a ``catalog_update``, the need id of a request."""
    provisional: bool = False
    """``due`` is 暂定: counted across a year whose holiday schedule is not recorded yet."""
    by: str = ""
    """Who must act when :data:`BUREAU` does, as the profile names it (e.g. ``自治区大数据发展局``)."""

    @property
    def shown_due(self) -> str:
        """``due`` as shown to people: labelled 暂定 when provisional."""
        return f"{self.due}（暂定）" if self.due and self.provisional else self.due

    def overdue(self, today: str) -> bool:
        return not self.done and bool(self.due) and today > self.due

    @property
    def late(self) -> bool:
        return bool(self.done and self.due and self.done > self.due)

    def state(self, today: str) -> str:
        if self.error:
            return "无法计算"
        if self.done:
            return "逾期完成" if self.late else "按期完成"
        return "已逾期" if self.overdue(today) else "进行中"


def end(calendar: Any, start: str, period: Period, extra: int = 0) -> tuple[str, str, bool]:
    """``(due, error, provisional)``: the last day of ``period`` (plus ``extra`` days) started on
    ``start``, and whether it is 暂定 (a year it crosses has no recorded holiday schedule)."""
    try:
        first = dt.date.fromisoformat(start)
        day = calendar.period_end(first, period.days, period.unit)
        if extra:
            day = calendar.period_end(day, extra, period.unit)
    except UnknownYear as err:
        return "", str(err), False
    except ValueError:
        return "", f"日期 {start} 无法识别", False
    return day.isoformat(), "", bool(calendar.missing_years(first, day))


def update_period(profile: Profile) -> Period:
    """How long an entry may still cite a repealed basis: ``catalog_update``, and where the profile
    gives the bureau its own time to review the department's update application (``update_review``,
    修武 第十条: apply within 10 working days, the bureau updates within 5 more), both together."""
    period = profile.deadline("catalog_update") or Period(0, "工作日", "")
    review = profile.deadline("update_review")
    if review is None or review.unit != period.unit:
        return period
    basis = f"{period.basis}：提供部门 {period.days} 个{period.unit}内申请更新，大数据主管部门收到申请后 {review.days} 个{review.unit}内审核、更新"
    return Period(period.days + review.days, period.unit, basis)


def catalog_updates(resource: Any, bases: Mapping[str, Any], profile: Profile, calendar: Any) -> Iterator[Deadline]:
    """A resource citing a repealed basis must be updated within :func:`update_period` (a delisted
    entry is a record of the past and is left as it is)."""
    if resource.status == "已下线":
        return
    period = update_period(profile)
    for key in ("share", "open", "delisting"):
        attribute = getattr(resource, key)
        for index, basis_id in enumerate(attribute.basis if attribute else ()):
            basis = bases.get(basis_id)
            if basis is None or not basis.repealed:
                continue
            due, error, provisional = end(calendar, basis.repealed, period)
            what = f"《{basis.name.strip('《》')}》{basis.article}废止后更新目录"
            yield Deadline("catalog_update", what, resource.path, (key, "basis", index), resource.department, basis.repealed, due, "", period, error, basis_id, provisional=provisional)


_ACTORS = {"reviewed": BUREAU, "answered": "provider", "delivered": BUREAU, "feedback": "requester"}


def share_requests(catalog: Any, calendar: Any) -> Iterator[Deadline]:
    """Each step of each conditional-share request recorded in the needs lists, in order."""
    profile = catalog.profile
    level = catalog.registry.level if catalog.registry else ""
    for doc in catalog.extra.get("needs", []):
        requester = doc.path.rsplit("/", 2)[-2]
        for index, need in enumerate(doc.data["needs"]):
            request = need.get("request")
            if request:
                yield from _steps(profile, level, calendar, doc.path, index, need, request, requester)


def _steps(
    profile: Profile, level: str, calendar: Any, path: str, index: int, need: dict[str, Any],
    request: dict[str, Any], requester: str,
) -> Iterator[Deadline]:
    provider = need.get("provider", "")
    previous, at = request["date"], ("needs", index, "request", "date")
    for step in profile.steps(level):
        period = profile.deadline(step.deadline)
        if period is None or (step.provider_level and request.get("provider_level") != step.provider_level):
            continue
        if step.field == "feedback" and request.get("result") == "不同意":
            return
        due, error, provisional = end(calendar, previous, period)
        actor = {"provider": provider, "requester": requester}.get(_ACTORS[step.field], BUREAU)
        done = request.get(step.field, "")
        what = f"需求“{need['name']}”的共享申请"
        yield Deadline(step.deadline, what, path, at, actor, previous, due, done, period, error, need["id"], provisional=provisional, by=step.by)
        if not done:
            return
        previous, at = done, ("needs", index, "request", step.field)


def corrections(resource: Any, profile: Profile, calendar: Any, level: str = "") -> Iterator[Deadline]:
    """Raising and answering each error-verification (校核) request on ``resource``, in a catalog of
    registry ``level`` (a period the profile limits to other levels does not run)."""
    raise_period, check = profile.deadline("correction_raise", level), profile.deadline("correction_check", level)
    for index, entry in enumerate(resource.corrections):
        what = f"{entry['by']} 申请的数据校核"
        if raise_period and entry.get("discovered"):
            due, error, provisional = end(calendar, entry["discovered"], raise_period)
            at = ("corrections", index, "discovered")
            yield Deadline("correction_raise", what, resource.path, at, entry["by"], entry["discovered"], due, entry["requested"], raise_period, error, provisional=provisional)
        if check:
            due, error, provisional = end(calendar, entry["requested"], check, int(entry.get("extended", 0)))
            at = ("corrections", index, "requested")
            yield Deadline("correction_check", what, resource.path, at, resource.department, entry["requested"], due, entry.get("checked", ""), check, error, provisional=provisional)


def open_applications(resource: Any, profile: Profile, calendar: Any) -> Iterator[Deadline]:
    """Review of each application for 依申请开放 data, and opening the data once approved."""
    review, provide = profile.deadline("open_application_review"), profile.deadline("open_application_provide")
    for index, entry in enumerate(resource.applications):
        what = f"{entry['received']} 收到的开放申请"
        if review:
            due, error, provisional = end(calendar, entry["received"], review)
            at = ("applications", index, "received")
            yield Deadline("open_application_review", what, resource.path, at, resource.department, entry["received"], due, entry.get("decided", ""), review, error, provisional=provisional)
        if provide and entry.get("decided") and entry.get("result") == "同意":
            due, error, provisional = end(calendar, entry["decided"], provide)
            at = ("applications", index, "decided")
            yield Deadline("open_application_provide", what, resource.path, at, resource.department, entry["decided"], due, entry.get("opened", ""), provide, error, provisional=provisional)


def pull_request(profile: Profile, calendar: Any, opened: str, delisting: bool, mounted: bool) -> Deadline | None:
    """The bureau's answer to an application opened on ``opened`` (a pull request), if any."""
    kind = ("review_answer_mounted" if mounted else "review_answer") if delisting else "update_review"
    period = profile.deadline(kind)
    if period is None:
        return None
    due, error, provisional = end(calendar, opened, period)
    return Deadline(kind, "下线申请" if delisting else "目录更新申请", "", (), BUREAU, opened, due, "", period, error, provisional=provisional)


def everything(catalog: Any, calendar: Any) -> list[Deadline]:
    """Every deadline computed from the catalog's records, sorted by due date."""
    found = list(share_requests(catalog, calendar))
    level = catalog.registry.level if catalog.registry else ""
    for resource in catalog.resources:
        found += catalog_updates(resource, catalog.legal_bases, catalog.profile, calendar)
        found += corrections(resource, catalog.profile, calendar, level)
        found += open_applications(resource, catalog.profile, calendar)
    return sorted(found, key=lambda d: (d.due or "9999", d.path, d.kind))


def due_on(catalog: Any, calendar: Any, today: str, ahead: int = 2) -> list[Deadline]:
    """What the reminder bot should mention on ``today``: open deadlines that are overdue, due
    today, or due within ``ahead`` calendar days; deadlines that cannot be computed are listed too."""
    horizon = (dt.date.fromisoformat(today) + dt.timedelta(days=ahead)).isoformat()
    return [d for d in everything(catalog, calendar) if not d.done and (d.error or d.due <= horizon)]
