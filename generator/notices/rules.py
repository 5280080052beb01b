"""The rules of a public notice (公示) of a pending delisting, with no git and no forge.

* **Start.** The day the resource's ``公示中`` status reached the base branch, as a trusted clock
  dates it (:mod:`generator.notices.start`: the forge's record of the merge, or the merge commit the
  forge made), never a date the applicant can write. Without a trusted start there is no end and
  the notice is never due.
* **Terms.** Whether data is mounted (the longer ``notice_mounted`` period, 广西 第二十七条) and the
  consumer departments to notify are fixed when the notice starts. A later edit can only widen
  them: widening restarts the notice from that edit, so a department added late still gets a full
  notice; narrowing (``mounted: true → false``, a consumer removed) changes nothing here and is
  refused at review (P-008).
* **End.** Length and unit come from the profile; the end is counted by
  :meth:`generator.law.workdays.Calendar.period_end` and is provisional (暂定) while a year it crosses has
  no recorded holiday schedule.
* **Due.** From ``executable_from``, the day after the end, the delisting may be executed — never
  while the end is provisional. Consumers are reminded from ``remind_from``.
* **Late announcement.** If the announcement to the consumers came after the notice's first day,
  :func:`announced` counts the notice from the announcement instead: nobody is told after the fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from generator.law.profiles import Period
from generator.law.workdays import CALENDAR, Calendar, UnknownYear, missing_text

NO_START = "在主分支的历史中找不到该资源状态改为“公示中”的提交，无法确定公示开始日期"


@dataclass(frozen=True)
class Terms:
    """What a notice promises: which period applies and whom to notify."""

    mounted: bool
    consumers: tuple[str, ...]

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Terms:
        consumers = data.get("consumers")
        listed = consumers if isinstance(consumers, list) else []
        return cls(data.get("mounted") is True, tuple(str(c) for c in listed))

    def widened(self, other: Terms) -> Terms:
        """Both terms together: mounted if either is, every consumer of either."""
        return Terms(self.mounted or other.mounted, tuple(dict.fromkeys(self.consumers + other.consumers)))

    def narrowed_by(self, other: Terms) -> list[str]:
        """What ``other`` drops from these terms, in Chinese (empty when it drops nothing)."""
        lost = ["不再标明已挂载数据（公示期会变短）"] if self.mounted and not other.mounted else []
        gone = [c for c in self.consumers if c not in other.consumers]
        return lost + ([f"删去了使用部门 {'、'.join(gone)}"] if gone else [])


@dataclass(frozen=True)
class Start:
    """Where a notice starts on the base branch."""

    commit: str
    """The commit that brought the ``公示中`` status (or the last widening of the terms)."""
    day: str
    """Its Asia/Shanghai date by a trusted clock; empty when no trusted clock could date it."""
    source: str
    """How the day was established, or why it could not be (Chinese)."""
    terms: Terms
    """The terms in force: those at the start, widened by every later edit."""


@dataclass(frozen=True)
class Notice:
    """One resource on public notice, as of a given day."""

    code: str
    department: str
    path: str
    """Repository-relative path of the resource file."""
    name: str
    mounted: bool
    """Data mounted: the longer ``notice_mounted`` period applies (广西 第二十七条)."""
    consumers: tuple[str, ...]
    """Consumer departments to notify."""
    notice_start: str
    """Date the ``公示中`` status landed on the base branch (Asia/Shanghai); day 1 is the next day."""
    commit: str
    """The commit that landed it."""
    start_source: str
    """How ``notice_start`` was established (the forge's record or the forge's merge commit)."""
    notice_end: str
    """Last day of the notice, inclusive; empty when it cannot be computed (see ``error``)."""
    provisional: bool
    """``notice_end`` is 暂定: a year it crosses has no recorded holiday schedule."""
    executable_from: str
    """First day the delisting may be executed (the day after ``notice_end``)."""
    unit: str
    """``工作日`` or ``自然日``."""
    days: int
    """Length of the notice in ``unit``."""
    basis: str
    """The article that sets the period."""
    days_left: int
    """Days of ``unit`` after today up to and including ``notice_end``: 0 on the last day,
    negative (days since the end) once the notice has run."""
    due: bool
    """The notice has fully run and its end is exact: the delisting may be executed."""
    remind_from: str = ""
    """From this day on, consumers get the before-the-end reminder."""
    counted_from: str = ""
    """The day the period is counted from: ``notice_start``, or the day before a late announcement."""
    missing_years: tuple[int, ...] = ()
    """Years counted without a recorded holiday schedule (why ``provisional``)."""
    error: str = ""
    """Why there is no end (in Chinese), e.g. no trusted start."""

    @property
    def provisional_reason(self) -> str:
        return missing_text(self.missing_years) if self.missing_years else ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["consumers"] = list(self.consumers)
        data["missing_years"] = list(self.missing_years)
        return data


def starting_point(run: Sequence[tuple[str, Terms]]) -> tuple[str, Terms]:
    """Where a notice starts and its terms in force, from ``run``: the commits (newest first) from
    which the resource has been on notice without interruption, each with its terms. The start is
    the oldest commit, or the last one that widened the terms; narrowing is ignored."""
    at, terms = run[-1]
    for sha, seen in reversed(run[:-1]):
        wider = terms.widened(seen)
        if wider != terms:
            at, terms = sha, wider
    return at, terms


def period_for(profile: Any, mounted: bool) -> Period:
    """The notice period of the profile; a profile without one has a zero-day notice."""
    found = profile.deadline("notice_mounted" if mounted else "notice") or profile.deadline("notice")
    return found or Period(0, CALENDAR, "本辖区规则配置未规定公示期")


def notice_of(
    data: Mapping[str, Any], path: str, start: Start | None, profile: Any, calendar: Calendar, today: str
) -> Notice:
    """The notice of the resource ``data`` (a parsed resource file) that started at ``start``."""
    terms = start.terms if start is not None else Terms.of(data)
    period = period_for(profile, terms.mounted)
    notice = Notice(
        code=str(data.get("code", "")),
        department=str(data.get("department", "")),
        path=path,
        name=str(data.get("name", "")),
        mounted=terms.mounted,
        consumers=terms.consumers,
        notice_start=start.day if start else "",
        commit=start.commit if start else "",
        start_source=start.source if start and start.day else "",
        notice_end="",
        provisional=False,
        executable_from="",
        unit=period.unit,
        days=period.days,
        basis=period.basis,
        days_left=0,
        due=False,
    )
    if start is None or not start.day:
        return replace(notice, error=start.source if start else NO_START)
    return counted(notice, start.day, profile, calendar, today)


def counted(notice: Notice, day: str, profile: Any, calendar: Calendar, today: str) -> Notice:
    """``notice`` with its end, due date and reminder counted from ``day`` (day 1 is the next day)."""
    start = dt.date.fromisoformat(day)
    try:
        end = calendar.period_end(start, notice.days, notice.unit)
        now = dt.date.fromisoformat(today)
        left = calendar.days_between(now, end, notice.unit) - calendar.days_between(end, now, notice.unit)
        remind = reminder_day(profile, calendar, end)
    except UnknownYear as err:
        return replace(notice, error=str(err))
    missing = calendar.missing_years(start, end)
    executable = end + dt.timedelta(days=1)
    return replace(
        notice,
        notice_end=end.isoformat(),
        provisional=bool(missing),
        missing_years=missing,
        executable_from=executable.isoformat(),
        days_left=left,
        due=now >= executable and not missing,
        remind_from=remind.isoformat(),
        counted_from=day,
    )


def announced(notice: Notice, day: str, profile: Any, calendar: Calendar, today: str) -> Notice:
    """``notice`` as it runs for consumers told on ``day`` (Asia/Shanghai).

    An announcement on the notice's first day (the day after the start) or earlier is on time; a
    later one (the bot was down, or could not date the notice before) starts the count again: day 1
    is the day of the announcement.
    """
    if not notice.notice_start or notice.error:
        return notice
    first = dt.date.fromisoformat(notice.notice_start) + dt.timedelta(days=1)
    told = dt.date.fromisoformat(day)
    if told <= first:
        return notice
    return counted(notice, (told - dt.timedelta(days=1)).isoformat(), profile, calendar, today)


def reminder_day(profile: Any, calendar: Calendar, end: dt.date) -> dt.date:
    """First day of the before-the-end reminder (profile ``notice_reminder``, default 7 days)."""
    period = profile.deadline("notice_reminder") or Period(7, CALENDAR, "")
    if period.unit == CALENDAR:
        return end - dt.timedelta(days=period.days)
    day, left = end, period.days
    while left > 0:
        day -= dt.timedelta(days=1)
        left -= calendar.is_workday(day)
    return day
