"""Public notices (公示) of pending delistings, dated from git history, never from the YAML.

A notice starts on the Asia/Shanghai date of the first commit, on the base branch's first-parent
history, from which the resource's status has been ``公示中`` without interruption. Its length and
unit come from the profile (``notice``, or ``notice_mounted`` when data is mounted) and its end is
counted by :meth:`generator.workdays.Calendar.period_end`. The notice is *due* (delisting may be
executed) from the day after its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from generator import gitrepo
from generator.holidays import calendar_from
from generator.model import STATUS_NOTICE
from generator.profiles import Period
from generator.workdays import CALENDAR, Calendar, UnknownYear
from generator.yamlfile import parse


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
    notice_end: str
    """Last day of the notice, inclusive; empty when it cannot be computed (see ``error``)."""
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
    """The notice has fully run (today is after ``notice_end``): the delisting may be executed."""
    remind_from: str = ""
    """From this day on, consumers get the before-the-end reminder."""
    error: str = ""
    """Why the end cannot be computed (in Chinese), e.g. a year without a holiday schedule."""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["consumers"] = list(self.consumers)
        return data


def find_notices(
    repo: Any,
    prefix: str,
    catalog: Any,
    today: str,
    rev: str = "HEAD",
    calendar: Calendar | None = None,
) -> list[Notice]:
    """Every resource of ``catalog`` with status 公示中, sorted by end date then code.

    ``repo`` is a GitPython repository, ``prefix`` the catalog folder relative to its root and
    ``rev`` the base branch (its first-parent history dates the notices).
    """
    if calendar is None:
        calendar = calendar_from(catalog)[0]
    notices = []
    for resource in catalog.resources:
        if resource.status != STATUS_NOTICE:
            continue
        path = repo_path(catalog, prefix, resource.path)
        start = notice_start(repo, rev, path)
        notices.append(notice_of(resource.doc.data, path, start, catalog.profile, calendar, today))
    return sorted(notices, key=lambda n: (n.notice_end or "9999", n.code))


def repo_path(catalog: Any, prefix: str, display: str) -> str:
    """The repository-relative path of a file shown as ``display`` by ``catalog``."""
    relative = display[len(catalog.prefix) + 1 :] if catalog.prefix else display
    return f"{prefix}/{relative}" if prefix else relative


def notice_start(repo: Any, rev: str, path: str) -> tuple[str, str] | None:
    """``(date, sha)`` of the commit from which ``path`` has been 公示中 up to ``rev``, or ``None``.

    The history follows renames: moving a department's folder is not a new application and does not
    restart the notice.
    """
    start = None
    while True:
        commits = gitrepo.log(repo, path, rev)
        for commit in commits:
            if status_at(repo, commit.sha, path) != STATUS_NOTICE:
                return start
            start = (commit.date, commit.sha)
        if not commits:
            return start
        # On notice since the commit that created ``path``: was that commit a rename?
        older = gitrepo.renamed_from(repo, commits[-1].sha, path)
        if older is None:
            return start
        path, rev = older, f"{commits[-1].sha}^"


def status_at(repo: Any, rev: str, path: str) -> str | None:
    raw = gitrepo.show(repo, rev, path)
    if raw is None:
        return None
    doc, _ = parse(raw, path)
    if doc is None or not isinstance(doc.data, dict):
        return None
    status = doc.data.get("status")
    return status if isinstance(status, str) else None


def period_for(profile: Any, mounted: bool) -> Period:
    """The notice period of the profile; a profile without one has a zero-day notice."""
    found = profile.deadline("notice_mounted" if mounted else "notice") or profile.deadline("notice")
    return found or Period(0, CALENDAR, "本辖区规则配置未规定公示期")


def notice_of(
    data: Mapping[str, Any],
    path: str,
    start: tuple[str, str] | None,
    profile: Any,
    calendar: Calendar,
    today: str,
) -> Notice:
    """The notice of the resource ``data`` (a parsed resource file) that started on ``start``.

    ``start`` is ``(date, commit)``; ``None`` when git history shows no start.
    """
    mounted = data.get("mounted") is True
    period = period_for(profile, mounted)
    fields: dict[str, Any] = {
        "code": str(data.get("code", "")),
        "department": str(data.get("department", "")),
        "path": path,
        "name": str(data.get("name", "")),
        "mounted": mounted,
        "consumers": tuple(str(c) for c in data.get("consumers") or ()),
        "notice_start": start[0] if start else "",
        "commit": start[1] if start else "",
        "unit": period.unit,
        "days": period.days,
        "basis": period.basis,
    }
    if start is None:
        error = "在基准分支的 git 历史中找不到该资源状态改为“公示中”的提交，无法确定公示开始日期"
        return Notice(**fields, notice_end="", days_left=0, due=False, error=error)
    try:
        end = calendar.period_end(dt.date.fromisoformat(start[0]), period.days, period.unit)
        now = dt.date.fromisoformat(today)
        left = calendar.days_between(now, end, period.unit) - calendar.days_between(
            end, now, period.unit
        )
        remind = reminder_day(profile, calendar, end)
    except UnknownYear as err:
        return Notice(**fields, notice_end="", days_left=0, due=False, error=str(err))
    return Notice(
        **fields,
        notice_end=end.isoformat(),
        days_left=left,
        due=now > end,
        remind_from=remind.isoformat(),
    )


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
