"""``catalog build``'s site build: MkDocs' own build, stage by stage, reusing what has not changed.

The stages are those of :func:`mkdocs.commands.build.build` in the same order (configuration,
files, navigation, pages read, theme environment, static files, theme templates, pages written,
anchors checked, post-build), with one difference: every output is named with the key of its
inputs (:mod:`.keys`) before it is made, and an output an earlier build made from the same inputs
is taken over from it (:class:`~generator.caching.outputs.Outputs`) instead of made again. The
``catalog`` plugin's own outputs (resource pages, search, downloads) follow the same rule in its
``on_post_build``. ``mkdocs build`` with the plugin still builds everything, as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.caching.outputs import Outputs
from generator.caching.store import Store
from generator.site.plugin import CatalogPlugin

log = logging.getLogger("mkdocs.plugins.catalog")
OTHERS = ("admin",)
"""Folders other plugins write into the site in their ``on_post_build``."""


def build(config: MkDocsConfig, outputs: Outputs, store: Store | None = None) -> None:
    """Build the site of ``config`` into ``outputs.folder``; ``store`` keeps what the downloads
    reuse between builds."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        started = time.monotonic()
        plugin = config.plugins["catalog"]
        assert isinstance(plugin, CatalogPlugin)
        plugin.outputs, plugin.store = outputs, store
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        logging.getLogger("mkdocs").info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        keys = plugin.page_keys(pages, files, nav)
        plugin.reused = {f.src_uri for f in pages if outputs.reuse(f.dest_uri, keys.get(f.src_uri, ""))}
        for file in pages:
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)

        for file in files:
            if not file.is_documentation_page() and InclusionLevel.is_included(file.inclusion):
                _static(file, outputs)
        for template in config.theme.static_templates:
            _template(template, outputs, lambda t=template: _build_theme_template(t, env, files, config, nav))
        for template in config.extra_templates:
            _template(template, outputs, lambda t=template: _build_extra_template(t, files, config, nav))
        built = [f for f in pages if f.src_uri not in plugin.reused]
        for file in built:
            assert file.page is not None
            outputs.prepare(file.dest_uri)
            _build_page(file.page, config, pages, nav, env)
            if os.path.lexists(file.abs_dest_path):
                outputs.adopt(file.dest_uri, keys.get(file.src_uri, ""))
        for file in built:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        log.info(f"页面：{len(built)} 个重新生成，{len(pages) - len(built)} 个未变，沿用上次生成的文件")

        config.plugins.on_post_build(config=config)
        for folder in OTHERS:  # written by other plugins (the form at /admin/): made every build
            if (outputs.folder / folder).is_dir():
                outputs.adopt_tree(folder, "")
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        logging.getLogger("mkdocs").info(f"Documentation built in {time.monotonic() - started:.2f} seconds")
    except Exception as err:
        config.plugins.on_build_error(error=err)
        if isinstance(err, BuildError):
            logging.getLogger("mkdocs").error(str(err))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def _static(file: File, outputs: Outputs) -> None:
    """A theme or documentation asset, keyed by its bytes."""
    data = file.content_bytes
    key = "static:" + hashlib.sha256(data).hexdigest()
    if not outputs.reuse(file.dest_uri, key):
        outputs.write(file.dest_uri, key, data)


def _template(name: str, outputs: Outputs, make: object) -> None:
    """A theme template (``404.html``, ``sitemap.xml`` and its ``.gz``): small, made every time."""
    written = [name, name + ".gz"] if name == "sitemap.xml" else [name]
    for path in written:
        outputs.prepare(path)
    make()  # type: ignore[operator]
    for path in written:
        if (Path(outputs.folder) / path).is_file():
            outputs.adopt(path, "")
