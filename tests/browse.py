"""Headless Chromium and a local server for built sites: shared by the browser tests and the benchmark.

The browser is env ``CATALOG_CHROMIUM`` or Debian's ``/usr/bin/chromium`` (no browser is ever
downloaded). Tests call :func:`need_chromium`: without a browser they skip, saying so, except in
CI (env ``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def chromium() -> str | None:
    for candidate in (os.environ.get("CATALOG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def need_chromium() -> str:
    """The browser, or skip the calling test (fail it in CI)."""
    import pytest

    executable = chromium()
    if executable is None:
        message = "没有找到 Chromium（/usr/bin/chromium 或环境变量 CATALOG_CHROMIUM），跳过浏览器测试"
        if os.environ.get("CI") == "true":
            pytest.fail(message.replace("跳过", "CI 中不能跳过"))
        pytest.skip(message)
    return executable


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` served on 127.0.0.1; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def browsing(site: Path, executable: str) -> Iterator[tuple[Any, str]]:
    """A Chromium page and the base URL of ``site`` served on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield browser.new_page(), base
        browser.close()
