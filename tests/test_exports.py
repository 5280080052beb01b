"""Downloads and feeds (generator/exports): formats, national column order, determinism, safety.

Golden files are under tests/golden/exports; regenerate with ``UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from conftest import TODAY
from openpyxl import load_workbook
from site_repo import check_golden, make_repo

from generator import exports
from generator.exports.columns import COLUMNS
from generator.exports.tables import neutralise
from generator.publish.model import Published
from generator.publish.source import collect


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Published:
    catalog = make_repo(tmp_path_factory.mktemp("exports") / "repo")
    return collect(catalog, TODAY)


@pytest.fixture(scope="module")
def made(data: Published) -> dict[str, bytes]:
    return {path: make() for path, _, make in exports.files(data)}


GOLDEN = (
    "downloads/catalog.csv",
    "downloads/share-negative.csv",
    "downloads/open-negative.json",
    "downloads/needs.json",
    "downloads/duties.csv",
    "downloads/changes.json",
    "downloads/dcat.jsonld",
    "feeds/changes.xml",
    "feeds/notices.xml",
)


@pytest.mark.parametrize("path", GOLDEN)
def test_export_matches_golden(made: dict[str, bytes], path: str) -> None:
    check_golden("exports/" + path.replace("/", "__"), made[path])


def test_every_list_has_json_csv_and_xlsx(made: dict[str, bytes]) -> None:
    for slug in ("catalog", "share", "share-negative", "open", "open-negative", "notices", "delisted",
                 "duties", "needs", "changes", "departments/gongan"):
        for fmt in ("json", "csv", "xlsx"):
            assert f"downloads/{slug}.{fmt}" in made, (slug, fmt)


def test_csv_is_utf8_with_bom_in_the_national_column_order(made: dict[str, bytes]) -> None:
    raw = made["downloads/catalog.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [c.header for c in COLUMNS if not c.per_item], "one row per resource, no 信息项 columns"
    assert rows[0][:6] == ["类", "项", "目", "细目", "信息资源名称", "信息资源代码"]
    assert [row[5] for row in rows[1:]] == sorted(row[5] for row in rows[1:])
    mine = next(row for row in rows[1:] if row[5] == "104001/000001")
    assert mine[6] == "测试市市场监督管理局" and mine[8] == "11990100001000037H"


def _item_rows(rows: list[list[Any]], code: str) -> list[list[Any]]:
    """The rows of resource ``code`` in the template layout: its first row and the blank-led rows after it."""
    start = next(n for n, row in enumerate(rows) if row[5] == code)
    end = next((n for n in range(start + 1, len(rows)) if rows[n][5]), len(rows))
    return rows[start:end]


def test_department_xlsx_is_the_national_template_one_row_per_item(made: dict[str, bytes]) -> None:
    sheet = load_workbook(io.BytesIO(made["downloads/departments/shichang.xlsx"])).active
    assert sheet is not None
    rows = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [c.header for c in COLUMNS]
    mine = _item_rows(rows, "104001/000001")
    assert [row[12] for row in mine] == ["统一社会信用代码", "企业名称", "法定代表人"]
    assert mine[0][6] == "测试市市场监督管理局" and mine[0][8] == "11990100001000037H"
    assert all(not any(row[:12]) for row in mine[1:]), "resource cells only on the first row, as merged"


def test_full_archive_holds_every_item_and_every_document(data: Published, made: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(made["downloads/catalog-full.zip"])) as archive:
        assert archive.namelist() == ["catalog.csv", "catalog.json"]
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}
        rows = list(csv.reader(io.StringIO(archive.read("catalog.csv").decode("utf-8-sig"))))
        whole = json.loads(archive.read("catalog.json"))
    assert rows[0] == [c.header for c in COLUMNS]
    assert [row[12] for row in _item_rows(rows, "104001/000001")] == ["统一社会信用代码", "企业名称", "法定代表人"]
    assert len(rows) - 1 == sum(len(r.items) for r in data.catalog.resources)
    assert len(whole["resources"]) == len(data.catalog.resources)


def test_formula_cells_are_neutralised(made: dict[str, bytes]) -> None:
    text = made["downloads/share-negative.csv"].decode("utf-8-sig")
    assert "'=含企业商业秘密" in text and ",=含企业商业秘密" not in text
    for value, expected in (("=1+1", "'=1+1"), ("+86", "'+86"), ("-x", "'-x"), ("@a", "'@a"),
                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("正常", "正常"), (5, 5)):
        assert neutralise(value) == expected


def test_xlsx_reads_back_with_the_same_cells(made: dict[str, bytes]) -> None:
    sheet = load_workbook(io.BytesIO(made["downloads/share-negative.xlsx"])).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [c.header for c in COLUMNS if not c.per_item]
    assert any(cell == "'=含企业商业秘密，仅用于信用修复审查" for cell in rows[1])
    assert all(not (isinstance(c, str) and c.startswith("=")) for row in rows for c in row)


def test_same_input_gives_identical_bytes(data: Published, made: dict[str, bytes]) -> None:
    again = {path: make() for path, _, make in exports.files(data)}
    assert again == made
    xlsx = made["downloads/catalog.xlsx"]

    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-11-22T00:00:00Z" in core


def test_dcat_is_json_ld_with_datasets_and_publishers(made: dict[str, bytes]) -> None:
    from pyld import jsonld

    document = json.loads(made["downloads/dcat.jsonld"])
    expanded = jsonld.expand(document)
    catalog = expanded[0]
    assert catalog["@type"] == ["http://www.w3.org/ns/dcat#Catalog"]
    datasets = catalog["http://www.w3.org/ns/dcat#dataset"]
    ids = {d["@id"] for d in datasets}
    assert "https://data.test.example.gov.cn/resources/104001-000001/" in ids
    assert "https://data.test.example.gov.cn/resources/301001-000002/" not in ids, "delisted"
    licence = {d["http://purl.org/dc/terms/identifier"][0]["@value"]: d["http://purl.org/dc/terms/accessRights"][0]["@id"] for d in datasets}
    assert licence["302001/000001"].endswith("NON_PUBLIC") and licence["102001/000001"].endswith("PUBLIC")
    publisher = datasets[0]["http://purl.org/dc/terms/publisher"][0]
    assert publisher["@type"] == ["http://xmlns.com/foaf/0.1/Agent", "http://xmlns.com/foaf/0.1/Organization"]
    # what DCAT cannot say: the share attributes, for an upper level harvesting this file
    shares = {d["http://purl.org/dc/terms/identifier"][0]["@value"]: d["https://catalog.example.gov.cn/ns/zwml#shareType"][0]["@value"] for d in datasets}
    assert shares["101001/000001"] == "无条件共享"


def test_atom_feeds_parse(made: dict[str, bytes]) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    changes = ET.fromstring(made["feeds/changes.xml"])
    titles = [e.findtext("a:title", namespaces=ns) for e in changes.findall("a:entry", ns)]
    assert titles[0] == "申请下线个体工商户年报纸质档案目录" and titles[-1] == "新增测试市目录"
    assert changes.findtext("a:updated", namespaces=ns) == "2026-11-02T10:00:00+08:00"
    notices = ET.fromstring(made["feeds/notices.xml"])
    entries = notices.findall("a:entry", ns)
    assert len(entries) == 1 and "302001/000002" in (entries[0].findtext("a:title", namespaces=ns) or "")


def test_written_below_the_site_folder(data: Published, tmp_path: Path) -> None:
    from generator.caching.outputs import Outputs

    written = exports.write_all(data, Outputs(tmp_path))
    assert [path for path, _ in written] == [path for path, _, _ in exports.files(data)]
    assert all(key for _, key in written), "every download has a key"
    assert (tmp_path / "downloads" / "departments" / "shichang.xlsx").is_file()


def test_catalog_wide_files_joined_from_pieces_are_the_whole_tables(data: Published, made: dict[str, bytes]) -> None:
    """The catalog-wide files are joined from per-group pieces (generator/exports/assembled.py):
    byte for byte what writing each whole table at once gives."""
    from generator.exports import dcat, jsonfile
    from generator.exports.csvfile import to_csv
    from generator.exports.tables import resource_table
    from generator.exports.xlsx import to_xlsx

    ordered = sorted(data.catalog.resources, key=lambda r: r.code)
    assert len({r.class_code for r in ordered}) > 2, "several groups are joined"
    whole = resource_table("政务数据资源目录", ordered, data.catalog)
    assert made["downloads/catalog.csv"] == to_csv(whole)
    assert made["downloads/catalog.json"] == jsonfile.rows(data, whole)
    assert made["downloads/catalog.xlsx"] == to_xlsx(whole, data.build_date)
    assert made["downloads/dcat.jsonld"] == jsonfile.dump_script_safe(dcat.catalog(data, "https://data.test.example.gov.cn/"))
    with zipfile.ZipFile(io.BytesIO(made["downloads/catalog-full.zip"])) as archive:
        assert archive.testzip() is None
        assert archive.read("catalog.json").decode("utf-8") == "".join(jsonfile.whole_chunks(data))
        items = resource_table("", ordered, data.catalog, "template")
        assert archive.read("catalog.csv") == to_csv(items)


def test_a_rebuild_remakes_only_the_pieces_of_the_changed_group(tmp_path: Path) -> None:
    from generator.caching import Store
    from generator.caching.outputs import Outputs
    from generator.exports.pieces import Pieces

    catalog = make_repo(tmp_path / "repo")
    store = Store(tmp_path / "cache", b"k" * 32)
    first = collect(catalog, TODAY)
    exports.write_all(first, Outputs(tmp_path / "one"), store)
    kept = sorted(p.name for p in store.folder.iterdir())
    target = catalog / "shichang" / "104001-000001.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("summary: ", "summary: 已核对。", 1), encoding="utf-8")
    second = collect(catalog, TODAY)
    pieces = Pieces(second, store)
    written = {path: make() for path, _, make in exports.files(second, pieces)}
    # One group's pieces at most: its rows in the catalog and the lists it is on (three formats
    # each, seven tables), in the full archive (two) and in DCAT.
    assert 0 < pieces.made <= 3 * 7 + 3 < pieces.read, (pieces.made, pieces.read)
    fresh = {path: make() for path, _, make in exports.files(second)}
    assert written == fresh, "joined from kept pieces: the bytes of a build without any"
    pieces.prune()
    assert len(list(store.folder.iterdir())) == len(kept), "pieces no longer used are removed"
