"""Adapter to the notice stage: the resources on public notice (公示) before delisting.

``generator.notice.find_notices`` (the notice bot's stage) is used when it is installed; until
then a simple stand-in derives the notice period from the git history. Only this module knows
which one is in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.catalog import Catalog
from generator.gitrepo import Commit
from generator.model import STATUS_NOTICE


@dataclass(frozen=True)
class Notice:
    """A resource on public notice; the same fields as ``generator.notice.Notice``."""

    code: str
    department: str
    path: str
    name: str
    mounted: bool
    notice_start: str
    """First day of the notice, ``YYYY-MM-DD``."""
    notice_end: str
    """Last day of the notice, ``YYYY-MM-DD``; the resource may be delisted after it."""
    unit: str
    """``工作日`` or ``自然日``, as the profile counts this notice."""
    days_left: int
    """Days (in ``unit``) from the build date to ``notice_end``; 0 on the last day, negative after."""
    due: bool
    """The notice has ended: the resource may now be delisted."""
    error: str = ""
    """Why ``notice_end`` could not be computed (Chinese), e.g. a year without holiday schedule."""


def find(
    repo: Any, prefix: str, catalog: Catalog, today: str, history: dict[str, tuple[Commit, ...]]
) -> list[Notice]:
    """Every resource on notice as of ``today``, sorted by end date then code."""
    try:
        from generator.notice import find_notices  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        found = _fallback(catalog, today, history)
    else:
        found = [_copy(n) for n in find_notices(repo, prefix, catalog, today)] if repo else []
        if not repo:
            found = _fallback(catalog, today, history)
    return sorted(found, key=lambda n: (n.notice_end, n.code))


def _copy(notice: Any) -> Notice:
    fields: dict[str, Any] = {name: getattr(notice, name, "") for name in Notice.__dataclass_fields__}
    return Notice(**fields)


def _fallback(catalog: Catalog, today: str, history: dict[str, tuple[Commit, ...]]) -> list[Notice]:
    """Notice start = date of the newest commit of the file (or today); period from the profile."""
    notices = []
    for resource in catalog.resources:
        if resource.status != STATUS_NOTICE:
            continue
        period = catalog.profile.deadline("notice_mounted" if resource.mounted else "notice")
        if period is None:
            continue
        commits = history.get(resource.path, ())
        start = commits[0].date if commits else today
        end = _add(start, period.days, period.working)
        left = _count(today, end, period.working)
        notices.append(
            Notice(
                resource.code, resource.department, resource.path, resource.name, resource.mounted,
                start, end, period.unit, left, today > end,
            )
        )
    return notices


def _workday(day: dt.date) -> bool:
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    except (ImportError, NotImplementedError):
        return day.weekday() < 5


def _add(start: str, days: int, working: bool) -> str:
    day = dt.date.fromisoformat(start)
    if not working:
        return (day + dt.timedelta(days=days - 1)).isoformat()
    counted = 0
    while True:
        if _workday(day):
            counted += 1
            if counted == days:
                return day.isoformat()
        day += dt.timedelta(days=1)


def _count(today: str, end: str, working: bool) -> int:
    first, last = dt.date.fromisoformat(today), dt.date.fromisoformat(end)
    sign = 1 if last >= first else -1
    low, high = min(first, last), max(first, last)
    if not working:
        return sign * (high - low).days
    days = sum(1 for n in range(1, (high - low).days + 1) if _workday(low + dt.timedelta(days=n)))
    return sign * days
