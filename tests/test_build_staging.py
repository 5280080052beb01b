"""``catalog build`` never writes into the published folder: a failed or killed build leaves it as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, TODAY
from site_repo import make_repo

from generator.cli import main


def snapshot(site: Path) -> dict[str, str]:
    """Every file's hash, except Pagefind's index: its filter files are not byte-stable between runs
    (upstream Pagefind/pagefind#638), while pages and downloads are."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's site configuration beside a catalog repository, built once into ``site``."""
    root = tmp_path / "repo"
    make_repo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    monkeypatch.chdir(root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["build", "--date", TODAY, "-d", "site"]) == 0
    return root


def leftovers(root: Path) -> list[str]:
    """What a build left beside the site, except the previous generation kept for the next build."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site.") and not p.name.startswith(".site.gen-"))


def test_a_successful_build_replaces_the_site_and_leaves_nothing_behind(project: Path) -> None:
    before = snapshot(project / "site")
    target = project / "catalog" / "gongan" / "301001-000001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("按月更新", "按周更新"), encoding="utf-8")
    assert main(["build", "--date", TODAY, "-d", "site"]) == 0
    after = snapshot(project / "site")
    assert after.keys() == before.keys()
    assert after["resources/301001-000001/index.html"] != before["resources/301001-000001/index.html"]
    assert "按周更新" in (project / "site" / "resources" / "301001-000001" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []
    assert oct((project / "site").stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def test_a_failed_build_keeps_the_previous_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project / "site")
    # A broken link in a documentation page: strict mode aborts after every page has been written.
    (project / "docs" / "broken.md").write_text("# 坏链接\n\n[不存在的页面](nope.md)\n", encoding="utf-8")
    assert main(["build", "--date", TODAY, "-d", "site"]) == 1
    assert "网站生成失败，原有网站未改动" in capsys.readouterr().err
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_killed_build_keeps_the_previous_site_and_the_next_build_cleans_up(project: Path) -> None:
    before = snapshot(project / "site")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--date", TODAY, "-d", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in project.glob(".site.building-*") if any(p.rglob("*.html"))]
        if staging:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert snapshot(project / "site") == before
    assert leftovers(project), "a killed build leaves its staging folder"
    assert main(["build", "--date", TODAY, "-d", "site"]) == 0
    assert leftovers(project) == []
    assert snapshot(project / "site") == before


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
