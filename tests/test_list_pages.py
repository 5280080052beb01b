"""Lists in pages (issue 14): a list longer than ``list_page_rows`` resources is cut into pages, and
the filter of any page still finds in the whole list (it loads the other pages' rows when used)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browse import browsing, need_chromium
from conftest import REPO, TODAY
from site_repo import make_repo

ROWS = 2


def build(catalog: Path, site: Path, rows: int) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    saved = {key: os.environ.get(key) for key in ("CATALOG_DIR", "CATALOG_BUILD_DATE")}
    os.environ.update(CATALOG_DIR=str(catalog), CATALOG_BUILD_DATE=TODAY)
    try:
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins["catalog"].config.search = False
        config.plugins["catalog"].config.list_page_rows = rows
        mkdocs_build(config)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site catalog built with lists of ``ROWS`` per page, and with every list on one page."""
    root = tmp_path_factory.mktemp("lists")
    catalog = make_repo(root / "repo")
    build(catalog, root / "paged", ROWS)
    build(catalog, root / "whole", 1000)
    return root / "paged", root / "whole"


def codes(html: str) -> list[str]:
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r'<td class="catalog-code"><a href="[^"]*">([^<]+)</a>', table)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_long_list_is_cut_into_pages_holding_the_whole_list(sites: tuple[Path, Path]) -> None:
    paged, whole = sites
    everything = codes(page(whole, "lists/share"))
    assert len(everything) > ROWS * 2, "the share list spans three pages at least"
    pages = -(-len(everything) // ROWS)
    found = []
    for number in range(1, pages + 1):
        html = page(paged, "lists/share" if number == 1 else f"lists/share/{number}")
        shown = codes(html)
        assert 0 < len(shown) <= ROWS
        found += shown
        assert f"共 {len(everything)} 个资源" in html
        assert f"第 {number} 页，共 {pages} 页" in html
        assert f'data-filter-total="{len(everything)}"' in html
    assert found == everything, "the pages hold the list in order, each resource once"
    assert not (paged / "lists" / "share" / str(pages + 1)).exists()
    nav = (paged / "index.html").read_text(encoding="utf-8")
    assert 'href="lists/share/2/"' not in nav[nav.index("md-nav--primary") :], "later pages stay out of the navigation"


def test_a_short_list_is_one_page_as_before(sites: tuple[Path, Path]) -> None:
    paged, whole = sites
    assert codes(page(paged, "lists/delisted")) == codes(page(whole, "lists/delisted"))
    assert "catalog-pages" not in page(paged, "lists/delisted") and "data-filter-pages" not in page(paged, "lists/delisted")
    assert "catalog-pages" not in page(whole, "lists/share")


def test_the_filter_of_the_first_page_finds_in_the_whole_list(sites: tuple[Path, Path]) -> None:
    paged, whole = sites
    everything = codes(page(whole, "lists/share"))
    last = codes(page(paged, f"lists/share/{-(-len(everything) // ROWS)}"))[-1]
    with browsing(paged, need_chromium()) as (browser, base):
        browser.goto(base + "lists/share/")
        assert browser.locator("[data-filter] tbody tr:not([hidden])").count() == ROWS
        browser.locator("[data-filter-text]").fill(last)
        browser.locator(f"[data-filter] tbody tr:not([hidden]) >> text={last}").wait_for(timeout=30_000)
        assert browser.locator("[data-filter] tbody tr:not([hidden])").count() == 1
        assert browser.locator("[data-filter-count]").inner_text() == f"显示 1 / {len(everything)} 条"
        browser.locator("[data-filter-text]").fill("")
        assert browser.locator("[data-filter] tbody tr:not([hidden])").count() == ROWS, "no filter: this page's rows"
