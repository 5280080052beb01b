"""Search quality: the search page and the lists' filter bars find the same resources, by the same
rule (site_overrides/assets/match.js), on a real build read in Chromium.

The catalog (``corpus/search/catalog``) has resources named with the full forms of common
abbreviations (社会保险…, 住房公积金…, 城乡居民基本医疗保险…), resources that mention them only in a
summary, a data item, a department name or a sharing condition, near misses made of the same
characters apart (社区养老服务保障信息 for 社保, 公共租赁住房积分评定信息 for 公积金), one that names them
only in a sharing scope (流动人口登记信息: not what the resource is about, never a match), and
unrelated ones. Before the fix the search page listed every page holding the characters anywhere
(公积金: 14 pages in the sample, none about it) and the list filter found nothing for 社保.

Each query returns exactly the expected resources on the search page (every page of results) and
in the filter bar of the 共享清单 (which lists every resource here); a query nothing matches says so
on both. The filter also covers a list whose rows come in files (the contract with paginated lists,
see filter.js), and the search page's results and its no-match message are announced and pass axe.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from browse import ARGS, need_chromium, serve
from conftest import REPO, TESTS
from gitbuild import GitRepo
from site_repo import build

CORPUS = TESTS / "corpus" / "search" / "catalog"
ABBREVIATIONS = REPO / "site_overrides" / "assets" / "abbreviations.json"
PERSONAL = {  # every resource with a 公民身份号码 among its data items
    "社会保险参保登记信息", "社会保障卡发放信息", "城乡居民基本医疗保险参保信息", "住房公积金缴存信息", "住房公积金贷款信息",
    "最低生活保障对象信息", "殡葬服务信息", "婚姻登记信息", "居民身份证信息", "死亡医学证明信息",
}
EXPECTED = {
    # abbreviations: by name, summary (殡葬服务信息), department (职业技能等级证书信息, 定点医药机构信息,
    # 营业执照电子证照信息), sharing condition (死亡医学证明信息), data item (婚姻登记信息: 男方公民身份号码)
    "社保": {"社会保险参保登记信息", "社会保障卡发放信息", "殡葬服务信息", "职业技能等级证书信息"},
    "公积金": {"住房公积金缴存信息", "住房公积金贷款信息"},
    "医保": {"城乡居民基本医疗保险参保信息", "定点医药机构信息", "死亡医学证明信息"},
    "低保": {"最低生活保障对象信息"},
    "身份证": PERSONAL,
    "工商": {"营业执照电子证照信息", "个体工商户登记信息"},
    "公租房": {"公共租赁住房积分评定信息"},
    "居民医保": {"城乡居民基本医疗保险参保信息"},
    "房产证": {"不动产登记信息"},
    "驾照": {"机动车驾驶人信息"},
    "社保卡": {"社会保障卡发放信息"},
    # full forms, a data item, a department, a code in both spellings, two words
    "社会保险": {"社会保险参保登记信息", "殡葬服务信息"},
    "住房公积金": {"住房公积金缴存信息", "住房公积金贷款信息"},
    "公民身份号码": PERSONAL,
    "桂川市公安局": {"居民身份证信息", "流动人口登记信息", "机动车驾驶人信息"},
    "305001/000002": {"流动人口登记信息"},
    "305001-000002": {"流动人口登记信息"},
    "住房公积金 贷款": {"住房公积金贷款信息"},
}
NAME = re.compile(r'<td><a href="[^"]+">([^<]+)</a></td>')
"""A resource's name in a row of a list (its second cell)."""
NOTHING = ["出入境", "保社"]
"""No resource holds these; 保社 is 社保's characters the other way round, which Pagefind alone matched."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search-quality")
    repo = GitRepo(root / "repo")
    shutil.copytree(CORPUS, root / "repo" / "catalog")
    repo.commit("新增桂川市目录", "2026-09-01")
    build(root / "repo" / "catalog", root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        opened = context.new_page()
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        yield opened
        browser.close()
        assert errors == [], errors


def search(page: Any, base_url: str, query: str) -> tuple[str, list[tuple[str, str]]]:
    """The search page's status line and every result (title, address), all pages of them."""
    page.goto(base_url + "search/?q=" + quote(query))
    page.wait_for_selector(f'#catalog-search[data-search-done="{query}"]', timeout=20_000)
    more = page.locator("[data-search-more]")
    while more.is_visible():
        shown = page.locator(".catalog-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.catalog-result').length > {shown}")
    status = page.locator("[data-search-status]").inner_text()
    links = page.locator(".catalog-result > a")
    return status, [(links.nth(i).inner_text(), links.nth(i).get_attribute("href") or "") for i in range(links.count())]


def resources(results: list[tuple[str, str]]) -> list[str]:
    return [title for title, href in results if "/resources/" in href]


def filtered(page: Any, query: str) -> tuple[str, list[str]]:
    """The share list's filter bar after typing ``query``: its count and the names of the rows shown."""
    page.fill("[data-filter-text]", query)
    page.wait_for_function("!document.querySelector('[data-filter-count]').textContent.startsWith('正在载入')")
    rows = page.locator("[data-filter] tbody tr:not([hidden])")
    names = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    return page.locator("[data-filter-count]").inner_text(), names


@pytest.fixture(scope="module")
def share_list(page: Any, base_url: str) -> Any:
    page.goto(base_url + "lists/share/")
    page.wait_for_selector("[data-filter][data-filter-ready]")
    return page


def test_every_resource_is_on_the_share_list(site: Path) -> None:
    html = (site / "lists" / "share" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<tr data-department=", html)) == len(list(CORPUS.glob("*/3*.yaml"))) == 20


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_search_page_finds_exactly_the_resources_about_the_query(page: Any, base_url: str, query: str) -> None:
    status, results = search(page, base_url, query)
    found = resources(results)
    assert sorted(found) == sorted(EXPECTED[query]), status
    assert len(found) == len(set(found))
    assert status.startswith(f"找到 {len(results)} 个与“{query}”相关的结果"), status
    assert "流动人口登记信息" not in found or query in ("桂川市公安局", "305001/000002", "305001-000002")


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_list_filter_finds_the_same_resources_as_the_search_page(share_list: Any, query: str) -> None:
    count, names = filtered(share_list, query)
    assert sorted(names) == sorted(EXPECTED[query])
    assert count == f"显示 {len(names)} / 20 条"


@pytest.mark.parametrize("query", NOTHING)
def test_a_query_nothing_holds_says_so_on_both(page: Any, base_url: str, query: str) -> None:
    status, results = search(page, base_url, query)
    assert results == []
    assert status == f"没有找到与“{query}”相关的资源。清除搜索"
    page.goto(base_url + "lists/share/")
    page.wait_for_selector("[data-filter][data-filter-ready]")
    assert filtered(page, query) == ("显示 0 / 20 条", [])


def test_abbreviation_says_which_full_forms_it_searched(page: Any, base_url: str) -> None:
    status, _ = search(page, base_url, "社保")
    assert status == "找到 5 个与“社保”相关的结果（含全称“社会保险”“社会保障”）。"  # 4 resources and the department
    status, _ = search(page, base_url, "社保卡")
    assert status == "找到 1 个与“社保卡”相关的结果（含全称“社会保险卡”“社会保障卡”）。"
    # a word that already holds the full form is searched as typed, not as 住房住房公积金
    status, _ = search(page, base_url, "住房公积金")
    assert status == "找到 3 个与“住房公积金”相关的结果。"  # 2 resources and the department
    # an entry without full forms keeps 个体工商户 as typed (not 个体市场监督管理户)
    status, _ = search(page, base_url, "个体工商户")
    assert status == "找到 1 个与“个体工商户”相关的结果。"


def test_results_rank_the_title_first_then_items_summary_department(page: Any, base_url: str) -> None:
    _, results = search(page, base_url, "社保")
    titles = [title for title, _ in results]
    # titles holding a full form (two resources and the department's page), then the summary, then the department
    assert set(titles[:3]) == {"社会保险参保登记信息", "社会保障卡发放信息", "桂川市人力资源和社会保障局"}
    assert titles[3:] == ["殡葬服务信息", "职业技能等级证书信息"]
    _, results = search(page, base_url, "身份证")
    assert results[0][0] == "居民身份证信息"
    _, results = search(page, base_url, "住房公积金贷款信息")
    assert results[0][0] == "住房公积金贷款信息"


def test_a_result_shows_where_it_matched(page: Any, base_url: str) -> None:
    search(page, base_url, "医保")
    item = page.locator(".catalog-result", has=page.locator("a", has_text="死亡医学证明信息"))
    assert item.locator(".catalog-result-text").inner_text().startswith("共享条件或依据：仅向公安、医保部门推送")
    assert item.locator("mark").inner_text() == "医保"
    assert item.locator(".catalog-result-kind").inner_text() == "309001/000001 · 桂川市卫生健康委员会 · 在用"


def test_filters_narrow_the_results(page: Any, base_url: str) -> None:
    search(page, base_url, "身份证")
    page.locator("select[data-search-filter='部门']").select_option("桂川市公安局")
    page.wait_for_selector('#catalog-search[data-search-done="身份证"]')
    titles = page.locator(".catalog-result > a").all_inner_texts()
    assert titles == ["居民身份证信息"]
    assert page.locator("[data-search-status]").inner_text().endswith("（已按所选条件筛选）。")


def test_the_no_match_message_is_announced_and_its_link_clears_by_keyboard(page: Any, base_url: str) -> None:
    search(page, base_url, "出入境")
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    clear = status.get_by_role("link", name="清除搜索")
    clear.focus()
    page.keyboard.press("Enter")
    assert page.locator("#catalog-search-input").evaluate("input => input === document.activeElement")
    assert page.locator("#catalog-search-input").input_value() == ""
    assert status.inner_text() == "" and page.locator(".catalog-result").count() == 0
    assert not page.url.endswith("?q=" + quote("出入境"))


def test_typing_searches_and_more_results_take_the_focus(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.wait_for_selector("#catalog-search[data-search-ready]")
    page.locator("#catalog-search-input").press_sequentially("公民身份号码")
    page.wait_for_selector('#catalog-search[data-search-done="公民身份号码"]')
    assert page.locator(".catalog-result").count() == len(PERSONAL)
    assert page.url.endswith("?q=" + quote("公民身份号码"))


def test_search_page_passes_axe_with_results_and_without(page: Any, base_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for query in ("社保", "出入境"):
        search(page, base_url, query)
        found = Axe().run(page).response["violations"]
        assert [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found] == []


def test_the_filter_covers_a_list_loaded_in_pages(site: Path, page: Any, base_url: str) -> None:
    """The contract of filter.js with a list cut into pages: each page holds its own rows and names
    every page of the list (each row as its page renders it); the filter and sort cover them all."""
    source = site / "lists" / "share" / "index.html"
    html = source.read_text(encoding="utf-8")
    body = re.search(r"(<tbody>)(.*?)(</tbody>)", html, re.S)
    assert body
    rows = re.findall(r"<tr\b.*?</tr>", body.group(2), re.S)
    assert len(rows) == 20
    folder = site / "lists" / "paged"
    for number, part in enumerate((rows[:5], rows[5:]), start=1):
        paged = html[: body.start(2)] + "\n".join(part) + html[body.end(2) :]
        paged = paged.replace('<div class="catalog-filter" data-filter>',
                              '<div class="catalog-filter" data-filter data-filter-pages="../../lists/paged/ ../../lists/paged/2/"'
                              ' data-filter-total="20" data-filter-window="4">')
        target = folder / ("index.html" if number == 1 else "2/index.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(paged, encoding="utf-8")

    page.goto(base_url + "lists/paged/")
    page.wait_for_selector("[data-filter][data-filter-ready]")
    assert page.locator("[data-filter-count]").inner_text() == "显示 5 / 20 条"
    count, names = filtered(page, "社保")
    assert sorted(names) == sorted(EXPECTED["社保"]) and count == "显示 4 / 20 条"
    assert EXPECTED["社保"] - set(NAME.findall("\n".join(rows[:5]))), "some are found only on the other page"
    count, names = filtered(page, "身份证")
    assert count == "符合 10 / 20 条，显示前 4 条" and len(names) == 4
    more = page.locator("[data-filter-more]")
    assert more.inner_text() == "再显示 4 条（还有 6 条）"
    more.click()
    assert page.locator("tbody tr").count() == 8
    assert page.evaluate("document.activeElement.closest('tr') === document.querySelectorAll('tbody tr')[4]")
    page.fill("[data-filter-text]", "")
    page.select_option("select[data-filter-key='department']", "桂川市公安局")
    assert page.locator("[data-filter-count]").inner_text() == "显示 3 / 20 条"
    page.select_option("select[data-filter-key='department']", "")
    assert page.locator("[data-filter-count]").inner_text() == "显示 5 / 20 条", "no filter: this page's own rows"
    assert page.locator("tbody tr td:nth-child(2)").all_inner_texts() == NAME.findall("\n".join(rows[:5]))
    page.locator("th button", has_text="资源名称").click()
    shown = [page.locator("tbody tr").nth(i).locator("td").nth(1).inner_text() for i in range(4)]
    every = NAME.findall("\n".join(rows))
    assert len(every) == 20
    assert shown == page.evaluate("names => names.sort((a, b) => a.localeCompare(b, 'zh')).slice(0, 4)", every)
    assert page.locator("[data-filter-count]").inner_text() == "符合 20 / 20 条，显示前 4 条"
    # a row read from the other page is labelled for phones like the rows of this page
    assert page.locator("tbody tr").first.locator("td").first.get_attribute("data-label") == "资源代码"


def test_every_abbreviation_is_documented_and_well_formed() -> None:
    entries = json.loads(ABBREVIATIONS.read_text(encoding="utf-8"))["简称"]
    docs = (REPO / "docs" / "about" / "search.md").read_text(encoding="utf-8")
    kept = [short for short, full in entries.items() if not full]
    for short, full in entries.items():
        assert isinstance(full, list) and all(isinstance(f, str) and f and f != short and " " not in f for f in full), short
        if full:
            assert f"| {short} | {'、'.join(full)} |" in docs, f"docs/about/search.md 未列出简称 {short}"
    assert kept and f"不按其中的简称展开：{'、'.join(kept)}。" in docs
