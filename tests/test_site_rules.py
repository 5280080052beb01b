"""The legal layer on the site: the rules page per profile, a page per regulation, readable
citations, the status of the text on every page, and overdue deadlines on the pages concerned."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import TESTS
from site_repo import article, build

from generator.law.profiles import BUILTIN

REGIONS = ("贵州", "吉林", "滨州", "修武", "广西")
GUANGXI_LINK = '<a href="../../bases/regulation-guangxi/">《广西政务数据调度管理办法（征求意见稿）》</a>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site test catalog (guangxi profile, a 市) with an overdue share request and a basis
    repealed ten days before the build date (2026-11-22)."""
    root = tmp_path_factory.mktemp("rules-site")
    catalog = root / "catalog"
    shutil.copytree(TESTS / "corpus" / "site" / "catalog", catalog)
    needs = catalog / "gongan" / "needs.yaml"
    text = needs.read_text(encoding="utf-8")
    needs.write_text(text.replace("    provider: shichang\n", '    provider: shichang\n    request: {date: "2026-11-02"}\n', 1), encoding="utf-8")
    legal = catalog / "legal_bases.yaml"
    legal.write_text(legal.read_text(encoding="utf-8").replace("- id: tongjifa-39\n", "- id: tongjifa-39\n  repealed: \"2026-11-12\"\n", 1), encoding="utf-8")
    build(catalog, root / "site", search=False)
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_rules_page_shows_this_catalog_s_table_citing_only_guangxi(site: Path) -> None:
    html = article(page(site, "reference/rules/index.html"))
    table = html[html.index("本目录适用的规则和期限") : html.index("各辖区规则配置")]
    assert "P-003" in table and "广西 第二十七条（三）" in text_of(table)
    cited = {region for region in REGIONS if region in text_of(table)}
    assert cited == {"广西"}
    assert "请注意" in html and "是征求意见稿，不是正式施行的办法" in html
    for name in BUILTIN:
        assert f'href="../../bases/regulation-{name}/"' in html


def test_first_mention_names_the_regulation_in_full_and_links_it(site: Path) -> None:
    html = article(page(site, "reference/rules/index.html"))
    first = html.index("第二十一条")
    assert "《广西政务数据调度管理办法（征求意见稿）》" in html[:first]
    assert 'href="../../bases/regulation-xiuwu/"' in html  # another region, expanded once too
    share_negative = page(site, "lists/share-negative/index.html")
    assert GUANGXI_LINK + "第四十七条（六）" in share_negative


@pytest.mark.parametrize(("name", "status"), [("binzhou", "已经失效"), ("guangxi", "征求意见稿"), ("jilin", "节选"), ("guizhou", "现行")])
def test_each_regulation_has_a_page_with_its_status(site: Path, name: str, status: str) -> None:
    html = article(page(site, f"bases/regulation-{name}/index.html"))
    assert status in html and "rules/#r-001" in html
    own = {"binzhou": "滨州", "guangxi": "广西", "jilin": "吉林", "guizhou": "贵州"}[name]
    assert {region for region in REGIONS if region in text_of(html)} <= {own}


def test_status_of_the_text_is_in_the_footer_of_every_page(site: Path) -> None:
    for path in ("index.html", "lists/share/index.html", "resources/104001-000001/index.html", "about/profiles/index.html"):
        footer = page(site, path).split('class="md-copyright"', 1)[1]
        assert "《广西政务数据调度管理办法（征求意见稿）》" in footer and "不是正式施行的办法" in footer, path


def test_overdue_request_on_the_needs_and_department_pages(site: Path) -> None:
    needs = page(site, "lists/needs/index.html")
    # 已逾期 as of the build date, marked for the reader's browser to recount (catalog.js)
    assert '期限至 2026-11-05，<span class="catalog-deadline catalog-overdue" data-deadline-due="2026-11-05">已逾期</span>' in needs
    provider = page(site, "departments/shichang/index.html")
    assert "本部门的办理期限" in provider and "已逾期" in provider


def test_repealed_basis_page_shows_the_update_deadline(site: Path) -> None:
    html = page(site, "bases/tongjifa-39/index.html")
    assert "须更新目录" in html and "最迟 2026-12-03（含）（15 个工作日（广西 第三十九条））" in html


def test_profiles_document_is_in_the_guides(site: Path) -> None:
    home = page(site, "index.html")
    nav = home[home.index("md-sidebar--primary") : home.index("md-sidebar--secondary")]
    assert 'href="about/profiles/"' in nav
    assert "各辖区规则配置" in page(site, "about/profiles/index.html")


def test_field_reference_cites_no_region_it_points_at_the_rules(site: Path) -> None:
    """The field reference is the same under every profile: no region's article (audit C11), but
    "按规则配置" and the rule whose row on the rules page carries this catalog's citation."""
    html = text_of(article(page(site, "reference/fields/index.html")))
    assert {region for region in REGIONS if region in html} == set()
    assert "按规则配置，见 R-033" in html and "regulation-" not in html


def test_lists_promise_a_notice_only_where_the_profile_sets_one(site: Path, tmp_path: Path) -> None:
    """吉林's text sets no public notice before delisting (nor do 贵州, 滨州, 修武 or the national
    baseline): its 公示 and 已下线 lists must not speak of a notice period having run, while
    广西's (30 days, 第二十二条) do."""
    catalog = tmp_path / "catalog"
    shutil.copytree(TESTS / "corpus" / "site" / "catalog", catalog)
    registry = catalog / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("profile: guangxi\n", "profile: jilin\n"), encoding="utf-8")
    build(catalog, tmp_path / "site", search=False)
    for path in ("lists/notices/index.html", "lists/delisted/index.html", "lists/index.html"):
        jilin = text_of(article(page(tmp_path / "site", path)))
        assert "公示期满" not in jilin, path
        assert "公示期满" in text_of(article(page(site, path))), path
    assert "没有规定下线前的公示期" in text_of(article(page(tmp_path / "site", "lists/notices/index.html")))
