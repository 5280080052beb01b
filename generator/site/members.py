"""The federated part of an upper level's site: member pages, combined lists, search, downloads.

Planned only when ``registry.yaml`` lists ``members``. Pages: ``members/`` (every member with its
revision and harvest date), ``members/<code>/`` (one member; its resources listed when all
members together have at most ``member_pages``), ``members/lists/`` (the combined 共享清单,
共享负面清单 and 开放清单 with provenance, and the cross-level flags of 吉林 第二十四条). After the
build, the members' records are indexed for search (a Pagefind bundle of custom records, merged in
the browser like the catalog's own parts, with the facets 目录 and 层级) and written as one
download with provenance.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.caching.outputs import Outputs
from generator.federation import combined as fed
from generator.load.model import code_to_stem
from generator.publish.model import Published
from generator.site.pages import PagePlan

log = logging.getLogger("mkdocs.plugins.catalog")
PART = "part-members"
DOWNLOAD = "downloads/members.jsonl"


@lru_cache(maxsize=1)
def combined(data: Published) -> fed.Combined | None:
    registry = data.catalog.registry
    if registry is None or not registry.members or registry.doc is None:
        return None
    root = Path(registry.doc.path).parent  # the loader's display path: ``<prefix>/registry.yaml``
    return fed.load(_catalog_root(data, root), registry, data.catalog)


_ROOTS: dict[int, Path] = {}


def set_root(data: Published, root: Path) -> None:
    """Where the catalog folder is (the site data holds display paths only)."""
    _ROOTS[id(data)] = root


def _catalog_root(data: Published, fallback: Path) -> Path:
    return _ROOTS.get(id(data), fallback)


def plans(data: Published) -> list[PagePlan]:
    found = combined(data)
    if found is None:
        return []
    pages = [PagePlan("members/index.md", "下级目录", "members.html")]
    for view in found.members:
        pages.append(PagePlan(f"members/{view.member.code}.md", view.member.name, "member.html",
                              context={"code": view.member.code}, in_nav=False))
    pages.append(PagePlan("members/lists.md", "汇总清单", "member_lists.html"))
    return pages


def view_index(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"fed": combined(data), "lists": fed.LISTS}


def view_member(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    found = combined(data)
    assert found is not None
    view = next(v for v in found.members if v.member.code == ctx["code"])
    records = list(view.records()) if found.rendered else []
    return {"fed": found, "view": view, "records": records, "lists": fed.LISTS}


def view_lists(data: Published, ctx: dict[str, Any]) -> dict[str, Any]:
    found = combined(data)
    assert found is not None
    rows = {slug: fed.listed(found, slug) if found.rendered else () for slug, _, _ in fed.LISTS}
    return {"fed": found, "lists": fed.LISTS, "rows": rows}


VIEWS: dict[str, Callable[[Published, dict[str, Any]], dict[str, Any]]] = {
    "members.html": view_index, "member.html": view_member, "member_lists.html": view_lists,
}


def publish(data: Published, outputs: Outputs, search: bool) -> None:
    """The download of every member record with its provenance, and the members' search bundle
    (made on every build: the harvested files are not keyed)."""
    found = combined(data)
    if found is None:
        return
    site = outputs.folder
    target = outputs.prepare(DOWNLOAD)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        for view in found.members:
            provenance = {"member": view.member.code, "member_name": view.member.name,
                          "revision": view.manifest.get("revision", ""), "harvested": view.manifest.get("harvested", "")}
            for record in view.records():
                out.write(json.dumps({**record, **provenance}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    outputs.adopt(DOWNLOAD, "")
    if search:
        bundle = site / "pagefind" / PART
        if bundle.exists():
            shutil.rmtree(bundle)
        asyncio.run(_index(found, site))
        outputs.adopt_tree(f"pagefind/{PART}", "")
        parts_file = site / "pagefind" / "parts.json"
        listing = json.loads(parts_file.read_text(encoding="utf-8")) if parts_file.is_file() else {}
        listing["parts"] = [*listing.get("parts", []), PART]
        outputs.write("pagefind/parts.json", "", (json.dumps(listing, ensure_ascii=False) + "\n").encode())


async def _index(found: fed.Combined, site: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    count = 0
    config = IndexConfig(force_language="zh", output_path=str(site / "pagefind" / PART))
    async with PagefindIndex(config=config) as index:
        for view in found.members:
            label = f"{view.member.name}（{view.member.code}）"
            for record in view.records():
                url = view.link(record) or f"/members/{view.member.code}/#{code_to_stem(record['code'])}"
                content = "\n".join(str(record.get(k, "")) for k in ("name", "summary", "department", "item"))
                await index.add_custom_record(
                    url=url, content=content, language="zh",
                    meta={"title": f"{record['name']}（{label}）"},
                    filters={"目录": [label], "层级": [view.member.level or "下级"], "共享类型": [record["share_type"]] if record["share_type"] else [],
                             "状态": [record["status"]] if record["status"] else []},
                )
                count += 1
    log.info(f"下级目录搜索索引：{count} 条")
