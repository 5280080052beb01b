"""Resource pages: one per resource code, rendered straight into the theme without Markdown.

A catalog may hold tens of thousands of resources, so their pages stay out of the navigation and
out of MkDocs' Markdown pipeline: the page body comes from ``resource.html``, and the theme's
``main.html`` wraps it, with the same context MkDocs gives its own pages. The URL of a resource is
fixed by its code (``resources/101001-000001/``) and survives delisting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import schemas
from generator.model import STATUS_DELISTED, Resource, code_to_stem
from generator.site.data import SiteData
from generator.site.render import render, root_of

SECTIONS = (("metadata", "基本信息"), ("items", "信息项"), ("share", "共享属性"), ("open", "开放属性"))


def url_of(code: str) -> str:
    return f"resources/{code_to_stem(code)}/"


@cache
def item_types() -> dict[str, str]:
    """Data type letters and names, read from the schema (``C 字符型、N 数值型…``)."""
    text = schemas.schema("resource")["properties"]["items"]["items"]["properties"]["type"]["description"]
    return dict(re.findall(r"([A-Z]) ([^、。]+)", text))


def body(data: SiteData, resource: Resource, url: str) -> str:
    """The HTML inside the theme's content area of one resource page."""
    history = data.history.get(resource.path, ())
    notice = next((n for n in data.notices if n.code == resource.code), None)
    related = [(code, data.catalog.by_code.get(code)) for code in resource.related]
    return render(
        "resource.html",
        data=data,
        root=root_of(url),
        resource=resource,
        notice=notice,
        related=related,
        history=history,
        delisted_on=history[0].date if history and resource.status == STATUS_DELISTED else "",
        edit_url=data.edit_url(resource.path),
        types=item_types(),
    )


def write_all(
    data: SiteData, config: MkDocsConfig, nav: Navigation, env: Any, pages: list[File]
) -> int:
    """Render and write every resource page; return how many were written."""
    template = env.get_template("main.html")
    toc = get_toc([{"level": 2, "id": anchor, "name": name, "children": []} for anchor, name in SECTIONS])
    count = 0
    for resource in _ordered(data):
        file = File.generated(config, f"{url_of(resource.code)[:-1]}.md", content="")
        page = Page(resource.name, file, config)
        page.content = body(data, resource, file.url)
        page.toc = toc
        page.meta = {"description": resource.summary[:120]}
        page.edit_url = data.edit_url(resource.path) or None
        context = get_context(nav, pages, config, page)
        output = template.render(context)
        target = Path(file.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
        count += 1
    return count


def _ordered(data: SiteData) -> Iterator[Resource]:
    yield from sorted(data.catalog.resources, key=lambda r: r.code)
