"""Figures for the 统计 page: counts per department, share and open types, update timeliness."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from generator.load.model import STATUS_DELISTED, Resource
from generator.publish.model import Published

CYCLE_DAYS = {"实时": 1, "每日": 1, "每周": 7, "每月": 31, "每季度": 92, "每半年": 183, "每年": 366}
"""Longest gap each 更新周期 allows between two changes; 不定期 has none."""


@dataclass(frozen=True)
class Cycled:
    """A listed resource with an update cycle, as the 统计 page shows it: plain values, so that the
    page's key (:mod:`generator.publish.facts`) holds exactly what it shows and a change to
    anything else of the resource (its summary, its items) does not make the page again."""

    code: str
    name: str
    department: str
    update_cycle: str
    last_change: str
    days: int
    """Days since the last change, as of the build date."""
    stale: bool
    """The last change is older than the cycle allows."""


@dataclass(frozen=True)
class Stats:
    per_department: list[tuple[str, int]]
    share_types: list[tuple[str, int]]
    open_types: list[tuple[str, int]]
    statuses: list[tuple[str, int]]
    stale: list[Cycled]
    """The stale ones, longest overdue first."""
    stale_per_department: list[tuple[str, int]]
    stale_by_id: dict[str, int]
    """Stale resources per department id (0 where none)."""
    cycled: list[Cycled]
    """Every listed resource with an update cycle, by code (the reader's browser recounts them)."""


def compute(data: Published) -> Stats:
    catalog = data.catalog
    listed = [r for r in catalog.resources if r.status != STATUS_DELISTED]
    names = {d.id: d.name for d in catalog.departments.values()}
    per_department = Counter(r.department for r in listed)
    cycled = sorted(_cycled(data, listed), key=lambda c: c.code)
    stale = sorted((c for c in cycled if c.stale), key=lambda c: (-c.days, c.code))
    stale_count = Counter(s.department for s in stale)
    return Stats(
        per_department=[(names.get(d, d), per_department[d]) for d in sorted(names)],
        share_types=_ordered(Counter(r.share.type for r in listed), catalog.profile.share_types),
        open_types=_ordered(Counter(r.open.type for r in listed), catalog.profile.open_types),
        statuses=_ordered(Counter(r.status for r in catalog.resources), ("在用", "公示中", "已下线")),
        stale=stale,
        stale_per_department=[(names.get(d, d), stale_count[d]) for d in sorted(names) if stale_count[d]],
        stale_by_id={d: stale_count[d] for d in sorted(names)},
        cycled=cycled,
    )


def _ordered(counts: Counter[str], order: tuple[str, ...]) -> list[tuple[str, int]]:
    keys = list(order) + sorted(set(counts) - set(order))
    return [(key, counts[key]) for key in keys]


def _cycled(data: Published, resources: list[Resource]) -> Iterator[Cycled]:
    today = dt.date.fromisoformat(data.build_date)
    for resource in resources:
        limit = CYCLE_DAYS.get(resource.update_cycle)
        if limit is None:
            continue
        last = data.last_change(resource.path) or resource.published
        days = (today - dt.date.fromisoformat(last)).days
        yield Cycled(resource.code, resource.name, resource.department, resource.update_cycle, last, days, days > limit)
