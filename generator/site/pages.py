"""The plan of the generated pages: where each one lives, its title and how it is made.

Pages either come from a Jinja template (rendered HTML replaces the page's Markdown, so no
Markdown runs on large tables) or from generated Markdown (the small reference pages). Resource
pages are not planned here: there may be tens of thousands, see :mod:`generator.site.resources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import rules
from generator.site import fields
from generator.site.data import SiteData
from generator.site.lists import RESOURCE_LISTS

OTHER_LISTS = (
    ("duties", "责任清单"),
    ("needs", "需求清单"),
    ("changes", "变更记录"),
)


@dataclass(frozen=True)
class PagePlan:
    """One generated page."""

    src_uri: str
    """Its place among the docs, e.g. ``departments/gongan.md``."""
    title: str
    template: str = ""
    """Jinja template rendering the page's HTML; empty when ``markdown`` is given."""
    markdown: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    edit_path: str = ""
    """Repository-relative path of the YAML file the page shows, for its edit link."""
    in_nav: bool = True


def plan(data: SiteData) -> list[PagePlan]:
    catalog = data.catalog
    pages = [
        PagePlan("search.md", "搜索", "search.html"),
        PagePlan("departments/index.md", "部门", "departments.html"),
    ]
    for dept in sorted(catalog.departments.values(), key=lambda d: d.id):
        pages.append(
            PagePlan(
                f"departments/{dept.id}.md", dept.name, "department.html",
                context={"department": dept}, edit_path=dept.doc.path,
            )
        )
    pages.append(PagePlan("lists/index.md", "清单", "lists.html"))
    for entry in RESOURCE_LISTS:
        pages.append(PagePlan(f"lists/{entry.slug}.md", entry.title, "list.html", context={"entry": entry}))
    for slug, title in OTHER_LISTS:
        pages.append(PagePlan(f"lists/{slug}.md", title, f"{slug}.html"))
    legal = next((d.path for d in catalog.documents.values() if d.path.endswith("legal_bases.yaml")), "")
    pages.append(PagePlan("bases/index.md", "法律依据", "bases.html", edit_path=legal))
    for basis in sorted(catalog.legal_bases.values(), key=lambda b: b.id):
        pages.append(
            PagePlan(
                f"bases/{basis.id}.md", f"{basis.name}{basis.article}", "basis.html",
                context={"basis": basis}, edit_path=legal, in_nav=False,
            )
        )
    from generator.site.members import plans as member_plans  # the federated pages (issue 15)

    pages.extend(member_plans(data))
    pages.append(PagePlan("stats.md", "统计", "stats.html"))
    pages.append(PagePlan("downloads.md", "下载", "downloads.html"))
    pages.append(PagePlan("reference/fields.md", "字段说明", markdown=fields_markdown()))
    pages.append(PagePlan("reference/rules.md", "校验规则", markdown=rules_markdown()))
    return pages


def fields_markdown() -> str:
    """The field reference, generated from the schemas' titles and descriptions."""
    out = [
        "# 字段说明\n",
        "本页由 `schemas/` 中的 JSON Schema 生成，与校验使用的定义完全一致。标 ✱ 的字段必填。\n",
    ]
    for kind, where in fields_kinds():
        out.append(f"\n## {where}\n")
        out.append("| 字段 | 名称 | 类型或取值 | 说明 |\n|---|---|---|---|")
        for entry in fields.reference(kind):
            mark = " ✱" if entry.required else ""
            cells = (f"`{entry.path}`", entry.title + mark, entry.kind, entry.description)
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def fields_kinds() -> tuple[tuple[str, str], ...]:
    return fields.REFERENCE_KINDS


def rules_markdown() -> str:
    """The rules page, generated from the rule registry's docstrings."""
    levels = {"error": "错误（阻止合并）", "warning": "警告"}
    out = [
        "# 校验规则\n",
        "拉取请求上的检查和 `catalog validate` 按以下规则校验目录文件。本页由规则登记表生成。\n",
    ]
    for entry in rules.documented():
        out.append(f"\n## {entry.id} {entry.title} {{#{entry.id.lower()}}}\n")
        out.append(f"级别：{levels.get(entry.level, entry.level)}\n")
        out.append(entry.doc + "\n")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
