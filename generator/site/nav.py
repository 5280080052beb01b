"""The site navigation: sections and departments only, never one entry per resource.

Material embeds the whole navigation in every page, so a navigation listing each resource would
make the site grow with the square of its size. Departments are listed one by one only while there
are at most ``max_departments`` of them (plugin option ``nav_departments``); a provincial catalog
with 200 departments shows the 全部部门 page instead, which lists them all. Hand-written pages in ``docs/`` are placed in
the guide section when present (``pr-workflow.md`` is added by the pull-request tooling).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.site.pages import PagePlan
from generator.site.render import theme_text

GUIDES = (
    ("填报指南", "guide/submit.md"),
    ("填报表单", "guide/form.md"),
    ("审核指南", "guide/review.md"),
    ("整体接入与上下级汇聚", "guide/federation.md"),
    ("拉取请求流程", "pr-workflow.md"),
    ("字段说明", "reference/fields.md"),
    ("校验规则", "reference/rules.md"),
    ("规则配置", "about/profiles.md"),
    ("搜索", "about/search.md"),
    ("性能", "about/performance.md"),
    ("安全", "about/security.md"),
)


MAX_DEPARTMENTS = 30
"""Default of the plugin option ``nav_departments``."""


def build(plans: list[PagePlan], docs: Path, max_departments: int = MAX_DEPARTMENTS) -> list[Any]:
    by_uri = {p.src_uri: p for p in plans}

    def entry(uri: str, title: str = "") -> dict[str, str]:
        return {theme_text(title or by_uri[uri].title): uri}

    def exists(uri: str) -> bool:
        return uri in by_uri or (docs / uri).is_file()

    own = [entry(p.src_uri) for p in plans if p.src_uri.startswith("departments/") and p.template == "department.html"]
    departments = [entry("departments/index.md", "全部部门")] + (own if len(own) <= max_departments else [])
    lists = [entry(p.src_uri) for p in plans if p.src_uri.startswith("lists/") and p.in_nav]
    lists[0] = entry("lists/index.md", "全部清单")
    nav: list[Any] = [
        {"首页": "index.md"},
        entry("search.md"),
        {"部门": departments},
        {"清单": lists},
        entry("bases/index.md"),
        entry("stats.md"),
        entry("downloads.md"),
        {"指南": [{title: uri} for title, uri in GUIDES if exists(uri)]},
    ]
    return nav


def uris(nav: list[Any]) -> set[str]:
    """Every page named in ``nav`` (as built above)."""
    found: set[str] = set()
    for node in nav:
        for value in node.values():
            if isinstance(value, list):
                found |= uris(value)
            else:
                found.add(value)
    return found
