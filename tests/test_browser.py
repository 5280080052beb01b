"""The built site in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

The browser is ``/usr/bin/chromium`` or env ``CATALOG_CHROMIUM``. Without one these tests skip,
saying so — except in CI (env ``CI=true``), where a missing browser is a failure.
Accessibility: axe-core, as bundled in the ``axe-playwright-python`` wheel.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hostile
import pytest
from browse import ARGS, need_chromium, serve
from site_repo import HOSTILE_DEPARTMENT, build, make_hostile_repo, make_repo


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    build(make_repo(root / "repo"), root / "site")
    yield from _serve(root / "site")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with :mod:`hostile`'s entry (see tests/test_safe_output.py), search included."""
    root = tmp_path_factory.mktemp("hostile-browser")
    build(make_hostile_repo(root / "repo"), root / "site")
    yield from _serve(root / "site")


def _serve(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened = context.new_page()
    yield opened
    context.close()


def test_home_has_no_console_errors(page: Any, base_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base_url) else None)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "政务数据资源目录"
    assert errors == []
    assert outside == [], "the site must not load anything from outside"


def test_search_finds_the_business_licence_and_opens_it(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.fill("#catalog-q", "营业执照")
    page.press("#catalog-q", "Enter")
    result = page.locator(".catalog-result > a", has_text="营业执照电子证照信息")
    result.first.wait_for(timeout=10_000)
    result.first.click()
    page.wait_for_url("**/resources/104001-000001/")
    assert page.locator("h1").first.inner_text() == "营业执照电子证照信息"


def test_search_filters_by_share_type(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/?q=统一社会信用代码")
    page.locator(".catalog-result").first.wait_for(timeout=10_000)
    page.get_by_label("共享类型").select_option("不予共享")
    page.wait_for_selector('#catalog-search[data-search-done="统一社会信用代码"]')
    titles = page.locator(".catalog-result > a").all_inner_texts()
    assert titles == ["企业信用修复申请材料"]


def test_negative_share_list_shows_legal_bases(page: Any, base_url: str) -> None:
    page.goto(base_url + "lists/share-negative/")
    row = page.locator("tbody tr", has_text="302001/000001")
    assert row.count() == 1
    basis = row.locator("td.catalog-basis a")
    assert basis.inner_text() == "中华人民共和国统计法第三十九条"
    basis.click()
    page.wait_for_url("**/bases/tongjifa-39/")


def test_resource_on_notice_shows_its_end_date(page: Any, base_url: str) -> None:
    page.goto(base_url + "resources/302001-000002/")
    banner = page.locator(".catalog-banner")
    assert "公示中" in banner.inner_text()
    assert page.locator(".catalog-notice-end").inner_text() == "2026-12-02"
    assert page.locator(".md-banner").inner_text().startswith("公示：有 1 个资源")


def test_department_table_filters_and_sorts(page: Any, base_url: str) -> None:
    page.goto(base_url + "departments/shichang/")
    rows = page.locator("[data-filter] tbody tr")
    total = rows.count()
    assert total == 4
    page.fill("[data-filter-text]", "营业执照")
    assert page.locator("[data-filter] tbody tr:not([hidden])").count() == 1
    page.fill("[data-filter-text]", "")
    page.select_option("select[data-filter-key='share']", "不予共享")
    visible = page.locator("[data-filter] tbody tr:not([hidden])")
    assert visible.count() == 1 and "企业信用修复申请材料" in visible.inner_text()
    assert page.locator("[data-filter-count]").inner_text() == "显示 1 / 4 条"
    page.select_option("select[data-filter-key='share']", "")
    page.locator("th button", has_text="资源名称").click()
    names = [row.split("\t")[1] for row in rows.all_inner_texts()]
    assert names == sorted(names, key=lambda n: n.encode("gb18030"))  # zh collation ≈ pinyin


@pytest.mark.parametrize(
    "path", ["", "search/?q=营业执照", "departments/shichang/", "lists/share-negative/",
             "resources/302001-000002/", "stats/"],
)
def test_pages_pass_axe(page: Any, base_url: str, path: str, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert violations == [], "\n".join(violations)


def test_first_search_downloads_little(page: Any, base_url: str) -> None:
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if "/pagefind/" in response.url:
            sizes[response.url.split("/pagefind/")[1]] = len(response.body())

    page.on("response", record)
    page.goto(base_url + "search/?q=营业执照")
    page.locator(".catalog-result").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    data = sum(size for name, size in sizes.items() if name.startswith(("index/", "fragment/", "filter/")) or name.endswith(".pf_meta"))
    assert any(name.startswith("index/") for name in sizes), sizes
    assert data < 200_000, sizes
    assert sum(sizes.values()) < 1_000_000, sizes


def test_hostile_values_show_as_text_and_run_nothing(page: Any, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + f"resources/{hostile.STEM}/")
    page.wait_for_load_state("networkidle")
    assert page.title() == f"{hostile.NAME} - 测试市政务数据资源目录"
    assert page.locator("article h1").first.inner_text() == hostile.NAME
    summary = page.locator(".catalog-summary").inner_text()
    assert "<script>alert(2)</script>[点我](javascript:alert(3))" in summary and "**粗体**" in summary
    article = page.locator("article")
    assert article.locator("img, details, script, strong:not(.catalog-sample)").count() == 0
    assert article.locator("a[href^='javascript:']").count() == 0
    article.get_by_text("<img src=x onerror=alert(5)>", exact=False).filter(visible=True).first.hover()
    page.goto(hostile_url + "departments/shichang/")
    assert page.title() == f"{HOSTILE_DEPARTMENT} - 测试市政务数据资源目录"
    page.goto(hostile_url + "lists/duties/")
    page.goto(hostile_url + "search/?q=恶意")
    result = page.locator(".catalog-result > a").first
    result.wait_for(timeout=10_000)
    assert "<script>alert(1)</script>恶意" in result.inner_text()
    page.wait_for_timeout(300)
    assert dialogs == []
