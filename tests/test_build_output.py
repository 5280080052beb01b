"""``catalog build`` loses nothing (issue 11): it replaces only a folder that is empty or a site it
made, one build at a time, and a read-only folder or a full disk gives one Chinese line."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_process import catalog, one_chinese_line, read_only
from conftest import REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

from generator.cli import main

BUILD = ("build", "--date", TODAY)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site catalog in a git repository with the project's site configuration; the working
    directory is the repository."""
    root = tmp_path / "repo"
    make_repo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    GitRepo(root).commit("网站配置", "2026-11-03")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    return root


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (``.git`` included) with a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "target",
    ["catalog", ".", ".git", "docs", "site_overrides", "catalog/gongan", "catalog/new", ".git/refs/x", "..", "notes", "mkdocs.yml"],
)
def test_a_folder_a_build_would_destroy_is_refused(
    project: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "会议记录.txt").write_text("不是网站", encoding="utf-8")
    before = tree(project)
    assert main([*BUILD, "-d", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("catalog：输出文件夹") and err.count("\n") == 1, err
    assert "请换一个文件夹" in err
    assert tree(project) == before, "nothing was touched"
    assert not (project / "site").exists()


def test_an_empty_folder_or_an_earlier_site_is_replaced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out").mkdir()
    assert main([*BUILD, "-d", "out"]) == 0
    marker = project / "out" / ".catalog-site"
    assert marker.is_file() and (project / "out" / "resources").is_dir()
    assert main([*BUILD, "-d", "out"]) == 0, "a site made by a build may be replaced"
    marker.unlink()
    capsys.readouterr()
    assert main([*BUILD, "-d", "out"]) == 2
    assert "不是空文件夹，也不是以前生成的网站" in capsys.readouterr().err
    assert (project / "out" / "index.html").is_file()


def test_a_build_waits_for_the_build_holding_the_lock(project: Path, tmp_path: Path) -> None:
    from generator import locking
    from generator.site import folder as sitefolder

    site = project / "site"
    assert main([*BUILD, "-d", "site"]) == 0
    before = tree(site)
    log = tmp_path / "second.log"
    with locking.exclusive(sitefolder.lock_path(site), lambda holder: None), open(log, "w") as stderr:
        second = subprocess.Popen(
            [sys.executable, "-m", "generator", *BUILD, "-d", "site"],
            cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, env=_env(),
        )
        deadline = time.monotonic() + 120
        while "等它完成后继续" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            assert second.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.1)
        time.sleep(1)
        assert second.poll() is None, "the second build waits"
        assert not list(project.glob(".site.building-*")), "and writes nothing while it waits"
        assert tree(site) == before
    assert second.wait(timeout=300) == 0, log.read_text(encoding="utf-8")
    assert "另一次网站生成（进程" in log.read_text(encoding="utf-8")
    assert not (project / ".site.lock").exists()


def test_two_concurrent_builds_both_publish_a_whole_site(project: Path) -> None:
    for _ in range(2):
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "generator", *BUILD, "-d", "site"],
                cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), text=True,
            )
            for _ in range(2)
        ]
        for build in builds:
            _, err = build.communicate(timeout=600)
            assert build.returncode == 0, err
        site = project / "site"
        pages = sorted(site.rglob("*.html"))
        assert len(list((site / "resources").glob("*/index.html"))) == resources(project)
        assert [p for p in pages if p.stat().st_size == 0] == []
        assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "pagefind" / "parts.json").is_file()
        assert (site / "downloads" / "catalog.xlsx").stat().st_size > 0
        kept = [p.name for p in project.glob(".site.*")]
        assert len(kept) <= 1 and all(name.startswith(".site.gen-") for name in kept), kept


def test_a_read_only_output_folder_gives_one_line(project: Path, tmp_path: Path) -> None:
    locked = tmp_path / "published"
    locked.mkdir()
    read_only(locked)
    result = catalog(*BUILD, "-d", str(locked / "site"), cwd=project, obey_modes=True)
    assert result.returncode == 1, result.stderr
    line = one_chinese_line(result.stderr)
    assert "网站生成失败" in line and "没有写入权限" in line and str(locked) in line
    assert list(locked.iterdir()) == []


def test_a_read_only_cache_folder_is_left_alone(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    read_only(cache)
    env = {"CATALOG_CACHE_DIR": str(cache)}
    built = catalog(*BUILD, "-d", "site", cwd=project, env=env, obey_modes=True)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert f"缓存未能写入（{cache}" in built.stderr and "没有写入权限" in built.stderr
    assert len(list((project / "site" / "resources").glob("*/index.html"))) == resources(project)
    checked = catalog("validate", "--today", TODAY, cwd=project, env=env, obey_modes=True)
    assert checked.returncode == 0 and "发现 0 个错误" in checked.stdout
    assert one_chinese_line(checked.stderr).startswith("catalog：缓存未能写入")
    assert list(cache.iterdir()) == []


def test_a_full_disk_keeps_the_previous_site_and_gives_one_line(project: Path) -> None:
    assert main([*BUILD, "-d", "site"]) == 0
    before = tree(project / "site")
    # A new cache: nothing is taken over from the first build, every file is written again.
    fresh = {"CATALOG_CACHE_DIR": str(project.parent / "fresh-cache")}
    result = catalog(*BUILD, "-d", "site", cwd=project, env=fresh, file_size=40_000)
    assert result.returncode == 1, result.stderr
    line = one_chinese_line(result.stderr)
    assert line.startswith("catalog：网站生成失败，原有网站未改动：") and "磁盘或配额已满" in line
    assert tree(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_a_full_disk_while_validating_keeps_the_result(project: Path, tmp_path: Path) -> None:
    env = {"CATALOG_CACHE_DIR": str(tmp_path / "fresh-cache")}
    result = catalog("validate", "--today", TODAY, cwd=project, env=env, file_size=300)
    assert result.returncode == 0 and "发现 0 个错误" in result.stdout, result.stderr
    assert "磁盘或配额已满" in one_chinese_line(result.stderr)
    assert not [p for p in (tmp_path / "fresh-cache").rglob("*") if p.is_file()], "no partial entry is left"


def resources(project: Path) -> int:
    return len([p for p in (project / "catalog").glob("*/*.yaml") if p.name not in ("department.yaml", "needs.yaml")])


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO)}
