"""Template context of each generated page: what it shows of the publish model (:class:`Published`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from generator.law.profiles import BUILTIN, resolve
from generator.publish import bases as bases_model
from generator.publish import departments as departments_model
from generator.publish import history, lists, needs, overdue, stats
from generator.publish.history import CHANGES_SHOWN
from generator.publish.model import Published
from generator.rules.status import describe
from generator.site import charts
from generator.site.citations import page_of
from generator.site.pages import OTHER_LISTS, PAGE_ROWS, page_count, page_url

View = Callable[[Published, dict[str, Any]], dict[str, Any]]


def home(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(r.status for r in data.catalog.resources)
    profile = data.catalog.profile
    return {
        "counts": {s: counts[s] for s in ("在用", "公示中", "已下线")},
        "changes": data.commits[:10],
        "status": describe(profile),
        "regulation_page": page_of(profile.id),
    }


def departments(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    counts = Counter(r.department for r in data.catalog.resources)
    ordered = sorted(data.catalog.departments.values(), key=lambda d: d.id)
    return {"departments": ordered, "counts": counts}


def department(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    dept = ctx["department"]
    counts = departments_model.list_counts(data)
    counted = [(entry, counts.get((entry.slug, dept.id), 0)) for entry in lists.RESOURCE_LISTS]
    wanted = sum(1 for m in needs.matches(data) if m.department == dept.id)
    due = overdue.of_department(data, dept.id)
    return {"resources": departments_model.grouped(data).get(dept.id, ()), "lists": counted, "needs": wanted, "deadlines": due}


def list_index(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"lists": [(entry, len(entry.select(data))) for entry in lists.RESOURCE_LISTS]}


def resource_list(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    """One page of a list: its resources, the list's total and the addresses of all its pages."""
    entry = ctx["entry"]
    shown = data.notices if entry.slug == "notices" else ()
    chosen = entry.select(data)
    number, size = ctx.get("number", 1), ctx.get("rows", PAGE_ROWS)
    count = page_count(entry, data, size)
    rows = chosen if count == 1 else chosen[(number - 1) * size : number * size]
    return {
        "resources": rows, "notices": shown, "total": len(chosen), "page": number,
        "pages": [page_url(entry.slug, n) for n in range(1, count + 1)],
    }


def duties(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"rows": departments_model.duty_rows(data)}


def need_list(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    matches = needs.matches(data)
    states = Counter(m.state for m in matches)
    requests: dict[str, list[overdue.Shown]] = {}
    for entry in overdue.shown(data):
        if entry.deadline.at[:1] == ("needs",):
            requests.setdefault(f"{entry.deadline.path}#{entry.deadline.ref}", []).append(entry)
    return {"matches": matches, "states": {s: states[s] for s in ("已满足", "部分满足", "未满足")}, "requests": requests}


def changes(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"commits": history.change_rows(data), "truncated": len(data.commits) > CHANGES_SHOWN}


def bases(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    ordered = sorted(data.catalog.legal_bases.values(), key=lambda b: (b.index, b.id))
    profile = data.catalog.profile
    others = [(name, resolve(name, None)[0]) for name in BUILTIN if name != profile.id]
    return {
        "bases": ordered, "users": bases_model.users(data), "profile": profile, "status": describe(profile),
        "regulation_page": page_of(profile.id), "others": [(page_of(n), p) for n, p in others],
    }


def basis(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"uses": bases_model.users(data).get(ctx["basis"].id, []), "updates": overdue.of_basis(data, ctx["basis"].id)}


def statistics(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    figures = stats.compute(data)
    drawn = {
        "departments": charts.bars("各部门资源数", figures.per_department),
        "share": charts.bars("共享类型分布", figures.share_types),
        "open": charts.bars("开放类型分布", figures.open_types),
        "status": charts.bars("资源状态分布", figures.statuses),
        "stale": charts.bars("各部门未按周期更新的资源数", figures.stale_per_department),
    }
    return {"stats": figures, "charts": drawn, "cycles": stats.CYCLE_DAYS}  # cycles: the browser recounts staleness


def downloads(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
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
