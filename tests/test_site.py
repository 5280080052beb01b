"""The site build (generator/site): every page kind, golden content, navigation, edit links, failure.

Golden files are under tests/golden/site; regenerate with ``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from site_repo import article, build, check_golden, make_repo

from generator import rules
from generator.site import resources

GOLDEN_PAGES = (
    "index.html",
    "departments/shichang/index.html",
    "lists/share/index.html",
    "lists/share-negative/index.html",
    "lists/open-negative/index.html",
    "lists/notices/index.html",
    "lists/delisted/index.html",
    "lists/duties/index.html",
    "lists/needs/index.html",
    "lists/changes/index.html",
    "bases/pipl-13/index.html",
    "stats/index.html",
    "resources/104001-000001/index.html",
    "resources/302001-000002/index.html",
    "resources/301001-000002/index.html",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    catalog = make_repo(root / "repo")
    build(catalog, root / "site")
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_page_content_matches_golden(site: Path, path: str) -> None:
    name = path.removesuffix("index.html").strip("/").replace("/", "__") or "home"
    check_golden(f"site/{name}.html", article(page(site, path)))


def test_navigation_lists_sections_and_departments_but_no_resource(site: Path) -> None:
    html = page(site, "index.html")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    assert "测试市市场监督管理局" in nav and "共享负面清单" in nav and "填报指南" in nav
    assert "resources/" not in nav
    assert "营业执照电子证照信息" not in nav


def test_every_resource_has_a_page_at_its_code(site: Path) -> None:
    for stem in ("101001-000001", "104001-000001", "301001-000002", "302001-000002"):
        assert (site / "resources" / stem / "index.html").is_file(), stem
    delisted = page(site, "resources/301001-000002/index.html")
    assert "已下线（2026-10-20）" in delisted
    assert "居住证制度实施后不再办理暂住登记" in delisted
    assert 'href="../../resources/301001-000001/"' in delisted


def test_notice_shows_start_end_and_a_countdown_for_the_reader(site: Path) -> None:
    html = page(site, "resources/302001-000002/index.html")
    assert "公示中：已批准下线" in html
    match = re.search(r'公示期 (\d{4}-\d\d-\d\d) 至 <strong class="catalog-notice-end">(\d{4}-\d\d-\d\d)</strong>（北京时间）', html)
    assert match, "notice banner without dates"
    assert match[1] == "2026-11-02"
    assert match[2] > "2026-11-22"
    # The days left are counted in the reader's browser (test_notice_site.py): the page built on
    # 2026-11-22 must not say how many days are left, which would be wrong the next day.
    assert "还剩" not in html and f'data-countdown-end="{match[2]}"' in html
    assert "公示：有 1 个资源已批准下线" in html, "announcement bar missing"


def test_resource_page_edit_link_opens_the_yaml_file(site: Path) -> None:
    html = page(site, "resources/104001-000001/index.html")
    url = "https://git.example.gov.cn/test-bureau/catalog/edit/main/catalog/shichang/104001-000001.yaml"
    assert f'href="{url}" title="编辑此页"' in html or f'href="{url}"' in html
    assert 'rel="edit"' in html
    dept = page(site, "departments/shichang/index.html")
    assert "edit/main/catalog/shichang/department.yaml" in dept


def test_pages_load_nothing_from_outside_the_site(site: Path) -> None:
    for path in ("index.html", "search/index.html", "resources/104001-000001/index.html", "stats/index.html"):
        html = page(site, path)
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert "fonts.g" not in url and not url.endswith((".js", ".css")), (path, url)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_sample_label_and_search_box_on_every_page(site: Path) -> None:
    for path in ("index.html", "lists/share/index.html", "resources/104001-000001/index.html"):
        html = page(site, path)
        assert "示例数据：本站内容为虚构的示例目录" in html
        assert 'name="q"' in html


def test_rules_page_and_registry_in_step(site: Path) -> None:
    html = page(site, "reference/rules/index.html")
    documented = list(rules.documented())
    assert documented
    found = re.findall(r'<h2 id="(r-\d+|[fs]-\d+|[a-z]-\d+)"', html)
    assert found == [rule.id.lower() for rule in documented]
    for rule in documented:
        assert f"{rule.id} {rule.title}" in html
        first = rule.doc.strip().splitlines()[0].replace("``", "")
        assert first.split("（")[0][:12] in re.sub(r"<[^>]+>", "", html), rule.id


def test_field_reference_covers_every_schema_title(site: Path) -> None:
    from generator.load import schemas

    html = page(site, "reference/fields/index.html")
    for name, prop in schemas.schema("resource")["properties"].items():
        assert f"<code>{name}</code>" in html, name
        if "title" in prop:
            assert prop["title"] in html


def test_search_index_is_built_in_chunks(site: Path) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-ui.js").is_file()
    assert list(bundle.glob("index/*.pf_index")), "no index chunks"
    assert list(bundle.glob("fragment/*.pf_fragment"))
    html = page(site, "resources/104001-000001/index.html")
    for name in ("部门", "共享类型", "开放类型", "状态"):
        assert f'data-pagefind-filter="{name}"' in html
    assert not (site / "search" / "search_index.json").exists(), "Material's search must be off"


def test_resource_body_renders_fast(site: Path) -> None:
    import time

    from generator.publish.source import collect

    data = collect(site.parent / "repo" / "catalog", "2026-11-22")
    resource = data.catalog.by_code["104001/000001"]
    resources.body(data, resource, "resources/104001-000001/")
    start = time.perf_counter()
    for _ in range(200):
        resources.body(data, resource, "resources/104001-000001/")
    per_page = (time.perf_counter() - start) / 200
    assert per_page < 0.005, f"resource body takes {per_page * 1000:.2f} ms"


def test_invalid_catalog_fails_the_build_with_the_chinese_report(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(Path(__file__).parent / "corpus" / "site" / "catalog", catalog)
    target = catalog / "gongan" / "301001-000001.yaml"
    # Under the guangxi profile a missing condition is only a warning; an unknown legal basis is an error.
    target.write_text(target.read_text(encoding="utf-8").replace("basis: [pipl-13]", "basis: [pipl-99]", 1), encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as caught:
        build(catalog, tmp_path / "site", search=False)
    message = str(caught.value) + caplog.text
    assert "目录未通过校验" in message and "R-004" in message and "301001-000001.yaml" in message
    assert not (tmp_path / "site" / "index.html").exists()


def test_same_catalog_and_date_build_the_same_bytes(site: Path, tmp_path: Path) -> None:
    build(site.parent / "repo" / "catalog", tmp_path / "again", search=False)
    for path in ("resources/302001-000002/index.html", "lists/needs/index.html", "sitemap.xml", "downloads/catalog.xlsx"):
        assert (tmp_path / "again" / path).read_bytes() == (site / path).read_bytes(), path


def test_catalog_build_command_validates_then_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import REPO

    from generator.cli import main

    monkeypatch.setenv("CATALOG_DIR", "unset")
    monkeypatch.setenv("CATALOG_BUILD_DATE", "2026-11-22")
    catalog = make_repo(tmp_path / "repo")
    config = str(REPO / "mkdocs.yml")
    assert main(["build", "--catalog", str(catalog), "-f", config, "-d", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "resources" / "104001-000001" / "index.html").is_file()
    assert (tmp_path / "out" / "downloads" / "catalog.xlsx").is_file()

    target = catalog / "shichang" / "302001-000001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("  basis: [tongjifa-39]\n", "", 1), encoding="utf-8")
    assert main(["build", "--catalog", str(catalog), "-f", config, "-d", str(tmp_path / "bad")]) == 1
    out = capsys.readouterr()
    assert "[R-002]" in out.out and "302001-000001.yaml" in out.out
    assert "网站不生成" in out.err
    assert not (tmp_path / "bad").exists()


def test_many_departments_are_reached_through_the_all_departments_page() -> None:
    from generator.site import nav as site_nav
    from generator.site.pages import PagePlan

    fixed = [PagePlan(uri, title, "x.html") for uri, title in (
        ("search.md", "搜索"), ("departments/index.md", "部门"), ("lists/index.md", "清单"),
        ("bases/index.md", "法律依据"), ("stats.md", "统计"), ("downloads.md", "下载"))]
    departments = [PagePlan(f"departments/d{n:03}.md", f"第{n}局", "department.html") for n in range(31)]
    few = site_nav.uris(site_nav.build(fixed + departments[:30], Path("/nonexistent")))
    many = site_nav.uris(site_nav.build(fixed + departments, Path("/nonexistent")))
    assert "departments/d029.md" in few and "departments/index.md" in few
    assert not any(uri.startswith("departments/d") for uri in many) and "departments/index.md" in many
    assert len(site_nav.uris(site_nav.build(fixed + departments, Path("/nonexistent"), 31))) == len(many) + 31


def test_resource_pages_are_small_and_their_sidebar_lists_only_sections(site: Path) -> None:
    html = page(site, "resources/104001-000001/index.html")
    nav = html[html.index("md-sidebar--primary") : html.index("md-sidebar--secondary")]
    assert "../../departments/" in nav and "../../lists/" in nav
    assert "测试市市场监督管理局" not in nav and "共享负面清单" not in nav
    assert "\n " not in html, "indentation is removed"
    assert len(html.encode()) < 16_000


def test_resource_pages_filled_into_the_frame_are_what_the_theme_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's frame is rendered once per build and filled in per page (generator.site.frame):
    every page must be byte for byte what rendering the theme for it gives."""
    from generator.site.frame import Frame

    catalog = make_repo(tmp_path / "repo")
    hostile = catalog / "shichang" / "104001-000001.yaml"
    hostile.write_text(hostile.read_text(encoding="utf-8").replace("name: 营业执照电子证照信息", 'name: "营业执照</title><b>&amp;"'), encoding="utf-8")
    build(catalog, tmp_path / "filled", search=False)
    monkeypatch.setattr(Frame, "_checked", lambda self, body: False)
    build(catalog, tmp_path / "rendered", search=False)
    pages = sorted((tmp_path / "rendered" / "resources").glob("*/index.html"))
    assert len(pages) == 7
    for path in pages:
        assert (tmp_path / "filled" / "resources" / path.parent.name / "index.html").read_bytes() == path.read_bytes()


def test_security_page_is_in_the_guides_and_names_the_checks(site: Path) -> None:
    home = page(site, "index.html")
    nav = home[home.index("md-sidebar--primary") : home.index("md-sidebar--secondary")]
    assert 'href="about/security/"' in nav
    html = page(site, "about/security/index.html")
    for rule_id in ("R-030", "R-031", "R-032", "P-001"):
        assert rule_id in html and f"reference/rules/#{rule_id.lower()}" in html
        assert rule_id in rules.RULES
    assert "输入文件的防护" in html and "待大数据主管部门填写" in html
