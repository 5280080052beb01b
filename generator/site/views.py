"""Template context of each generated page, computed from :class:`SiteData` alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from generator.model import Resource
from generator.profiles import BUILTIN, resolve
from generator.rules.status import describe
from generator.site import charts, lists, needs, overdue, stats
from generator.site.citations import page_of
from generator.site.data import CHANGES_SHOWN, SiteData
from generator.site.pages import OTHER_LISTS

View = Callable[[SiteData, dict[str, Any]], dict[str, Any]]


def home(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(r.status for r in data.catalog.resources)
    profile = data.catalog.profile
    return {
        "counts": {s: counts[s] for s in ("在用", "公示中", "已下线")},
        "changes": data.commits[:10],
        "status": describe(profile),
        "regulation_page": page_of(profile.id),
    }


def departments(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(r.department for r in data.catalog.resources)
    ordered = sorted(data.catalog.departments.values(), key=lambda d: d.id)
    return {"departments": ordered, "counts": counts}


def department(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    dept = ctx["department"]
    grouped = _by_department(data)
    counted = [(entry, grouped[1].get((entry.slug, dept.id), 0)) for entry in lists.RESOURCE_LISTS]
    wanted = sum(1 for m in _matches(data) if m.department == dept.id)
    due = overdue.of_department(data, dept.id)
    return {"resources": grouped[0].get(dept.id, ()), "lists": counted, "needs": wanted, "deadlines": due}


@lru_cache(maxsize=1)
def _by_department(data: SiteData) -> tuple[dict[str, tuple[Resource, ...]], Counter[tuple[str, str]]]:
    own: dict[str, list[Resource]] = {}
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        own.setdefault(resource.department, []).append(resource)
    counts: Counter[tuple[str, str]] = Counter(
        (entry.slug, r.department) for entry in lists.RESOURCE_LISTS for r in entry.select(data)
    )
    return {dept: tuple(found) for dept, found in own.items()}, counts


@lru_cache(maxsize=1)
def _matches(data: SiteData) -> tuple[needs.Match, ...]:
    return needs.match(data.catalog)


def list_index(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"lists": [(entry, len(entry.select(data))) for entry in lists.RESOURCE_LISTS]}


def resource_list(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    entry = ctx["entry"]
    shown = data.notices if entry.slug == "notices" else ()
    return {"resources": entry.select(data), "notices": shown}


def duties(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"rows": duty_rows(data)}


def duty_rows(data: SiteData) -> list[tuple[Any, tuple[Resource, ...]]]:
    """Each department with the resources in use it must provide and keep current."""
    grouped = _by_department(data)[0]
    return [
        (dept, tuple(r for r in grouped.get(dept.id, ()) if r.status != "已下线"))
        for dept in sorted(data.catalog.departments.values(), key=lambda d: d.id)
    ]


def need_list(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    matches = _matches(data)
    states = Counter(m.state for m in matches)
    requests: dict[str, list[overdue.Shown]] = {}
    for entry in overdue.shown(data):
        if entry.deadline.at[:1] == ("needs",):
            requests.setdefault(f"{entry.deadline.path}#{entry.deadline.ref}", []).append(entry)
    return {"matches": matches, "states": {s: states[s] for s in ("已满足", "部分满足", "未满足")}, "requests": requests}


def changes(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"commits": change_rows(data), "truncated": len(data.commits) > CHANGES_SHOWN}


def change_rows(data: SiteData) -> list[tuple[Any, list[tuple[str, Resource]]]]:
    """Recent commits, each with the resources it touched (A 新增, M 修改, R 更名, D 删除)."""
    by_path = {r.path: r for r in data.catalog.resources}
    words = {"A": "新增", "M": "修改", "R": "更名", "D": "删除"}
    rows = []
    for commit in data.commits[:CHANGES_SHOWN]:
        touched = [
            (words.get(change.status, change.status), by_path[change.path])
            for change in commit.changes
            if change.path in by_path
        ]
        rows.append((commit, touched))
    return rows


@lru_cache(maxsize=1)
def basis_users(data: SiteData) -> dict[str, list[tuple[Resource, list[str]]]]:
    """Resources citing each legal basis, and where (共享, 开放, 下线)."""
    users: dict[str, list[tuple[Resource, list[str]]]] = {}
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        found: dict[str, list[str]] = {}
        for where, ids in (
            ("共享", resource.share.basis),
            ("开放", resource.open.basis),
            ("下线", resource.delisting.basis if resource.delisting else ()),
        ):
            for basis in ids:
                found.setdefault(basis, []).append(where)
        for basis, places in found.items():
            users.setdefault(basis, []).append((resource, places))
    return users


def bases(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    ordered = sorted(data.catalog.legal_bases.values(), key=lambda b: (b.index, b.id))
    profile = data.catalog.profile
    others = [(name, resolve(name, None)[0]) for name in BUILTIN if name != profile.id]
    return {
        "bases": ordered, "users": basis_users(data), "profile": profile, "status": describe(profile),
        "regulation_page": page_of(profile.id), "others": [(page_of(n), p) for n, p in others],
    }


def basis(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"uses": basis_users(data).get(ctx["basis"].id, []), "updates": overdue.of_basis(data, ctx["basis"].id)}


def statistics(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    figures = stats.compute(data)
    drawn = {
        "departments": charts.bars("各部门资源数", figures.per_department),
        "share": charts.bars("共享类型分布", figures.share_types),
        "open": charts.bars("开放类型分布", figures.open_types),
        "status": charts.bars("资源状态分布", figures.statuses),
        "stale": charts.bars("各部门未按周期更新的资源数", figures.stale_per_department),
    }
    return {"stats": figures, "charts": drawn, "cycles": stats.CYCLE_DAYS}  # cycles: the browser recounts staleness


def downloads(data: SiteData, ctx: dict[str, Any]) -> dict[str, Any]:
    shown = [(e.slug, e.title) for e in lists.RESOURCE_LISTS] + list(OTHER_LISTS)
    return {"lists": shown}


VIEWS: dict[str, View] = {
    "home.html": home,
    "departments.html": departments,
    "department.html": department,
    "lists.html": list_index,
    "list.html": resource_list,
    "duties.html": duties,
    "needs.html": need_list,
    "changes.html": changes,
    "bases.html": bases,
    "basis.html": basis,
    "stats.html": statistics,
    "downloads.html": downloads,
}

def _members() -> dict[str, View]:
    from generator.site.members import VIEWS as MEMBER_VIEWS  # the federated pages (issue 15)

    return MEMBER_VIEWS


VIEWS.update(_members())
