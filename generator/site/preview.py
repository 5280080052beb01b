"""``catalog serve``'s server: MkDocs' live-reload server that never stalls on a broken catalog.

MkDocs' own ``serve`` makes every request wait until a rebuild succeeds, so one mistake in a
catalog file hangs the preview ("Aborted with a BuildError"). Here each rebuild first validates
the catalog; with errors, or when MkDocs fails, the last good site stays in place, every page
shows a banner naming the errors, and the terminal prints them in Chinese.

Each rebuild is ``catalog build``'s incremental build (:mod:`generator.site.build`): it brings the
previous generation up to date and exchanges it with the served folder when complete
(:mod:`generator.site.generations`), so an edit of one resource renders that resource's page and
the few that show it. The served folder is kept in the cache between previews of the same catalog
(a second ``catalog serve`` starts from the first one's site), or in a temporary folder when another
preview of the same catalog is running.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from os.path import isfile, join
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

from generator import atomic, locking
from generator.caching import Store, open_store
from generator.site import build as incremental
from generator.site import generations

SHOWN = 20
"""At most this many problems in the banner; the terminal shows them all."""

Check = Callable[[], tuple[list[str], str]]
"""Validates the catalog: (one line per error, the full Chinese report); no lines when it is valid."""


class PreviewServer(LiveReloadServer):
    """The live-reload server with a banner on every page while the catalog has errors."""

    banner = b""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bound = False

    def server_bind(self) -> None:
        """Bind once: the address is taken before the first build, so a busy port shows at once."""
        if not self._bound:
            super().server_bind()
            super().server_activate()
            self._bound = True

    def server_activate(self) -> None:
        self.server_bind()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        page: bytes = super()._inject_js_into_html(content, epoch)
        if not self.banner:
            return page
        body = re.search(rb"<body[^>]*>", page)
        at = body.end() if body else 0
        return page[:at] + self.banner + page[at:]


def banner(title: str, lines: list[str]) -> bytes:
    """The banner's HTML: a title and the problems (escaped, at most ``SHOWN``)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:SHOWN])
    more = f"<p>另有 {len(lines) - SHOWN} 个问题，见终端输出。</p>" if len(lines) > SHOWN else ""
    style = (
        "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1.2em;background:#fff3cd;"
        "color:#5c3c00;border-bottom:2px solid #c77c00;font-size:.8rem;max-height:40vh;overflow:auto"
    )
    text = f'<div class="catalog-preview-errors" role="alert" style="{style}"><strong>{html.escape(title)}</strong><ul>{items}</ul>{more}</div>'
    return text.encode("utf-8")


def serve(config_file: str, dev_addr: str, check: Check, catalog: Path) -> None:
    """Serve the site of ``config_file`` (the catalog folder ``catalog``) at ``dev_addr`` until
    interrupted; ``OSError`` when the address cannot be used, ``MkDocsException`` when the first
    build fails."""
    store, _ = open_store(catalog)
    with _folder(store) as site_dir:
        _serve(config_file, dev_addr, check, store, site_dir)


@contextmanager
def _folder(store: Store | None) -> Iterator[Path]:
    """The folder the preview serves: kept in the cache for the next preview, unless another
    preview holds it (then, or without a cache, a temporary folder removed at the end)."""
    kept = store.folder / "preview" / "site" if store is not None else None
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with locking.held(kept.parent / "site.lock") as mine:
            if mine:
                yield kept
                return
    folder = Path(tempfile.mkdtemp(prefix="catalog-preview-"))
    try:
        yield folder / "site"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve(config_file: str, dev_addr: str, check: Check, store: Store | None, site_dir: Path) -> None:
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=config_file, site_dir=str(site_dir), dev_addr=dev_addr)
        config.site_url = serve_url
        return config

    config = load_config(config_file=config_file, site_dir=str(site_dir), dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, "/")
    config.site_url = serve_url
    server: PreviewServer

    def builder(config: MkDocsConfig | None = None) -> None:
        first = config is not None
        if not first:
            print("catalog：检测到文件修改，重新生成网站……", file=sys.stderr)
        lines, report = check()
        if lines:
            _failed(server, "目录有错误，网站未更新，显示的是上次成功生成的网站。请修正以下问题：", lines, report)
            return
        built = config or get_config()
        try:
            with generations.staged(site_dir, store) as outputs:
                built.site_dir = str(outputs.folder)
                incremental.build(built, outputs, store)
        except (MkDocsException, OSError) as err:
            if first:
                raise
            reason = atomic.describe(err) if isinstance(err, OSError) else str(err)
            _failed(server, "网站生成失败，显示的是上次成功生成的网站：", [reason], f"catalog：网站生成失败：{reason}\n")
            return
        server.banner = b""
        if not first:
            print("catalog：网站已重新生成，浏览器将自动刷新", file=sys.stderr)

    server = PreviewServer(builder=builder, host=host, port=port, root=str(site_dir))
    server.error_handler = error_pages(site_dir)
    try:
        server.server_bind()
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        running: LiveReloadServer = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            running.watch(item)
        print(f"catalog：正在预览 {running.url}（修改目录文件后自动重新生成；按 Ctrl+C 结束）", file=sys.stderr)
        try:
            running.serve()
        except KeyboardInterrupt:
            print("catalog：预览已结束", file=sys.stderr)
        finally:
            running.shutdown()
    finally:
        config.plugins.on_shutdown()
        server.server_close()


def error_pages(site_dir: Path) -> Callable[[int], bytes | None]:
    """MkDocs' 404 page for missing addresses, as ``mkdocs serve`` does."""

    def error_page(code: int) -> bytes | None:
        page = join(site_dir, f"{code}.html")
        if code in (404, 500) and isfile(page):
            return Path(page).read_bytes()
        return None

    return error_page


def _failed(server: PreviewServer, title: str, lines: list[str], report: str) -> None:
    sys.stderr.write(report if report.endswith("\n") else report + "\n")
    print(f"catalog：{title.rstrip('：')}", file=sys.stderr)
    server.banner = banner(title, lines)
