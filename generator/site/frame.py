"""The theme's page around a resource page's body, rendered once per build and filled in per page.

Every resource page sits at the same depth, outside the navigation, with the same sections: the
theme's ``main.html`` gives each the same HTML except its title (in ``<title>``, the header and the
description), its description, its address, its edit link and its body. So the frame is rendered
once with a placeholder in each of those places and each page is the frame with its own values put
in, which is what rendering the theme for that page would give — and is checked to be, on two
pages of every build (one with markup characters in its title), before it is used. Should the
theme ever treat a value differently (escape, shorten or repeat it), the check fails and every page
is rendered through the theme as before.

The placeholder frame's hash, with the code's, is part of every resource page's key: a change of
theme, configuration, navigation or notice banner renders every page again.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.load.model import Resource, code_to_stem
from generator.publish.facts import code_version
from generator.publish.model import Published
from generator.site.render import compact, theme_text

log = logging.getLogger("mkdocs.plugins.catalog")
SECTIONS = (("metadata", "基本信息"), ("items", "信息项"), ("share", "共享属性"), ("open", "开放属性"))
PROBE = "\x00<&\"'>"
"""Title and description of the second checked page: how the frame treats markup characters."""
_MARK = "\ue000"
TITLE, DESCRIPTION, BODY, EDIT = (f"{_MARK}{name}{_MARK}" for name in ("title", "description", "body", "edit"))
STEM = "zzzzzz-zzzzzz"
"""The placeholder page's folder name: resource codes are digits, so no page has it."""
HEADED = ("<h1>", "")
"""Content with a heading of its own, and without (the theme then adds the page title as one)."""
_SLOTS = re.compile(f"{re.escape(TITLE)}|{re.escape(DESCRIPTION)}|{re.escape(EDIT)}|{STEM}")


class Frame:
    """The theme around resource pages for one build (``data``, ``config``, ``nav``, ``env``)."""

    def __init__(
        self, data: Published, config: MkDocsConfig, nav: Navigation, env: Any, pages: list[File],
        body: Callable[[Published, Resource, str], str],
    ) -> None:
        self.data, self.config, self.pages = data, config, pages
        self.template = env.get_template("main.html")
        self.toc = get_toc([{"level": 2, "id": anchor, "name": name, "children": []} for anchor, name in SECTIONS])
        self.outline = sections(nav)
        self.nav_once = Once()
        edit = EDIT if data.repo_url else None
        # The theme adds a heading when the content has none: one frame for each case.
        raws = [self._render(STEM, TITLE, BODY + lead, DESCRIPTION, edit) for lead in HEADED]
        self.parts: list[tuple[str, str]] | None = []
        for raw, lead in zip(raws, HEADED, strict=True):
            head, found, tail = raw.partition(BODY + lead)
            if not found or BODY in tail:
                self.parts = None
                break
            self.parts.append((head, tail))
        self.key = hashlib.sha256((code_version() + "\0" + "\0".join(raws)).encode("utf-8", "surrogatepass")).hexdigest()
        if self.parts is not None and not self._checked(body):
            log.info("资源页面：主题对标题、描述或正文的处理与预期不同，逐页完整渲染")
            self.parts = None

    def page(self, resource: Resource, title: str, content: str, description: str) -> str:
        """The whole page of ``resource``."""
        stem = code_to_stem(resource.code)
        edit = self.data.edit_url(resource.path) or None
        if self.parts is None:
            return compact(self._render(stem, theme_text(title), content, theme_text(description), edit))
        values = {TITLE: theme_text(title), DESCRIPTION: theme_text(description), EDIT: edit or "", STEM: stem}
        head, tail = (_SLOTS.sub(lambda m: values[m[0]], part) for part in self.parts[0 if "<h1" in content else 1])
        return compact(head + content + tail)

    def _render(self, stem: str, title: str, content: str, description: str, edit: str | None) -> str:
        file = File.generated(self.config, f"resources/{stem}.md", content="")
        page = Page(title, file, self.config)
        page.content = content
        page.toc = self.toc
        # The theme prints both unescaped; a title in ``meta`` skips the ``striptags`` that
        # would turn ``&lt;/title&gt;`` back into markup.
        page.meta = {"title": title, "description": description}
        page.edit_url = edit
        context = {**get_context(self.outline, self.pages, self.config, page), "catalog_nav_once": self.nav_once}
        return str(self.template.render(context))

    def _checked(self, body: Callable[[Published, Resource, str], str]) -> bool:
        """Whether filling in the frame gives what the theme renders: for a real page, and for a
        probe with markup characters in its title and description and no heading."""
        resources = sorted(self.data.catalog.resources, key=lambda r: r.code)[:1]
        for resource in resources:
            stem, edit = code_to_stem(resource.code), self.data.edit_url(resource.path) or None
            real = body(self.data, resource, f"resources/{stem}/")
            for title, description, content in (
                (resource.name, resource.summary[:120], real), (PROBE, PROBE, f"<p>{theme_text(PROBE)}</p>\n  <p>正文</p>"),
            ):
                full = compact(self._render(stem, theme_text(title), content, theme_text(description), edit))
                if self.page(resource, title, content, description) != full:
                    return False
        return True


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
