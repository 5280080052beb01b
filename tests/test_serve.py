"""``catalog serve`` (issue 14): a catalog error during the preview keeps the last good site, with a
Chinese banner naming the errors, instead of hanging every request; a busy port is one line."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_process import catalog, one_chinese_line
from conftest import REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

BROKEN = "catalog/shichang/104001-000001.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    make_repo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    GitRepo(root).commit("网站配置", "2026-11-03")
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def preview(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """``catalog serve`` running on the project: (base address, its stderr log, the process)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "CATALOG_CACHE_DIR": str(tmp_path / "cache")}
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--date", TODAY, "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    try:
        wait_for(lambda: "正在预览" in text(log), log, process)
        yield f"http://127.0.0.1:{port}/", log, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


def wait_for(condition: object, log: Path, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, text(log)
        assert time.monotonic() < deadline, text(log)
        time.sleep(0.2)


def get(url: str) -> str:
    """The page at ``url``; a request that hangs fails the test after 30 seconds."""
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        body: bytes = response.read()
        return body.decode("utf-8")


def test_a_broken_catalog_keeps_the_last_site_with_a_banner(project: Path, preview: tuple[str, Path, subprocess.Popen[bytes]]) -> None:
    base, log, process = preview
    assert "catalog-preview-errors" not in get(base + "departments/")
    page = get(base + "resources/104001-000001/")
    good = (project / BROKEN).read_text(encoding="utf-8")
    (project / BROKEN).write_text(good.replace("name: ", "name: [", 1), encoding="utf-8")

    wait_for(lambda: "catalog-preview-errors" in get(base + "departments/"), log, process)
    shown = get(base + "resources/104001-000001/")
    assert "catalog-preview-errors" in shown and "目录有错误，网站未更新" in shown
    assert f"{BROKEN}:" in shown and "[F-001]" in shown
    assert "104001/000001" in page and "104001/000001" in shown, "the last good page is still served"
    terminal = text(log)
    assert f"{BROKEN}:" in terminal and "错误 [F-001]" in terminal and "catalog：目录有错误" in terminal
    for english in ("Aborted", "Traceback", "An error happened"):
        assert english not in terminal

    (project / BROKEN).write_text(good, encoding="utf-8")
    wait_for(lambda: "catalog-preview-errors" not in get(base + "departments/"), log, process)
    assert "网站已重新生成" in text(log)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    assert "预览已结束" in text(log)
    lines = text(log).splitlines()
    assert [line for line in lines if line.startswith("信息：正在生成网站，输出到")] and [line for line in lines if line.startswith("信息：网站已生成，用时")], "MkDocs' log in Chinese"
    assert not [line for line in lines if line.startswith(("INFO", "WARNING", "ERROR"))]


def test_a_busy_port_is_one_line(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = catalog("serve", "--date", TODAY, "-a", f"127.0.0.1:{port}", cwd=project)
    assert result.returncode == 2
    line = one_chinese_line(result.stderr)
    assert f"无法在 127.0.0.1:{port} 上预览：端口已被占用" in line and "-a" in line


def test_an_address_without_a_port_is_a_usage_error(project: Path) -> None:
    result = catalog("serve", "-a", "localhost", cwd=project)
    assert result.returncode == 2
    assert one_chinese_line(result.stderr) == "catalog：预览地址“localhost”应为 地址:端口，例如 127.0.0.1:8000"


def test_an_edit_renders_only_what_it_touches(project: Path, preview: tuple[str, Path, subprocess.Popen[bytes]]) -> None:
    """The preview rebuilds as ``catalog build`` does: the edited resource's page is made again and
    shown; the other resource pages are taken over from the previous generation."""
    base, log, process = preview
    page = base + "resources/104001-000001/"
    assert "（预览中修改）" not in get(page)
    before = text(log)
    target = project / "catalog" / "shichang" / "104001-000001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("summary: ", "summary: （预览中修改）", 1), encoding="utf-8")
    wait_for(lambda: "（预览中修改）" in get(page), log, process)
    wait_for(lambda: "网站已重新生成" in text(log)[len(before):], log, process)
    after = text(log)[len(before):]
    assert "已生成 7 个资源页面（其中 6 个未变" in after, after
