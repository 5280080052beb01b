"""What a visitor sees: a first search in Chromium, and a page of ``catalog serve`` after an edit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from timed import stages

HERE = Path(__file__).resolve().parent
SERVE_TIMEOUT = 1800.0
"""Seconds ``catalog serve`` may take to serve its first page (a full build) or to show an edit."""


def browser_search(site: Path, word: str) -> tuple[float, int] | str:
    """A first search in headless Chromium against the site served locally.

    Opens ``search/``, types ``word`` and waits for the first result (the project's search page,
    site_overrides/assets/search.js, or Pagefind's default UI on the peer's site); returns the seconds from the keystroke to the result shown,
    and the bytes of every search file the page fetched since it opened (Pagefind's script,
    WebAssembly, index parts and result fragments). A string says why it could not be measured.
    """
    sys.path.insert(0, str(HERE.parent))
    from browse import browsing, chromium

    executable = chromium()
    if executable is None:
        return "未找到 Chromium，未在浏览器中测量"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "未安装 playwright，未在浏览器中测量"
    sizes: dict[str, int] = {}

    def record(response: object) -> None:
        url = response.url  # type: ignore[attr-defined]
        if "/pagefind/" in url:
            sizes[url] = len(response.body())  # type: ignore[attr-defined]

    try:
        with browsing(site, executable) as (page, base):
            page.on("response", record)
            page.goto(base + "search/")
            page.wait_for_load_state("networkidle")
            box = page.locator("#catalog-search-input, .pagefind-ui__search-input")
            start = time.perf_counter()
            box.fill(word)
            page.locator(".catalog-result > a, .pagefind-ui__result-link").first.wait_for(timeout=60_000)
            seconds = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
    except Exception as err:  # a failed measurement is reported in the table, not raised
        return f"浏览器中搜索失败：{type(err).__name__}: {str(err)[:200]}"
    return seconds, sum(sizes.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def serve_edit(repo: Path, env: dict[str, str], page: str, edit: object, marker: str) -> tuple[float, float, list[str]] | str:
    """``catalog serve`` on ``repo``: seconds until ``page`` is first served, then seconds from
    ``edit()`` (which changes a resource file) until the page served contains ``marker``, and the
    server's log lines after the edit that report durations (the rebuild's stages).

    The page is polled over HTTP every 0.1 s, as a browser's live reload would fetch it. A string
    says what went wrong (with the end of the server's log).
    """
    port = free_port()
    log_path = repo.parent / "serve.log"
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}", "--date", "2026-11-22"]
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=repo, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        start = time.perf_counter()
        if _wait(url, lambda body: True, server) is None:
            return _failed("catalog serve 未能提供页面", log_path, server)
        started = time.perf_counter() - start
        before = log_path.stat().st_size
        edit()  # type: ignore[operator]
        start = time.perf_counter()
        if _wait(url, lambda body: marker in body, server) is None:
            return _failed("catalog serve 未在时限内显示修改", log_path, server)
        shown = time.perf_counter() - start
        with log_path.open("rb") as log_file:
            log_file.seek(before)
            after = log_file.read().decode("utf-8", errors="replace")
        return started, shown, stages(after)
    finally:
        _stop(server)


def _wait(url: str, done: object, server: subprocess.Popen[bytes]) -> str | None:
    deadline = time.perf_counter() + SERVE_TIMEOUT
    while time.perf_counter() < deadline and server.poll() is None:
        body = fetch(url)
        if body is not None and done(body):  # type: ignore[operator]
            return body
        time.sleep(0.1)
    return None


def _failed(what: str, log_path: Path, server: subprocess.Popen[bytes]) -> str:
    state = f"已退出，退出码 {server.returncode}" if server.poll() is not None else f"{SERVE_TIMEOUT:.0f} 秒内"
    tail = log_path.read_text(encoding="utf-8", errors="replace")[-400:]
    return f"{what}（{state}）：{tail}"


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server this module started, and its children (its own process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        try:
            server.wait(timeout=30)
            break
        except subprocess.TimeoutExpired:
            continue
    server.wait()
