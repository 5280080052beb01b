"""The province's site after a harvest: members with provenance, combined lists with the cross-level
flags, member records in the search index (facets 目录 and 层级) and in a download, and no member
resource listed on this site's pages above ``member_pages``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from federation_repo import federation
from site_repo import build

from generator.cli import main

DAY = "2026-11-22"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory):
    where = tmp_path_factory.mktemp("federation")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CATALOG_CACHE_DIR", str(where / "cache"))
        with federation(where) as fed:
            assert main(["harvest", "--catalog", str(fed.catalog), "--date", DAY]) == 0
            build(fed.catalog, where / "site", search=True)
            registry = fed.catalog / "registry.yaml"
            registry.write_text(registry.read_text(encoding="utf-8") + "member_pages: 5\n", encoding="utf-8")
            build(fed.catalog, where / "large", search=False)
            yield where / "site", where / "large", fed.city1.git("rev-parse", "HEAD")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_members_page_shows_provenance(sites) -> None:
    site, _, revision = sites
    html = page(site, "members")
    for code, name in (("450100", "测试市"), ("450200", "测试二市"), ("450221", "测试县")):
        assert code in html and name in html
    assert revision[:12] in html and DAY in html
    assert 'href="https://city1.example.gov.cn/"' in html


def test_member_page_links_each_resource_to_the_member_site(sites) -> None:
    site, _, _ = sites
    html = page(site, "members/450100")
    assert "450100:101001/000001" in html
    assert 'href="https://city1.example.gov.cn/resources/101001-000001/"' in html


def test_combined_lists_with_provenance_and_cross_level_flags(sites) -> None:
    site, _, _ = sites
    html = page(site, "members/lists")
    assert "上下级清单不一致（3）" in html and "吉林 第二十四条" in html
    assert html.count("450100:101001/000001") >= 2  # in the flags and in the combined 共享清单
    assert "中华人民共和国个人信息保护法 第十三条" in html


def test_download_and_search_index_of_member_records(sites) -> None:
    site, _, revision = sites
    records = [json.loads(line) for line in (site / "downloads" / "members.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 9 and {r["member"] for r in records} == {"450100", "450200", "450221"}
    first = next(r for r in records if r["id"] == "450100:101001/000001")
    assert first["revision"] == revision and first["harvested"] == DAY and first["member_name"] == "测试市"
    assert json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"][-1] == "part-members"
    meta = (site / "pagefind" / "part-members" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"page_count":9' in meta.replace(" ", "")
    filters = list((site / "pagefind" / "part-members" / "filter").glob("*.pf_filter"))
    assert filters


def test_above_member_pages_members_are_only_linked(sites) -> None:
    _, large, _ = sites
    html = page(large, "members/450100")
    assert "450100:101001/000001" not in html and "不逐条列出" in html
    assert "不为它们生成页面" in page(large, "members")
    assert not (large / "resources" / "450100-101001-000001").exists()


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def test_member_pages_pass_axe_and_fit_a_phone(sites, viewport: dict[str, int]) -> None:
    """The federated pages in Chromium: no serious or critical axe violation, nothing sideways on a phone."""
    from axe_playwright_python.sync_playwright import Axe
    from browse import ARGS, need_chromium, serve
    from playwright.sync_api import sync_playwright

    executable = need_chromium()
    site, _, _ = sites
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        opened = browser.new_page(viewport=viewport, locale="zh-CN")
        for path in ("members/", "members/450100/", "members/lists/"):
            opened.goto(base + path)
            opened.wait_for_load_state("load")
            opened.wait_for_timeout(200)
            serious = [f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
                       for v in Axe().run(opened).response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], path
            assert opened.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        browser.close()
