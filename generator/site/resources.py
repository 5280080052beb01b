"""Resource pages: one per resource code, rendered straight into the theme without Markdown.

A catalog may hold tens of thousands of resources, so their pages stay out of the navigation and
out of MkDocs' Markdown pipeline: the page body comes from ``resource.html``, and the theme's
``main.html`` wraps it, with the same context MkDocs gives its own pages. The URL of a resource is
fixed by its code (``resources/101001-000001/``) and survives delisting.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.caching import Store
from generator.load import schemas
from generator.load.model import STATUS_DELISTED, Resource, code_to_stem
from generator.publish.model import Published
from generator.site.render import compact, render, root_of, theme_text

PROBE = "\x00<&\"'>"
"""Title and description of the probe page that keys the cache: how the frame treats markup
characters is part of the key, so a change in their escaping renders every page again."""

SECTIONS = (("metadata", "基本信息"), ("items", "信息项"), ("share", "共享属性"), ("open", "开放属性"))


def url_of(code: str) -> str:
    return f"resources/{code_to_stem(code)}/"


@cache
def item_types() -> dict[str, str]:
    """Data type letters and names, read from the schema (``C 字符型、N 数值型…``)."""
    text = schemas.schema("resource")["properties"]["items"]["items"]["properties"]["type"]["description"]
    return dict(re.findall(r"([A-Z]) ([^、。]+)", text))


def body(data: Published, resource: Resource, url: str) -> str:
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
    data: Published, config: MkDocsConfig, nav: Navigation, env: Any, pages: list[File], cache: Store | None = None
) -> Written:
    """Render and write every resource page; return how many, how many came from ``cache``, and
    each page's cache key (by page folder name), which also stands for the page's bytes.

    With a ``cache``, a page whose inputs are unchanged since an earlier build is copied from it
    instead of going through the theme: the key hashes the page's own inputs (address, title,
    description, edit link, body HTML) and the theme's frame, rendered once per build around an
    empty probe page, so a change of theme, configuration, navigation or notices renders every
    page again. A cached page is used only when its seal holds (see :mod:`generator.caching`):
    the key is a hash of public inputs, so anyone can name an entry, but only this machine can
    seal one.
    """
    template = env.get_template("main.html")
    toc = get_toc([{"level": 2, "id": anchor, "name": name, "children": []} for anchor, name in SECTIONS])
    nav_once = Once()
    outline = sections(nav)

    def frame(resource: Resource, title: str, content: str, description: str) -> str:
        file = File.generated(config, f"{url_of(resource.code)[:-1]}.md", content="")
        page = Page(theme_text(title), file, config)
        page.content = content
        page.toc = toc
        # The theme prints both unescaped; a title in ``meta`` skips the ``striptags`` that
        # would turn ``&lt;/title&gt;`` back into markup.
        page.meta = {"title": theme_text(title), "description": theme_text(description)}
        page.edit_url = data.edit_url(resource.path) or None
        context = {**get_context(outline, pages, config, page), "catalog_nav_once": nav_once}
        return compact(template.render(context))

    ordered = list(_ordered(data))
    frame_key = ""
    if cache is not None and ordered:
        frame_key = _digest(frame(ordered[0], PROBE, "", PROBE))
    count = reused = 0
    keys: dict[str, str] = {}
    for resource in ordered:
        content = body(data, resource, url_of(resource.code))
        description = resource.summary[:120]
        target = Path(config.site_dir) / url_of(resource.code) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        stored = ""
        if cache is not None:
            key = _digest("\x00".join((frame_key, resource.code, resource.name, description,
                                       data.edit_url(resource.path), content)))
            keys[code_to_stem(resource.code)] = key
            stored = f"{key[:2]}/{key}.html"
            cached = cache.read(stored)
            if cached is not None:
                target.write_bytes(cached)
                count += 1
                reused += 1
                continue
        output = frame(resource, resource.name, content, description).encode("utf-8", errors="xmlcharrefreplace")
        target.write_bytes(output)
        if cache is not None:
            cache.write(stored, output)
        count += 1
    return Written(count, reused, keys)


class Written(NamedTuple):
    pages: int
    reused: int
    keys: dict[str, str]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def sections(nav: Navigation) -> Navigation:
    """The navigation's top level only, each section as a link to its first page.

    Resource pages are leaves of the site: their sidebar names the sections (部门, 清单, …) and the
    pages those lead to list the rest, which keeps every one of many thousand pages small.
    """
    links = []
    for item in nav.items:
        first = item
        while first.children:
            first = first.children[0]
        links.append(Link(item.title, first.url))
    return Navigation(links, nav.pages)


class Once:
    """Renders a theme block the first time it is called and returns the same HTML afterwards.

    The sidebars (navigation and the table of contents) are identical on every resource page:
    all of them sit at the same depth, none is in the navigation and their sections are fixed.
    """

    def __init__(self) -> None:
        self.html: Markup | None = None

    def __call__(self, block: Callable[[], str]) -> Markup:
        if self.html is None:
            self.html = Markup(block())
        return self.html


def _ordered(data: Published) -> Iterator[Resource]:
    yield from sorted(data.catalog.resources, key=lambda r: r.code)
