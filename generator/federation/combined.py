"""The members' snapshots as the upper level's site shows them: provenance, lists, flags.

Read from ``members/`` beside the catalog folder (written by ``catalog harvest``). Records are
streamed from the JSON-lines files; they are held in memory only when the members have at most
``member_pages`` resources in all (then the site lists every member resource on its member's
page). Above that the site shows counts, indexes the records for search and links every result
to the member's own site: a national aggregate is a harvest of files, not a million-page build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.federation import crosscheck, snapshot
from generator.federation.crosscheck import Flag
from generator.federation.members import Member, members

LISTS = (
    ("share", "共享清单", lambda r: r["share_type"] in ("无条件共享", "有条件共享")),
    ("share-negative", "共享负面清单", lambda r: r["share_type"] == "不予共享"),
    ("open", "开放清单", lambda r: r["open_type"] in ("无条件开放", "依申请开放")),
)
"""The combined lists: (slug, title, test of a record in use)."""


@dataclass(frozen=True, eq=False)
class MemberView:
    """One member as the site shows it."""

    member: Member
    manifest: dict[str, Any]
    path: Path
    """Its ``resources.jsonl``."""
    counts: dict[str, int] = field(default_factory=dict)
    """Records in use per list slug, and ``resources`` in all."""

    def records(self) -> Iterator[dict[str, Any]]:
        return snapshot.iter_records(self.path)

    def link(self, record: dict[str, Any]) -> str:
        return str(record.get("page") or self.member.site_url or "")


@dataclass(frozen=True, eq=False)
class Combined:
    members: tuple[MemberView, ...]
    limit: int
    flags: tuple[Flag, ...] = ()

    @property
    def total(self) -> int:
        return sum(m.counts.get("resources", 0) for m in self.members)

    @property
    def rendered(self) -> bool:
        """Whether member resources are listed on this site's pages (at most ``limit`` in all)."""
        return self.total <= self.limit


def folder_of(catalog_root: Path) -> Path:
    return catalog_root.resolve().parent / "members"


def load(catalog_root: Path, registry: Any, catalog: Any) -> Combined | None:
    """The members of ``registry`` with their snapshots, or ``None`` when it has none."""
    listed = members(getattr(registry, "members", None))
    if not listed:
        return None
    return _load(folder_of(catalog_root), tuple(listed), registry.member_pages, registry.profile, catalog)


def _load(where: Path, listed: tuple[Member, ...], limit: int, profile: str, catalog: Any) -> Combined:
    views = []
    flags: list[Flag] = []
    upper = crosscheck.negatives(catalog)
    for member in listed:
        path = where / member.code / snapshot.RESOURCES
        counts: Counter[str] = Counter()
        article = crosscheck.applies(profile, member.profile)
        for record in snapshot.iter_records(path):
            counts["resources"] += 1
            if record.get("status") != "已下线":
                for slug, _, test in LISTS:
                    counts[slug] += bool(test(record))
            flags.extend(crosscheck.check(upper, member.code, [record], article))
        views.append(MemberView(member, snapshot.read_manifest(where, member.code), path, dict(counts)))
    return Combined(tuple(views), limit, tuple(flags))


@lru_cache(maxsize=4)
def listed(combined: Combined, slug: str) -> tuple[tuple[MemberView, dict[str, Any]], ...]:
    """Records in use of one combined list, with their member (only when ``rendered``)."""
    test = next(t for s, _, t in LISTS if s == slug)
    return tuple(
        (view, record)
        for view in combined.members
        for record in view.records()
        if record.get("status") != "已下线" and test(record)
    )
