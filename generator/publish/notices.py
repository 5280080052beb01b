"""The site's notices: the notice domain's (:mod:`generator.notices.rules`), dated as ``catalog check``
dates them — by the forge's merge commits in the git history, since a site build has no forge token.

A static page is read for days after it is built, so it carries no "还剩 N 天": the reader's
browser counts down from the end date (``site_overrides/assets/catalog.js``). For a period in
working days it needs the calendar, so each notice carries the working days of its period, one
character a day, computed by the same :class:`~generator.law.workdays.Calendar` as the bot and the check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass, fields
from typing import Any

from generator.caching.store import Store
from generator.gitrepo import Commit
from generator.law.holidays import calendar_from
from generator.law.workdays import WORKING, Calendar
from generator.load.catalog import Catalog
from generator.notices.rules import Notice, Start, Terms
from generator.notices.start import Clock, find_notices, find_start, merge_committers


@dataclass(frozen=True)
class SiteNotice(Notice):
    """A notice with what the reader's browser needs to count down."""

    workdays_from: str = ""
    """First day of ``workdays``: day 1 of the period."""
    workdays: str = ""
    """``1`` for a working day, ``0`` for a rest day, from ``workdays_from`` to ``notice_end``;
    empty for a period in calendar days or a notice without an end."""


def find(
    repo: Any, prefix: str, catalog: Catalog, today: str,
    history: dict[str, tuple[Commit, ...]] | None = None, store: Store | None = None,
) -> list[SiteNotice]:
    """Every resource on notice as of ``today``, sorted by end date then code.

    With ``history`` (each file's commits) and a ``store``, each notice's start is kept between
    builds by the newest commit of its file: a start depends on nothing else, and finding it
    walks the file's history in git."""
    calendar = calendar_from(catalog)[0]
    starts = _Starts(prefix, catalog, history, store) if history is not None and store is not None else None
    found = find_notices(repo, prefix, catalog, today, calendar=calendar, start_of=starts.find if starts else None)
    if starts is not None:
        starts.save()
    return [_for_site(n, calendar) for n in found]


class _Starts:
    """Notice starts remembered by (file, its newest commit, the forge's committers)."""

    NAME = "notice-starts.json"

    def __init__(self, prefix: str, catalog: Catalog, history: dict[str, tuple[Commit, ...]], store: Store) -> None:
        self.prefix, self.catalog, self.history, self.store = prefix, catalog, history, store
        self.committers = "\0".join(sorted(merge_committers(catalog.registry)))
        self.known: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        payload = store.read(self.NAME)
        if payload is not None:
            with contextlib.suppress(ValueError):
                loaded = json.loads(payload)
                self.known = loaded if isinstance(loaded, dict) else {}

    def find(self, repo: Any, rev: str, path: str, clock: Clock) -> Start | None:
        commits = self.history.get(path, ())
        key = f"{rev}\0{path}\0{commits[0].sha if commits else ''}\0{self.committers}"
        if key in self.known:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                self.used[key] = self.known[key]
                return _start(self.known[key])
        start = find_start(repo, rev, path, clock)
        self.used[key] = None if start is None else {
            "commit": start.commit, "day": start.day, "source": start.source,
            "mounted": start.terms.mounted, "consumers": list(start.terms.consumers),
        }
        return start

    def save(self) -> None:
        if self.used != self.known:
            self.store.write(self.NAME, json.dumps(self.used, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _start(raw: Any) -> Start | None:
    if raw is None:
        return None
    terms = Terms(bool(raw["mounted"]), tuple(str(c) for c in raw["consumers"]))
    return Start(str(raw["commit"]), str(raw["day"]), str(raw["source"]), terms)


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
