"""The key of each MkDocs page (generated or hand-written): the inputs its HTML is made from.

A page is the theme's frame around its content. The frame depends on the code and templates, the
site configuration and theme overrides, the navigation and the set of files (links between pages
are resolved against it): :func:`frame_key`. The content depends on what the page's template
shows (its view's context, :mod:`.views`) or on its Markdown source. A page whose view holds a
value :mod:`generator.publish.facts` cannot reduce gets no key and is made on every build.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator.publish.facts import Uncacheable, code_version, digest
from generator.publish.model import Published
from generator.site.pages import PagePlan
from generator.site.views import VIEWS

log = logging.getLogger("mkdocs.plugins.catalog")


def frame_key(config: MkDocsConfig, files: Files, nav: Navigation) -> str:
    """Everything around a page's content: code, configuration, theme overrides, navigation, files."""
    digest_ = hashlib.sha256(code_version().encode())
    if config.config_file_path and Path(config.config_file_path).is_file():
        digest_.update(Path(config.config_file_path).read_bytes())
    settings = {
        "site_name": config.site_name, "site_url": config.site_url, "copyright": config.copyright,
        "extra": dict(config.extra), "use_directory_urls": config.use_directory_urls,
        "theme": {k: config.theme[k] for k in ("features", "language", "font", "palette", "icon") if k in config.theme},
        "extra_css": list(config.extra_css), "extra_javascript": [str(s) for s in config.extra_javascript],
        "repo_url": config.repo_url, "edit_uri": config.edit_uri,
    }
    digest_.update(json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str).encode())
    if config.theme.custom_dir:
        custom = Path(config.theme.custom_dir)
        for path in sorted(p for p in custom.rglob("*") if p.is_file()):
            digest_.update(path.relative_to(custom).as_posix().encode() + b"\0" + path.read_bytes())
    digest_.update(json.dumps(_outline(nav.items), ensure_ascii=False).encode())
    for file in sorted(files, key=lambda f: f.src_uri):
        digest_.update(f"{file.src_uri}\0{file.dest_uri}\0{file.inclusion.name}\0".encode())
    return digest_.hexdigest()


def page_keys(
    data: Published, plans: dict[str, PagePlan], pages: Sequence[File], frame: str, homepage: dict[str, Any]
) -> dict[str, str]:
    """The key of each page by its ``src_uri``; no entry for a page that is made every build."""
    keys: dict[str, str] = {}
    for file in pages:
        entry = plans.get(file.src_uri)
        try:
            if entry is None:
                source = file.content_bytes
                extra = (homepage, data) if file.src_uri == "index.md" else ()
                text = source.decode("utf-8", "surrogateescape")
                keys[file.src_uri] = digest(data, "doc", frame, file.src_uri, text, data.repo_url, data.branch, *extra)
            elif entry.template:
                view = VIEWS[entry.template](data, entry.context) if entry.template in VIEWS else {}
                keys[file.src_uri] = digest(
                    data, "template", frame, file.src_uri, entry.title, entry.template, entry.edit_path,
                    data.edit_url(entry.edit_path) if entry.edit_path else "", entry.context, view, data,
                )
            else:
                keys[file.src_uri] = digest(data, "markdown", frame, file.src_uri, entry.title, entry.markdown, entry.edit_path, data)
        except Uncacheable as why:
            log.debug(f"页面 {file.src_uri} 每次重新生成（{why}）")
    return keys


def _outline(items: list[Any]) -> list[Any]:
    return [[type(i).__name__, str(i.title), getattr(i, "url", ""), _outline(i.children or [])] for i in items]
