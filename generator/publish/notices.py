"""The site's notices: the notice domain's (:mod:`generator.notices.rules`), dated as ``catalog check``
dates them — by the forge's merge commits in the git history, since a site build has no forge token.

A static page is read for days after it is built, so it carries no "还剩 N 天": the reader's
browser counts down from the end date (``site_overrides/assets/catalog.js``). For a period in
working days it needs the calendar, so each notice carries the working days of its period, one
character a day, computed by the same :class:`~generator.law.workdays.Calendar` as the bot and the check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from generator.law.holidays import calendar_from
from generator.law.workdays import WORKING, Calendar
from generator.load.catalog import Catalog
from generator.notices.rules import Notice
from generator.notices.start import find_notices


@dataclass(frozen=True)
class SiteNotice(Notice):
    """A notice with what the reader's browser needs to count down."""

    workdays_from: str = ""
    """First day of ``workdays``: day 1 of the period."""
    workdays: str = ""
    """``1`` for a working day, ``0`` for a rest day, from ``workdays_from`` to ``notice_end``;
    empty for a period in calendar days or a notice without an end."""


def find(repo: Any, prefix: str, catalog: Catalog, today: str) -> list[SiteNotice]:
    """Every resource on notice as of ``today``, sorted by end date then code."""
    calendar = calendar_from(catalog)[0]
    return [_for_site(n, calendar) for n in find_notices(repo, prefix, catalog, today, calendar=calendar)]


def _for_site(notice: Notice, calendar: Calendar) -> SiteNotice:
    values = {f.name: getattr(notice, f.name) for f in fields(Notice)}
    if notice.unit != WORKING or not notice.notice_end or notice.due:
        return SiteNotice(**values)
    day = dt.date.fromisoformat(notice.counted_from) + dt.timedelta(days=1)
    end = dt.date.fromisoformat(notice.notice_end)
    first, flags = day.isoformat(), []
    while day <= end:
        flags.append("1" if calendar.is_workday(day) else "0")
        day += dt.timedelta(days=1)
    return SiteNotice(**values, workdays_from=first, workdays="".join(flags))


def public_summary(notice: Notice) -> str:
    """One sentence about a notice for the public, true on any later day (no countdown)."""
    if notice.error:
        return "公示开始日期待核实，截止日暂未确定。"
    when = "暂定，北京时间" if notice.provisional else "北京时间"
    return f"公示期 {notice.notice_start} 至 {notice.notice_end}（{when}）" + ("，已期满。" if notice.due else "。")
