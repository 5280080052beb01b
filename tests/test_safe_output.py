"""Safe output: a hostile catalog entry, built into a real site, stays text everywhere.

The catalog is the site corpus plus :mod:`hostile`'s entry, a department whose name closes
``<title>`` and a duty holding an ``<img onerror>``. The assertions read what ``mkdocs build``
wrote: the HTML pages, the Atom feed, the DCAT JSON-LD, every CSV and XLSX download. Values must
neither run (no markup, no formula) nor be lost (the text reads back exactly).

Decision, also on the site's security page: Markdown in catalog fields is not rendered anywhere;
``**粗体**`` and ``[x](javascript:…)`` show as typed.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import hostile
import pytest
from markupsafe import escape
from openpyxl import load_workbook
from site_repo import HOSTILE_DEPARTMENT, HOSTILE_DUTY, build, make_hostile_repo

from generator.exports.tables import FORMULA_STARTS

RAW = (
    "<script>alert(", "<img src=x", "<details><summary>", 'href="javascript:', "<!-- catalog-check -->",
    "</title><script>", '" onmouseover="', "<b>OFD</b>", "<b>@someone</b>", "<strong>粗体",
)
"""Markup from the hostile values; any of it in a page means a value was written unescaped."""

SITE_NAME = "测试市政务数据资源目录"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build(make_hostile_repo(root / "repo"), root / "site", search=False)
    return root / "site"


class Parsed(HTMLParser):
    """The decoded text of ``<title>``, ``<h1>``, the description and every tag seen."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = self.h1 = self.description = ""
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "meta" and found.get("name") == "description":
            self.description = found.get("content") or ""
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def test_no_page_holds_raw_markup_from_a_value(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = [raw for raw in RAW if raw in html]
        assert not found, f"{path.relative_to(site)}: {found}"


def test_resource_page_shows_every_value_as_typed(site: Path) -> None:
    html = (site / "resources" / hostile.STEM / "index.html").read_text(encoding="utf-8")
    parsed = Parsed(html)
    assert parsed.title == f"{hostile.NAME} - {SITE_NAME}"
    assert parsed.h1 == hostile.NAME
    assert parsed.description == hostile.SUMMARY[:120]
    logo = [attrs for tag, attrs in parsed.tags if tag == "img" and (attrs.get("src") or "").endswith("/assets/logo.svg")]
    assert len(logo) == 2  # the site's own logo, in the header and in the navigation drawer
    injected = [
        tag
        for tag, attrs in parsed.tags
        if (tag in ("img", "details") and attrs not in logo) or any(k.startswith("on") for k in attrs)
    ]
    assert not injected
    assert not [a for tag, a in parsed.tags if tag == "a" and "javascript:" in (a.get("href") or "")]
    # Markdown is not rendered: link and emphasis syntax are visible text.
    assert "[点我](javascript:alert(3))" in html and "**粗体**" in html
    for formula in hostile.FORMULAS[:4]:
        assert str(escape(formula)) in html


def test_department_name_closing_the_title_reads_as_text(site: Path) -> None:
    html = (site / "departments" / hostile.DEPARTMENT / "index.html").read_text(encoding="utf-8")
    parsed = Parsed(html)
    assert parsed.title == f"{HOSTILE_DEPARTMENT} - {SITE_NAME}"
    assert "&lt;/title&gt;&lt;script&gt;alert(10)" in html
    assert not [tag for tag, _ in parsed.tags if tag == "script" and "alert" in html.split("<script", 1)[0][-5:]]
    home = Parsed((site / "index.html").read_text(encoding="utf-8"))
    assert home.title == SITE_NAME
    duties = (site / "lists" / "duties" / "index.html").read_text(encoding="utf-8")
    assert "负责&lt;img src=x onerror=alert(11)&gt;登记 @someone =1+1" in duties
    assert HOSTILE_DUTY not in duties


def test_atom_feed_is_well_formed_and_holds_the_text(site: Path) -> None:
    raw = (site / "feeds" / "changes.xml").read_bytes()
    assert b"<script" not in raw and b"<b>" not in raw
    root = ET.fromstring(raw)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    texts = [node.text or "" for node in root.iterfind(".//a:entry/a:summary", ns)]
    texts += [node.text or "" for node in root.iterfind(".//a:entry/a:title", ns)]
    assert any(hostile.NAME in text for text in texts), texts
    assert any("新增 <b>@someone</b> 的资源" in text for text in texts)


def test_json_ld_cannot_close_a_script_element(site: Path) -> None:
    raw = (site / "downloads" / "dcat.jsonld").read_bytes()
    assert b"<" not in raw and b">" not in raw
    data = json.loads(raw)
    datasets = {d["dct:identifier"]: d for d in data["dcat:dataset"]}
    mine = datasets[hostile.CODE]
    assert mine["dct:title"] == hostile.NAME
    assert mine["dct:description"] == hostile.SUMMARY


def _csv_cells(raw: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")) for cell in row]


def test_no_csv_or_xlsx_cell_is_a_formula(site: Path) -> None:
    downloads = site / "downloads"
    cells: list[str] = []
    for path in sorted(downloads.rglob("*.csv")):
        cells += _csv_cells(path.read_bytes())
    with zipfile.ZipFile(downloads / "catalog-full.zip") as archive:
        cells += _csv_cells(archive.read("catalog.csv"))
    books = sorted(downloads.rglob("*.xlsx"))
    assert len(books) > 10
    for path in books:
        sheet = load_workbook(path).active
        assert sheet is not None
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    cells.append(cell.value)
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert dangerous == []
    # Nothing lost: each formula is there, behind one apostrophe.
    for formula in (*hostile.FORMULAS, "=1+2"):
        assert any(cell == "'" + formula or f"'{formula}" in cell for cell in cells), formula
    assert f"'{hostile.FORMULAS[0]}" in cells
