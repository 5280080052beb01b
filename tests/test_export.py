"""``catalog export`` and the round trip export → import → identical YAML.

Golden files: ``tests/golden/export/``; regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_export.py``
and review the diff.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import BASE, REPO

from generator.importer.export import FIXED_TIME, WRITERS, collect, headers, rows
from generator.importer.mapping import load
from generator.importer.pipeline import import_files
from generator.importer.readers import decode
from generator.load.yamlfile import parse
from generator.load.yamlwrite import dump_resource

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
SAMPLE = REPO / "catalog"
INJECTION = '=HYPERLINK("http://evil.test","点这里")'


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.is_file(), f"{path} 不存在：用 UPDATE_GOLDEN=1 生成"
    assert data == path.read_bytes(), f"与 {path} 不同：确认改动无误后用 UPDATE_GOLDEN=1 重新生成"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_matches_golden(fmt: str) -> None:
    golden(f"base.{fmt}", WRITERS[fmt](rows(collect(BASE))))


def test_csv_is_utf8_with_bom_and_one_row_per_item() -> None:
    data = WRITERS["csv"](rows(collect(BASE, "gongan")))
    assert data.startswith(b"\xef\xbb\xbf")
    text, _ = decode(data, Path("x.csv"))
    lines = text.split("\r\n")
    assert lines[0] == ",".join(headers())
    assert len([line for line in lines[1:] if line]) == 5  # 3 + 2 data items


def test_xlsx_is_byte_identical_for_the_same_input() -> None:
    first = WRITERS["xlsx"](rows(collect(BASE)))
    second = WRITERS["xlsx"](rows(collect(BASE)))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}
        core = archive.read("docProps/core.xml")
        assert b"2000-01-01T00:00:00Z" in core
    sheet = openpyxl.load_workbook(io.BytesIO(first)).active
    assert [c.value for c in sheet[1]] == headers()
    assert sheet.max_row == 1 + 9  # one row per data item: 3 + 2 + 4


def roundtrip(source_root: Path, department: str, fmt: str, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Export one department, import it into a copy without its resources; both sets of files."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    exported = tmp_path / f"{department}.{fmt}"
    exported.write_bytes(WRITERS[fmt](rows(collect(source_root, department))))
    target = tmp_path / f"copy-{fmt}" / "catalog"
    shutil.copytree(source_root, target)
    originals = {p.name: p.read_bytes() for p in sorted((source_root / department).glob("[0-9]*.yaml"))}
    for path in target.joinpath(department).glob("[0-9]*.yaml"):
        path.unlink()
    [report] = import_files([exported], department, load("national"), target)
    assert report.refused == 0, [o.reason for o in report.outcomes]
    result = {p.name: p.read_bytes() for p in sorted((target / department).glob("[0-9]*.yaml"))}
    return originals, result


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
@pytest.mark.parametrize("department", ["gongan", "shichang"])
def test_roundtrip_base_catalog(fmt: str, department: str, tmp_path: Path) -> None:
    """The base files are hand-written in flow style (other tests rely on their line numbers), so
    the import gives their canonical form: the same data, and the same bytes as ``dump_resource``."""
    originals, result = roundtrip(BASE, department, fmt, tmp_path)
    assert originals and result == {name: canonical(raw) for name, raw in originals.items()}
    assert {name: parse(raw, name)[0].data for name, raw in result.items()} == {
        name: parse(raw, name)[0].data for name, raw in originals.items()
    }


def canonical(raw: bytes) -> bytes:
    doc, problems = parse(raw, "x.yaml")
    assert doc is not None and not problems
    return dump_resource(doc.data).encode("utf-8")


def sample_departments() -> list[str]:
    return sorted(p.parent.name for p in SAMPLE.glob("*/department.yaml"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_roundtrip_sample_catalog(fmt: str, tmp_path: Path) -> None:
    departments = [d for d in sample_departments() if any((SAMPLE / d).glob("[0-9]*.yaml"))]
    if not departments:
        pytest.skip(f"示例目录 {SAMPLE} 中还没有资源文件")
    for department in departments:
        originals, result = roundtrip(SAMPLE, department, fmt, tmp_path / department)
        assert result == originals, department  # byte-identical: the sample is written canonically


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_formula_cells_are_neutralised_and_restored(base_catalog: Path, tmp_path: Path, fmt: str) -> None:
    path = base_catalog / "shichang" / "102001-000001.yaml"
    doc, _ = parse(path.read_bytes(), path.name)
    path.write_text(dump_resource({**doc.data, "provider_unit": INJECTION, "usage": "-1 起"}), encoding="utf-8")
    data = WRITERS[fmt](rows(collect(base_catalog, "shichang")))
    if fmt == "csv":
        text, _ = decode(data, Path("x.csv"))
        cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row if "HYPERLINK" in c]
        assert cells and all(c == "'" + INJECTION for c in cells)
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)
    originals, result = roundtrip(base_catalog, "shichang", fmt, tmp_path)
    assert result == {name: canonical(raw) for name, raw in originals.items()}
    restored = parse(result["102001-000001.yaml"], "x.yaml")[0].data
    assert (restored["provider_unit"], restored["usage"]) == (INJECTION, "-1 起")
