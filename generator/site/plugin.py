"""The MkDocs plugin ``catalog``: ``mkdocs build`` and ``mkdocs serve`` build the whole site.

Registered as an entry point (``plugins: [catalog]`` in ``mkdocs.yml``). The hooks only connect
MkDocs to the stages; each stage lives in its own module of this package.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import exports
from generator.caching import Store, open_store
from generator.caching.outputs import Outputs
from generator.load.model import code_to_stem
from generator.publish import source
from generator.publish.model import Published
from generator.rules.status import describe
from generator.site import keys, members, resources, search
from generator.site import nav as site_nav
from generator.site import search as search_module
from generator.site.background import Background
from generator.site.citations import page_of
from generator.site.frame import Frame
from generator.site.pages import PAGE_ROWS, PagePlan, plan
from generator.site.render import TEMPLATES, compact, render, root_of, theme_text
from generator.site.views import VIEWS

log = logging.getLogger("mkdocs.plugins.catalog")
CATALOG_DIR_ENV = "CATALOG_DIR"


class CatalogConfig(Config):
    catalog_dir = opt.Type(str, default="catalog")
    """The catalog folder, relative to ``mkdocs.yml`` (env ``CATALOG_DIR`` overrides)."""
    build_date = opt.Type(str, default="")
    """``YYYY-MM-DD``; default env ``CATALOG_BUILD_DATE``, else the HEAD commit's date."""
    branch = opt.Type(str, default="main")
    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind."""
    search_part_size = opt.Type(int, default=search_module.PART_SIZE)
    """Resource pages per search-index part; larger catalogs are indexed in parts, merged in the browser."""
    cache = opt.Type(bool, default=True)
    """Reuse resource pages whose inputs did not change since the last build (see ``resources``)."""
    list_page_rows = opt.Type(int, default=PAGE_ROWS)
    """Resources per page of a list (清单); the filter of any page searches the whole list."""
    nav_departments = opt.Type(int, default=site_nav.MAX_DEPARTMENTS)
    """List departments one by one in the navigation only up to this many."""


class CatalogPlugin(BasePlugin[CatalogConfig]):
    def __init__(self) -> None:
        self.data: Published | None = None
        self.plans: dict[str, PagePlan] = {}
        self.nav: Navigation | None = None
        self.env: Any = None
        self.pages: list[File] = []
        self.root = Path("catalog")
        self._epoch: str | None = None
        self.nav_uris: set[str] | None = None
        self.mkdocs: MkDocsConfig | None = None
        self.outputs: Outputs | None = None
        """Where ``catalog build`` writes (:mod:`generator.site.build`); ``None`` under ``mkdocs build``."""
        self.reused: set[str] = set()
        """Pages whose output an earlier build made from the same inputs: not rendered again."""
        self.store: Store | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.mkdocs = config
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / os.environ.get(CATALOG_DIR_ENV, self.config.catalog_dir)).resolve()
        if not self.root.is_dir():
            raise PluginError(f"找不到目录文件夹：{self.root}（在 mkdocs.yml 的 catalog_dir 或环境变量 {CATALOG_DIR_ENV} 中设置）")
        try:
            data = source.collect(self.root, self.config.build_date, self.config.branch)
        except source.CatalogInvalid as err:
            raise PluginError(f"目录未通过校验，网站不发布。请先修正以下问题：\n{err}") from None
        self.data = data
        members.set_root(data, self.root)
        self.plans = {entry.src_uri: entry for entry in plan(data, self.config.list_page_rows)}
        registry = data.catalog.registry
        if registry is not None:
            config.site_name = f"{registry.name}政务数据资源目录"
            if registry.site_url and not config.site_url:
                config.site_url = registry.site_url.rstrip("/") + "/"
            bureau = registry.bureau.get("name") if isinstance(registry.bureau, dict) else None
            if bureau and not config.copyright:
                config.copyright = f"{registry.name}政务数据资源目录 · {bureau}发布"
        config.extra.setdefault("generator", False)
        config.extra["catalog"] = {
            "sample": bool(registry and registry.sample),
            "notices": len([n for n in data.notices if not n.due]),
            "build_date": data.build_date,
            "regulation": data.catalog.profile.regulation,
            "regulation_page": page_of(data.catalog.profile.id),
            "status": describe(data.catalog.profile),
        }
        if config.nav is None:
            config.nav = site_nav.build(list(self.plans.values()), Path(config.docs_dir), self.config.nav_departments)
            self.nav_uris = site_nav.uris(config.nav)
        self._epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = _epoch(data.build_date)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for entry in self.plans.values():
            if files.get_file_from_path(entry.src_uri) is not None:
                continue
            listed = entry.in_nav and (self.nav_uris is None or entry.src_uri in self.nav_uris)
            level = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
            hide = "hide: [toc]\n" if entry.template else ""
            content = f"---\ntitle: {_quote(theme_text(entry.title))}\n{hide}---\n\n{entry.markdown}"
            files.append(File.generated(config, entry.src_uri, content=content, inclusion=level))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        entry = self.plans.get(page.file.src_uri)
        return "" if entry is not None and entry.template else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        data = self._data()
        entry = self.plans.get(page.file.src_uri)
        if page.file.src_uri in self.reused:
            return html
        if entry is None:
            page.edit_url = self._docs_edit_url(page, config)
            if page.is_homepage:
                return html + self._render("home.html", page.url, {})
            return html
        page.edit_url = data.edit_url(entry.edit_path) if entry.edit_path else None
        if not entry.template:
            return html
        return self._render(entry.template, page.url, entry.context)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return compact(output)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        self.pages = list(files.documentation_pages())
        return env

    def page_keys(self, pages: Sequence[File], files: Files, nav: Navigation) -> dict[str, str]:
        """The key of each MkDocs page's inputs (see :mod:`generator.site.keys`)."""
        data = self._data()
        frame = keys.frame_key(self._config(), files, nav)
        return keys.page_keys(data, self.plans, pages, frame, VIEWS["home.html"](data, {}))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        data = self._data()
        try:
            assert self.nav is not None
            outputs = self.outputs or Outputs(Path(config.site_dir))
            if self.outputs is None and self.config.cache:
                self.store, note = open_store(self.root)
                if note:
                    log.info(note)
            started = time.perf_counter()
            downloads = Background("生成下载文件", exports.write_all, data, outputs, self._pieces())
            try:
                frame = Frame(data, config, self.nav, self.env, self.pages, resources.body)
                written = resources.write_all(data, frame, outputs)
                log.info(f"已生成 {written.pages} 个资源页面（其中 {written.reused} 个未变，沿用上次生成的文件），用时 {_since(started)}")
                if self.config.search:
                    begun = time.perf_counter()
                    stems = {code_to_stem(r.code): r.department for r in data.catalog.resources}
                    search.index(outputs, stems, self.config.search_part_size, written.keys, frame.key)
                    log.info(f"搜索索引用时 {_since(begun)}")
                members.publish(data, outputs, self.config.search)
            except BaseException:
                downloads.stop()
                raise
            waited = time.perf_counter()
            for path, key in downloads.wait():
                outputs.adopt(path, key)
            log.info(f"下载文件已生成（与页面同时进行，另等待 {_since(waited)}）")
            if self.store is not None and self.store.write_note():
                log.info(self.store.write_note())
        finally:
            self._restore_epoch()

    def _pieces(self) -> Store | None:
        """Where the downloads keep the pieces of the catalog-wide files between builds."""
        return self.store.child("pieces") if self.store is not None else None

    def _config(self) -> MkDocsConfig:
        assert self.mkdocs is not None
        return self.mkdocs

    def on_build_error(self, *, error: Exception) -> None:
        self._restore_epoch()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root))
        server.watch(str(TEMPLATES))
        return server

    def _data(self) -> Published:
        if self.data is None:
            raise PluginError("目录尚未加载")
        return self.data

    def _render(self, template: str, url: str, context: dict[str, Any]) -> str:
        data = self._data()
        extra = VIEWS[template](data, context) if template in VIEWS else {}
        return render(template, data=data, root=root_of(url), **context, **extra)

    def _docs_edit_url(self, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.abs_src_path is None or page.file.generated_by:
            return None
        base = Path(config.config_file_path or ".").resolve().parent
        relative = Path(page.file.abs_src_path).resolve().relative_to(base).as_posix()
        return self._data().edit_url(relative) or None

    def _restore_epoch(self) -> None:
        if self._epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self._epoch


def _since(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} 秒"


def _epoch(date: str) -> str:
    """Midnight of ``date`` in Beijing time, as seconds since 1970 (for ``SOURCE_DATE_EPOCH``)."""
    moment = dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return str(int(moment.timestamp()))


def _quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's, control characters too)."""
    return json.dumps(text, ensure_ascii=False)
