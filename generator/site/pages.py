"""The plan of the generated pages: where each one lives, its title and how it is made.

Pages either come from a Jinja template (rendered HTML replaces the page's Markdown, so no
Markdown runs on large tables) or from generated Markdown (the small reference pages). Resource
pages are not planned here: there may be tens of thousands, see :mod:`generator.site.resources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import rules
from generator.law import applicability
from generator.law.profiles import BUILTIN, Profile, resolve
from generator.publish.lists import RESOURCE_LISTS, ResourceList
from generator.publish.model import Published
from generator.rules.status import describe
from generator.site import fields
from generator.site.citations import expand_markdown

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


def plan(data: Published, rows: int = 0) -> list[PagePlan]:
    """Every generated page; lists of more than ``rows`` resources (default :data:`PAGE_ROWS`) in pages."""
    rows = rows or PAGE_ROWS
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
        pages.append(PagePlan(f"lists/{entry.slug}.md", entry.title, "list.html", context={"entry": entry, "number": 1, "rows": rows}))
        for number in range(2, page_count(entry, data, rows) + 1):
            pages.append(
                PagePlan(
                    f"lists/{entry.slug}/{number}.md", f"{entry.title}（第 {number} 页）", "list.html",
                    context={"entry": entry, "number": number, "rows": rows}, in_nav=False,
                )
            )
    for slug, title in OTHER_LISTS:
        pages.append(PagePlan(f"lists/{slug}.md", title, f"{slug}.html"))
    legal = next((d.path for d in catalog.documents.values() if d.path.endswith("legal_bases.yaml")), "")
    pages.append(PagePlan("bases/index.md", "法律依据", "bases.html", edit_path=legal))
    for name in BUILTIN:
        profile = catalog.profile if name == catalog.profile.id else resolve(name, None)[0]
        pages.append(
            PagePlan(
                f"bases/regulation-{name}.md", f"《{profile.regulation}》",
                markdown=regulation_markdown(profile, name == catalog.profile.id), in_nav=False,
            )
        )
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
    pages.append(PagePlan("reference/fields.md", "字段说明", markdown=expand_markdown(fields_markdown(), "../bases/")))
    pages.append(PagePlan("reference/rules.md", "校验规则", markdown=rules_markdown(catalog.profile)))
    return pages


PAGE_ROWS = 1000
"""Resources per page of a list (plugin option ``list_page_rows``) (清单): a provincial share list of 35,000 resources is 35 pages of
about 0.7 MB instead of one of 25 MB. The filter of any page covers the whole list: it loads the
other pages' rows when used (``site_overrides/assets/filter.js``)."""


def page_count(entry: ResourceList, data: Published, rows: int) -> int:
    """How many pages of ``rows`` resources the list ``entry`` takes (the notices list, a table of
    its own, one)."""
    if entry.slug == "notices":
        return 1
    return max(1, -(-len(entry.select(data)) // rows))


def page_url(slug: str, number: int) -> str:
    """A list page's address relative to the site root (page 1 is the list's own address)."""
    return f"lists/{slug}/" if number == 1 else f"lists/{slug}/{number}/"


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


LEVELS = {"error": "错误（阻止合并）", "warning": "警告（不阻止合并）", "off": "不适用"}


def rules_markdown(profile: Profile) -> str:
    """The rules page: this catalog's applicability table, the other profiles, then every rule's
    documentation from the registry's docstrings, with the level it has here."""
    out = [
        "# 校验规则\n",
        "拉取请求上的检查和 `catalog validate` 按以下规则校验目录文件。本页由规则登记表和规则配置生成，"
        "与校验使用的代码完全一致。\n",
        "## 本目录遵循的办法\n",
        profile_paragraph(profile, "../bases/"),
        "各地办法的规定不同，同一条规则在不同辖区可能是错误、警告或不适用：每个辖区只检查本辖区办法"
        "规定的内容；本辖区办法没有规定、全国性文件有相应要求的，只作建议（警告），并引用全国性文件，"
        "从不引用其他辖区的办法。“目录记录规则”是保证目录记录完整、一致的规则，不是法规条款。"
        "软件无法检查的条款列为“不检查”，并说明原因。\n",
        "## 本目录适用的规则和期限\n",
        applicability.markdown(profile),
        "## 各辖区规则配置\n",
    ]
    for name in BUILTIN:
        other = profile if name == profile.id else resolve(name, None)[0]
        mark = "（本目录）" if name == profile.id else ""
        out.append(f"- [《{other.regulation}》](../bases/regulation-{name}.md)：规则配置 `{name}`，{other.status.state}{mark}")
    out.append("")
    for entry in rules.documented():
        setting = profile.setting(entry.id, entry.level)
        out.append(f"\n## {entry.id} {entry.title} {{#{entry.id.lower()}}}\n")
        if entry.scope in ("file", "schema"):
            level = f"级别：{LEVELS[entry.level]}（各辖区相同）"
        else:
            where = f"，依据：{setting.citation}" if setting.citation else ""
            why = f"。{setting.reason}" if setting.reason else ""
            level = f"本目录：{LEVELS[setting.level]}{where}{why}"
        out.append(level + "\n")
        out.append(entry.doc + "\n")
    return expand_markdown("\n".join(out), "../bases/")


def profile_paragraph(profile: Profile, bases: str) -> str:
    """Which regulation the catalog follows and the status of its text, in plain Chinese."""
    status = describe(profile)
    text = (
        f"本目录遵循规则配置“{profile.name}”（`{profile.id}`），依据"
        f"[《{profile.regulation}》]({bases}regulation-{profile.id}.md)。"
    )
    if status:
        text += f"请注意：{status}"
    elif profile.status.note:
        text += profile.status.note
    return text + "\n"


def profiles_document() -> str:
    """``docs/about/profiles.md``: every profile's status and applicability table, in plain Chinese.

    Regenerate with ``catalog rules --all --format markdown > docs/about/profiles.md``.
    """
    out = [
        "# 各辖区规则配置\n",
        "<!-- 本页由 catalog rules --all --format markdown 生成，请勿手工修改。 -->\n",
        "每个目录在 `catalog/registry.yaml` 中登记它遵循的规则配置（`profile`）。规则配置把一部办法逐条"
        "落实为校验规则：办法要求的，是错误（阻止合并）；办法没有规定、全国性文件有相应要求的，只作建议"
        "（警告），引用全国性文件；办法没有规定的，不适用。一个辖区从不引用另一个辖区的办法。软件无法"
        "检查的条款列为“不检查”，并说明原因。期限都从办法规定的事件起算，次日为第 1 天，工作日按国务院"
        "公布的节假日安排计算。\n",
        "办法文本本身的状态也很重要：滨州的办法已过有效期，广西的是征求意见稿，吉林的只收录了节选。"
        "采用这些配置的目录，每次校验、每个拉取请求的检查和网站的每一页都会提示。\n",
    ]
    for name in BUILTIN:
        profile = resolve(name, None)[0]
        status = describe(profile) or profile.status.note
        out.append(f"\n## {profile.name}（`{name}`）\n")
        out.append(f"依据《{profile.regulation}》，文本状态：{profile.status.state}。{status}\n")
        out.append(applicability.markdown(profile, "../reference/rules.md#"))
    return expand_markdown("\n".join(out), "../bases/")


def regulation_markdown(profile: Profile, followed: bool) -> str:
    """A regulation's page: its status, whether this catalog follows it, its applicability table."""
    status = describe(profile) or profile.status.note
    out = [
        f"# 《{profile.regulation}》\n",
        f"规则配置 `{profile.id}`（{profile.name}）。文本状态：{profile.status.state}。{status}\n",
        "本目录遵循这一配置。\n" if followed else "本目录没有采用这一配置，下表供比较。\n",
        "下表列出每条校验规则在这一配置下的级别、依据和说明，以及各项期限从什么事件起算、如何执行。\n",
        applicability.markdown(profile, "../reference/rules.md#"),
    ]
    return expand_markdown("\n".join(out), "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
