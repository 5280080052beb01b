"""Incremental builds (issue 13): a rebuild after a change gives the site a cold build of the same
catalog gives, byte for byte — except Pagefind's index files, which are not byte-stable between
runs (upstream Pagefind/pagefind#638) — and reuses what the change does not touch.

Each step changes the site catalog, rebuilds into the same folder with the same cache (reusing
the previous generation) and compares with a build into a new folder with an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

from generator.cli import main

RENAMED = "catalog/gongan/101001-000001.yaml"
"""Cited as related resource by 301001/000001: its name shows on that page too."""
NEGATIVE = "catalog/shichang/302001-000001.yaml"
MOVED = "catalog/shichang/102001-000001.yaml"
NOTICED = "catalog/gongan/101001-000001.yaml"


def files(site: Path) -> dict[str, str]:
    """Every file of a site with the hash of its bytes, Pagefind's index left out."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    root = tmp_path / "repo"
    make_repo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    repo = GitRepo(root)
    repo.commit("网站配置", "2026-11-03")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    return repo


def build(caplog: pytest.LogCaptureFixture, date: str = TODAY) -> str:
    """Build into ``site`` (reusing the previous generations); the build's log."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert main(["build", "--date", date, "-d", "site"]) == 0
    return caplog.text


def cold(project: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, date: str = TODAY) -> dict[str, str]:
    """A build of the catalog as it is now into a new folder, with a new, empty cache."""
    target = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    with monkeypatch.context() as scoped:
        scoped.setenv("CATALOG_CACHE_DIR", str(target / "cache"))
        assert main(["build", "--date", date, "-d", str(target / "site")]) == 0
    return files(target / "site")


def reused(log: str) -> tuple[int, int]:
    """(resource pages made again, resource pages taken over) from the build's log."""
    found = re.search(r"已生成 (\d+) 个资源页面（其中 (\d+) 个未变", log)
    assert found, log
    return int(found[1]) - int(found[2]), int(found[2])


def test_building_twice_gives_the_same_bytes_and_renders_nothing_again(
    project: GitRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build(caplog)
    first = files(project.root / "site")
    log = build(caplog)
    assert files(project.root / "site") == first
    assert reused(log) == (0, 7)
    assert "页面：0 个重新生成" in log


def test_each_kind_of_change_rebuilds_to_what_a_cold_build_gives(
    project: GitRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(caplog)
    original = files(project.root / "site")
    steps = [
        ("rename", lambda: project.replace(RENAMED, "name: 户籍人口基本信息", "name: 户籍人口基础信息"), 2),
        ("list move", lambda: project.replace(NEGATIVE, "type: 不予共享", "type: 有条件共享"), 1),
        ("department", lambda: _move(project), 1),
        # A notice more: the banner on every page counts the notices, so every page is made again.
        ("delisting", lambda: _delist(project), 7),
    ]
    for name, change, changed in steps:
        change()
        log = build(caplog)
        assert files(project.root / "site") == cold(project, tmp_path, monkeypatch), name
        assert reused(log)[0] == changed, (name, log)
    project.git("checkout", "-q", "--", ".")
    project.git("clean", "-qfd", "catalog")
    build(caplog)
    assert files(project.root / "site") == original, "changed, then reverted: the first site again"


def test_a_commit_and_a_new_date_rebuild_to_what_a_cold_build_gives(
    project: GitRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(caplog)
    _delist(project)
    project.commit("申请下线户籍人口基本信息", "2026-11-10")
    build(caplog)
    assert files(project.root / "site") == cold(project, tmp_path, monkeypatch)
    later = "2026-11-24"  # two days on: only the pages of the two resources on notice count them
    log = build(caplog, later)
    assert files(project.root / "site") == cold(project, tmp_path, monkeypatch, later)
    assert reused(log)[0] == 2, "a new date renders only the resource pages that show a date"
    done = "2026-12-30"  # the notice has run its course: the banner on every page goes
    build(caplog, done)
    assert files(project.root / "site") == cold(project, tmp_path, monkeypatch, done)


def test_a_file_changed_in_the_kept_generation_is_made_again(
    project: GitRepo, caplog: pytest.LogCaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(caplog)
    build(caplog)
    twins = list(project.root.glob(".site.gen-*"))
    assert len(twins) == 1, "the previous generation is kept beside the site"
    page = twins[0] / "resources" / "301001-000001" / "index.html"
    page.unlink()
    page.write_text("<p>手工改过的页面</p>", encoding="utf-8")
    log = build(caplog)
    assert "手工改过" not in (project.root / "site" / "resources" / "301001-000001" / "index.html").read_text(encoding="utf-8")
    assert files(project.root / "site") == cold(project, tmp_path, monkeypatch)
    assert reused(log)[0] == 0, "taken over from the published site instead"


def _move(project: GitRepo) -> None:
    """A resource moves to another department."""
    text = project.read(MOVED).replace("department: shichang", "department: gongan")
    project.remove(MOVED)
    project.write("catalog/gongan/102001-000001.yaml", text)


def _delist(project: GitRepo) -> None:
    project.replace(NOTICED, "status: 在用\n", "status: 公示中\ndelisting:\n  reason: 已由新系统取代\n  basis: [pipl-13]\n")


def test_search_after_a_rebuild_finds_the_new_text_and_not_the_old(
    project: GitRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The search index in parts (two pages each here): a rebuild after a rename keeps the renamed
    page's part and indexes the page into the revised bundle; in Chromium the new name finds the
    page, the old name no longer does, and a resource moved to another department is found once."""
    from browse import browsing, need_chromium

    executable = need_chromium()
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      catalog_dir: catalog\n", "      catalog_dir: catalog\n      search_part_size: 2\n", 1), encoding="utf-8")
    build(caplog)
    project.replace(RENAMED, "name: 户籍人口基本信息", "name: 户籍人口基础台账")
    _move(project)
    log = build(caplog)
    assert "只把有变化的" in log, log
    listing = json.loads((project.root / "site" / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert "revised" in listing["parts"] and "resources/101001-000001/" in listing["revised"]
    with browsing(project.root / "site", executable) as (page, base):
        for query, shown in (("户籍人口基础台账", 1), ("户籍人口基本信息", 0)):
            page.goto(base + f"search/?q={query}")
            page.wait_for_selector(f'#catalog-search[data-search-done="{query}"]', timeout=30_000)
            found = page.locator('.catalog-result > a[href*="101001-000001"]').count()
            assert found == shown, (query, found)
        moved = project.read("catalog/gongan/102001-000001.yaml").split("name: ", 1)[1].splitlines()[0].strip()
        page.goto(base + f"search/?q={moved}")
        page.wait_for_selector(f'#catalog-search[data-search-done="{moved}"]', timeout=30_000)
        assert page.locator('.catalog-result > a[href*="102001-000001"]').count() == 1, "once, not its old copy too"
