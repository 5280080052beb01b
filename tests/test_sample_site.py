"""The project's own sample catalog (``catalog/``, fictional 桂川市) built once with ``catalog build``
and read in Debian's Chromium: every page type passes axe at desktop and phone sizes, nothing
scrolls sideways on a phone, whatever depends on today is right on a later day without a rebuild,
the change history is Chinese and names pull requests and departments, and the build's log is
Chinese.

The sample's history is real: its department pull requests were merged by GitHub-style merge commits
(``GitHub <noreply@github.com>``), which is what dates its notice (see generator.notices.start).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from browse import ARGS, need_chromium, serve
from cli_process import catalog
from conftest import REPO

from generator.publish import overdue, stats
from generator.publish import source as site_data

BUILT = "2026-12-02"
SAMPLE = REPO / "catalog"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")

PAGES = [
    "", "departments/", "departments/gongan/", "lists/", "lists/share/", "lists/share-negative/", "lists/open/",
    "lists/open-negative/", "lists/delisted/", "lists/notices/", "lists/needs/", "lists/duties/", "lists/changes/",
    "resources/101001-000001/",  # an item table
    "resources/302002-000001/",  # on notice
    "resources/301001-000003/",  # delisted
    "bases/", "bases/pipl-13/", "bases/regulation-guangxi/", "stats/", "downloads/", "search/?q=营业执照",
    "reference/rules/", "reference/fields/", "guide/submit/", "guide/review/", "guide/form/", "guide/federation/",
    "pr-workflow/", "admin/",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample site (``catalog build --date 2026-12-02``) and what the build wrote to stderr."""
    root = tmp_path_factory.mktemp("sample")
    result = catalog("build", "--date", BUILT, "-d", str(root / "site"), cwd=REPO, env={"CATALOG_CACHE_DIR": str(root / "cache")})
    assert result.returncode == 0, result.stderr
    return root / "site", result.stderr


@pytest.fixture(scope="module")
def base_url(built: tuple[Path, str]) -> Iterator[str]:
    with serve(built[0]) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


def _open(browser: Any, viewport: dict[str, int], moment: str = f"{BUILT}T10:00:00+08:00") -> Any:
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    return page


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if "/admin/" in url:
        page.get_by_text("登录").first.wait_for(timeout=20_000)  # Decap has drawn its login page
    page.wait_for_timeout(200)  # the theme wraps tables and catalog.js measures them after load


@pytest.fixture(scope="module")
def desktop(browser: Any) -> Iterator[Any]:
    page = _open(browser, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    page = _open(browser, PHONE)
    yield page
    page.context.close()


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_passes_axe_on_a_desktop(desktop: Any, base_url: str, path: str) -> None:
    _load(desktop, base_url + path)
    assert _serious(desktop) == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_passes_axe_on_a_phone_and_never_scrolls_sideways(phone: Any, base_url: str, path: str) -> None:
    _load(phone, base_url + path)
    assert _serious(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"


def test_on_a_phone_the_notice_table_shows_every_column_under_its_name(phone: Any, base_url: str) -> None:
    _load(phone, base_url + "lists/notices/")
    row = phone.locator("tbody tr").first
    for name in ("公示截止", "剩余", "下线理由"):
        cell = row.locator(f"td[data-label='{name}']")
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == f'"{name}"'
    notice = site_data.collect(SAMPLE, BUILT).notices[0]
    end = notice.notice_end + ("（暂定）" if notice.provisional else "")
    assert row.locator("td[data-label='公示截止']").inner_text() == end
    department = phone.context.new_page()
    _load(department, base_url + "departments/gongan/")
    email = department.locator("dd", has_text="@").first
    box = email.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    department.close()


def test_on_a_desktop_the_negative_list_keeps_its_reasons_readable(desktop: Any, base_url: str) -> None:
    _load(desktop, base_url + "lists/share-negative/")
    headers = desktop.locator("thead th").all_inner_texts()
    assert not [h for h in headers if "共享类型" in h], "every row of the 共享负面清单 is 不予共享"
    for selector, least in (("td.catalog-text", 180), ("td.catalog-basis", 120)):  # were ~60 px (8–12 lines a cell)
        width = desktop.locator(selector).first.bounding_box()["width"]
        assert width >= least, f"{selector} is {width}px wide"
    assert desktop.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]


def _expected_countdown(day: str) -> str:
    notice = site_data.collect(SAMPLE, day).notices[0]
    if notice.days_left > 0:
        return f"还剩 {notice.days_left} 个{notice.unit}（暂定）" if notice.provisional else f"还剩 {notice.days_left} 个{notice.unit}"
    if notice.days_left == 0:
        return "今天是公示期最后一天"
    return "暂定截止日已过，截止日确定并届满后方可下线" if notice.provisional else "已期满，可以下线"


@pytest.mark.parametrize("day", [BUILT, "2026-12-09", "2026-12-21", "2027-01-14", "2027-03-01"])
def test_what_depends_on_today_is_counted_on_the_readers_day(browser: Any, base_url: str, day: str) -> None:
    """The site built on 12-02, read on a later day with a fixed clock, says what a build made on
    that day would say (the oracle: the generator's own computation for that day)."""
    later = site_data.collect(SAMPLE, day)
    page = _open(browser, DESKTOP, f"{day}T09:00:00+08:00")
    ago = (__import__("datetime").date.fromisoformat(day) - __import__("datetime").date.fromisoformat(BUILT)).days

    _load(page, base_url)
    asof = page.locator(".catalog-home p", has_text="数据截至").first.inner_text()
    assert f"数据截至 {BUILT}（{'今天' if ago == 0 else f'{ago} 天前'}）" in asof
    assert page.locator("#home-notices ~ ul .catalog-countdown").first.inner_text() == "，" + _expected_countdown(day)

    _load(page, base_url + "resources/302002-000001/")
    assert page.locator(".catalog-banner .catalog-countdown").inner_text() == "，" + _expected_countdown(day)

    _load(page, base_url + "lists/needs/")
    shown = page.locator("td[data-label='共享申请']").all_inner_texts()
    for entry in overdue.shown(later):
        if entry.deadline.at[:1] == ("needs",):
            assert any(f"期限至 {entry.deadline.shown_due}，{entry.state}" in text for text in shown), (entry, shown)

    _load(page, base_url + "departments/minzheng/")
    states = [row.split("\t")[-1] for row in page.locator("h2:has-text('办理期限') + p + div table tbody tr, h2:has-text('办理期限') + p + table tbody tr").all_inner_texts()]
    expected = [s.state for s in overdue.of_department(later, "minzheng")]
    assert states == expected

    _load(page, base_url + "stats/")
    figures = stats.compute(later)
    assert page.locator("[data-stale-count]").inner_text() == str(len(figures.stale))
    visible = page.locator("tr[data-stale-row]:not([hidden]) td:first-child").all_inner_texts()
    assert sorted(visible) == sorted(s.name for s in figures.stale)
    page.context.close()


def test_the_change_history_names_pull_requests_and_departments_in_chinese(built: tuple[Path, str], desktop: Any, base_url: str) -> None:
    _load(desktop, base_url + "lists/changes/")
    rows = desktop.locator("tbody tr").all_inner_texts()
    assert [
        "2026-12-02", "食品经营许可信息下线公示：补充使用部门并更正挂载状态（申请 #44）", "修改 食品经营许可信息", "桂川市市场监督管理局",
    ] in [row.split("\t") for row in rows]
    assert any("居住证办理信息增加批量下载交换方式（申请 #41）" in row and row.endswith("桂川市公安局") for row in rows)
    assert not [row for row in rows if LATIN_WORD.search(row)], "English in the change history"
    _load(desktop, base_url)
    recent = desktop.locator("#home-changes ~ ul li").all_inner_texts()
    assert "2026-12-02 桂川市市场监督管理局：食品经营许可信息下线公示：补充使用部门并更正挂载状态（申请 #44）" in recent
    assert not [line for line in recent if LATIN_WORD.search(line)]
    _load(desktop, base_url + "resources/302002-000001/")
    history = desktop.locator("#history ~ div table tbody tr, #history ~ table tbody tr").all_inner_texts()
    assert history and not [row for row in history if LATIN_WORD.search(row)]
    feed = ET.parse(built[0] / "feeds" / "changes.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    texts = [e.findtext(f"a:{tag}", namespaces=ns) or "" for e in feed.findall("a:entry", ns) for tag in ("title", "summary")]
    assert "食品经营许可信息下线公示：补充使用部门并更正挂载状态" in texts
    assert not [text for text in texts if LATIN_WORD.search(text)], "English in the changes feed"


def test_the_samples_notice_is_dated_by_the_forge_and_catalog_notice_passes() -> None:
    result = catalog("notice", "--today", BUILT, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "公示开始：2026-12-02（次日为第 1 天；依据代码托管平台的合并提交）" in result.stdout
    assert "还剩 30 个工作日" in result.stdout


def test_the_build_speaks_chinese(built: tuple[Path, str]) -> None:
    lines = [line for line in built[1].splitlines() if line.strip()]
    assert any(line.startswith("信息：正在生成网站，输出到") for line in lines)
    assert any(line.startswith("信息：网站已生成，用时") for line in lines)
    assert any(line.startswith("信息：搜索索引：") and "个页面" in line for line in lines)
    english = [line for line in lines if re.match(r"(INFO|WARNING|ERROR)\b", line) or re.search(r"\b(Building|Documentation|Indexed|Cleaning)\b", line)]
    assert english == []
