"""The benchmark's Hugo peer renders the same resource pages as the project, and the harness runs it.

Needs Debian's ``hugo``: without it these tests skip, saying so, except in CI (``CI=true``), where
they install it the way the benchmark's setup does (``peer.ensure_hugo``) and fail if they cannot.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import peer  # noqa: E402
from site_repo import build, make_repo  # noqa: E402


def need_hugo() -> str:
    import shutil

    found = shutil.which("hugo")
    if found:
        return found
    if os.environ.get("CI") != "true":
        pytest.skip("没有找到 hugo（apt-get install hugo），跳过基准测试对照的测试")
    installed, why = peer.ensure_hugo()
    if installed is None:
        pytest.fail(f"CI 中不能跳过：{why}")
    return installed


def body_text(page: str) -> str:
    """The indexed body and related list of a resource page as text, without the status banner
    (the project's banner counts notice days, which the peer does not compute)."""
    start = page.index("<div data-pagefind-body>")
    part = page[start : page.index('<h2 id="history">', start)]
    part = re.sub(r'<div class="admonition.*?</div>', "", part, flags=re.S)
    part = re.sub(r"<[^>]+>", " ", part)
    return " ".join(html.unescape(part).split())


def history_rows(page: str) -> list[str]:
    start = page.index('<h2 id="history">')
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr><td\b.*?</tr>", page[start:])]


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    hugo = need_hugo()
    where = tmp_path_factory.mktemp("peer")
    catalog = make_repo(where / "repo")
    build(catalog, where / "project", search=False)
    peer.write_site(where / "repo", where / "hugo")
    done = subprocess.run(peer.hugo_command(hugo, where / "hugo", where / "cache"), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return where / "project", where / "hugo" / "public"


def test_peer_resource_pages_show_what_the_project_shows(both_sites: tuple[Path, Path]) -> None:
    project, hugo = both_sites
    pages = sorted(p.parent.name for p in (project / "resources").glob("*/index.html"))
    assert len(pages) == 7
    for stem in pages:
        mine = (project / "resources" / stem / "index.html").read_text(encoding="utf-8")
        theirs = (hugo / "resources" / stem / "index.html").read_text(encoding="utf-8")
        assert body_text(theirs) == body_text(mine), stem
        assert history_rows(theirs) == history_rows(mine), stem
        assert history_rows(mine), f"{stem}: the project's page shows its history"
        assert 0.9 < len(theirs.encode()) / len(mine.encode()) < 1.1, stem
    related = (hugo / "resources" / "301001-000001" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../resources/101001-000001/"' in related


def test_peer_department_pages_list_the_department_resources(both_sites: tuple[Path, Path]) -> None:
    _, hugo = both_sites
    page = (hugo / "departments" / "gongan" / "index.html").read_text(encoding="utf-8")
    assert "<h1>测试市公安局</h1>" in page
    assert set(re.findall(r'href="\.\./\.\./resources/([\d-]+)/"', page)) == {"101001-000001", "301001-000001", "301001-000002"}


def test_edited_resource_reaches_the_peer_page(tmp_path: Path) -> None:
    """What the benchmark does between Hugo's build and its rebuild: the edit shows after ``hugo``."""
    import synthetic

    hugo = need_hugo()
    make_repo(tmp_path / "repo")
    peer.write_site(tmp_path / "repo", tmp_path / "hugo")
    resource = tmp_path / "repo" / "catalog" / "gongan" / "301001-000001.yaml"
    history = peer.history_of(tmp_path / "hugo", resource)
    assert [row[1] for row in history] == ["修改流动人口居住登记信息摘要", "新增测试市目录"]
    synthetic.edit(resource, "（基准修改）")
    peer.write_page(tmp_path / "repo", resource, tmp_path / "hugo", history)
    subprocess.run(peer.hugo_command(hugo, tmp_path / "hugo", tmp_path / "cache"), check=True, capture_output=True)
    page = (tmp_path / "hugo" / "public" / "resources" / "301001-000001" / "index.html").read_text(encoding="utf-8")
    assert "（基准修改）在本市居住半年以上" in page
    assert "修改流动人口居住登记信息摘要" in page


def test_the_peer_site_can_be_searched_in_chromium(both_sites: tuple[Path, Path]) -> None:
    """The benchmark's first search on the peer: Pagefind's own UI over the peer's index finds a
    resource (the peer's search page must not depend on the project's search page script)."""
    sys.path.insert(0, str(HERE.parent))
    import browser
    from browse import need_chromium

    need_chromium()
    _, hugo = both_sites
    done = subprocess.run(peer.pagefind_command(hugo), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    found = browser.browser_search(hugo, "户籍")
    assert not isinstance(found, str), found
    assert found[1] > 0, "Pagefind files were fetched"
