"""Notices on the public site: a provisional end is a date labelled 暂定, never an error text; the
days left are counted in the reader's browser (real Chromium with a fixed clock), not at the build.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browse import ARGS, need_chromium, serve
from calendars import HOLIDAYS_2027
from gitbuild import GitRepo
from site_repo import build, make_repo

MOUNTED = "catalog/shichang/104001-000001.yaml"  # data mounted: 30 working days (广西 第二十七条)
INTERNAL = ("holidays.yaml", "registry.yaml", "chinesecalendar", "。。", "Traceback", "git", "无法计算期限", "提交")


def notice_in_december(where: Path) -> Path:
    """The site catalog with a second notice: 104001/000001 on notice from 2026-12-02."""
    catalog = make_repo(where)
    repo = GitRepo.__new__(GitRepo)
    repo.root = where
    repo.replace(MOUNTED, "status: 在用\n", "status: 公示中\ndelisting:\n  reason: 年报系统整合，数据改由市场主体信用信息平台提供\n  basis: [tongjifa-39]\n")
    repo.commit("申请下线个体工商户年报信息", "2026-12-02")
    return catalog


@pytest.fixture(scope="module")
def provisional_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        _limit(patch)  # as the until_2026 fixture, for the whole module
        root = tmp_path_factory.mktemp("provisional")
        build(notice_in_december(root / "repo"), root / "site", date="2026-12-02", search=False)
        yield root / "site"


def _limit(patch: pytest.MonkeyPatch) -> None:
    from generator.law import workdays

    recorded = workdays.package_years()
    patch.setattr(workdays, "package_years", lambda: frozenset(y for y in recorded if y <= 2026))


def text_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def part(html: str, start: str, end: str) -> str:
    """The piece of ``html`` from the first ``start`` to the next ``end``."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def public_notice_texts(site: Path) -> list[str]:
    """What the site says about notices: the resource banner, the list's table, the home section."""
    return [
        part(text_of(site, "resources/104001-000001"), "catalog-banner", "</div>"),
        part(text_of(site, "lists/notices"), "<table", "</table>"),
        part(text_of(site, ""), 'id="home-notices"', "</section>"),
    ]


def test_a_provisional_end_is_shown_as_a_date_labelled_provisional(provisional_site: Path) -> None:
    resource = text_of(provisional_site, "resources/104001-000001")
    assert '至 <strong class="catalog-notice-end">2027-01-14</strong>（暂定，北京时间）' in resource
    assert "截止日为暂定：2027 年的节假日安排尚未收录，暂按《全国年节及纪念日放假办法》规定的节日（不含调休）推算" in resource
    listing = text_of(provisional_site, "lists/notices")
    assert "<td>2026-12-02</td><td>2027-01-14（暂定）</td>" in listing
    for html in public_notice_texts(provisional_site):
        assert "2027-01-14" in html
        assert not [word for word in INTERNAL if word in html], "internal text on a public page"
    feed = (provisional_site / "feeds" / "notices.xml").read_text(encoding="utf-8")
    assert "公示期 2026-12-02 至 2027-01-14（暂定，北京时间）。" in feed


def test_a_recorded_year_makes_the_end_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _limit(monkeypatch)
    catalog = notice_in_december(tmp_path / "repo")
    (catalog / "holidays.yaml").write_text(HOLIDAYS_2027, encoding="utf-8")
    build(catalog, tmp_path / "site", date="2026-12-10", search=False)
    resource = text_of(tmp_path / "site", "resources/104001-000001")
    assert '至 <strong class="catalog-notice-end">2027-01-14</strong>（北京时间）' in resource
    assert "暂定" not in resource


def test_without_git_history_a_notice_is_shown_as_to_be_confirmed(tmp_path: Path) -> None:
    """Built from a copy without .git, nothing can date the notice: the same code as the bot says
    so, and the public sees a plain sentence, no internal error and no made-up date."""
    shutil.copytree(make_repo(tmp_path / "repo"), tmp_path / "copy" / "catalog")
    build(tmp_path / "copy" / "catalog", tmp_path / "site", search=False)
    banner = part(text_of(tmp_path / "site", "resources/302001-000002"), "catalog-banner", "</div>")
    assert "公示中，公示开始日期待核实，截止日暂未确定" in banner
    assert "catalog-notice-end" not in banner and not [word for word in INTERNAL if word in banner]
    listing = part(text_of(tmp_path / "site", "lists/notices"), "<table", "</table>")
    assert "<td>待核实</td><td>待核实</td>" in listing and not [word for word in INTERNAL if word in listing]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(provisional_site: Path) -> Iterator[str]:
    with serve(provisional_site) as base:
        yield base


@pytest.mark.parametrize(
    "moment,mounted,calendar_days",
    [
        # The build day: 30 working days left (12-03..2027-01-14, 元旦 off); 302001's last day.
        ("2026-12-02T09:00:00+08:00", "，还剩 30 个工作日（暂定）", "今天是公示期最后一天"),
        # 07:00 on Monday 12-21 in Beijing is still Sunday 12-20 in UTC: the count follows Beijing.
        # Left: 12-22..25, 12-28..31, 01-04..08, 01-11..14 = 17.
        ("2026-12-21T07:00:00+08:00", "，还剩 17 个工作日（暂定）", "已期满，可以下线"),
        ("2027-01-14T20:00:00+08:00", "，今天是公示期最后一天", "已期满，可以下线"),
        ("2027-01-15T09:00:00+08:00", "，暂定截止日已过，截止日确定并届满后方可下线", "已期满，可以下线"),
    ],
)
def test_the_countdown_is_counted_on_the_readers_day(browser: Any, base_url: str, moment: str, mounted: str, calendar_days: str) -> None:
    context = browser.new_context(locale="zh-CN", timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(base_url + "resources/104001-000001/")
    assert page.locator(".catalog-banner .catalog-countdown").inner_text() == mounted
    page.goto(base_url + "lists/notices/")
    cells = page.locator("td .catalog-countdown")
    assert [cells.nth(i).inner_text() for i in range(cells.count())][0] == calendar_days  # 302001 ends first
    context.close()
