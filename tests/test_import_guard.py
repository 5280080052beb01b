"""Hostile import files: zip bombs, huge sheets, XML entities, deep JSON. Each is a Chinese
:class:`SourceError` naming the file, raised quickly, never a traceback, a hang or a read of a local file."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.importer import guard, readers
from generator.importer.readers import SourceError

HEADERS = ("信息资源名称", "信息资源代码")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def _book() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    sheet.append(["流动人口居住登记信息", "301001/000001"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(sheet: bytes | list[bytes], repeat: int = 1) -> bytes:
    """A real workbook whose first sheet is replaced: ``sheet`` as is, or a head, a body written
    ``repeat`` times (streamed, never held in memory whole) and a tail."""
    source = zipfile.ZipFile(io.BytesIO(_book()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info))
                continue
            with target.open(SHEET, "w", force_zip64=True) as handle:
                head, body, tail = sheet if isinstance(sheet, list) else (sheet, b"", b"")
                handle.write(head)
                for _ in range(repeat):
                    handle.write(body)
                handle.write(tail)
    return out.getvalue()


def _read(tmp_path: Path, name: str, raw: bytes) -> readers.Source:
    (tmp_path / name).write_bytes(raw)
    return readers.read(tmp_path / name, HEADERS)


def test_a_real_workbook_is_read(tmp_path: Path) -> None:
    source = _read(tmp_path, "ok.xlsx", _book())
    assert [record.cells for record in source.records] == [{"信息资源名称": "流动人口居住登记信息", "信息资源代码": "301001/000001"}]


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'.encode()
    bomb = _with_sheet([head, b"<row/>" * 65_536, b"</sheetData></worksheet>"], repeat=160)  # 63 MB of rows
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"bomb.xlsx：XLSX 中的 xl/worksheets/sheet1.xml 解压后是压缩时的 \d+ 倍（上限 100 倍），可能是“压缩炸弹”"):
        _read(tmp_path, "bomb.xlsx", bomb)
    assert time.monotonic() - started < 5


def test_the_total_unzipped_size_is_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_UNZIPPED_BYTES", 4096)
    with pytest.raises(SourceError, match="XLSX 解压后超过 0 MiB"):
        _read(tmp_path, "big.xlsx", _book())


def test_a_sheet_claiming_a_million_rows_of_16384_columns_stops_at_the_cell_limit(tmp_path: Path) -> None:
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>信息资源名称</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"wide.xlsx：超过 2000000 个单元格（到第 \d+ 行为止，含表格声明的空白单元格）"):
        _read(tmp_path, "wide.xlsx", _with_sheet(sheet))
    assert time.monotonic() - started < 10


def test_rows_are_limited_in_csv_json_and_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_ROWS", 5)
    rows = "\n".join([",".join(HEADERS)] + [f"资源{i},301001/{i:06d}" for i in range(10)])
    with pytest.raises(SourceError, match="many.csv：超过 5 行"):
        _read(tmp_path, "many.csv", rows.encode())
    records = json.dumps([{"信息资源名称": f"资源{i}"} for i in range(10)], ensure_ascii=False)
    with pytest.raises(SourceError, match="many.json：超过 5 条记录"):
        _read(tmp_path, "many.json", records.encode())
    body = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>资源{i}</t></is></c></row>' for i in range(1, 11))
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{body}</sheetData></worksheet>'
    with pytest.raises(SourceError, match="many.xlsx：超过 5 行"):
        _read(tmp_path, "many.xlsx", _with_sheet(sheet.encode()))


def _entity_sheet(secret: Path, padding: int = 0) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + "<!--" + " " * padding + "-->"
        + f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        + f'<worksheet xmlns="{NS}"><sheetData>'
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>信息资源名称</t></is></c></row>'
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        + "</sheetData></worksheet>"
    ).encode()


def test_an_xml_external_entity_is_refused_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    with pytest.raises(SourceError, match=r"xxe.xlsx：XLSX 中的 xl/worksheets/sheet1.xml 含有文档类型声明（<!DOCTYPE>") as caught:
        _read(tmp_path, "xxe.xlsx", _with_sheet(_entity_sheet(secret)))
    assert "机密" not in str(caught.value)


def test_an_entity_declaration_hidden_past_the_prolog_scan_is_refused_by_defusedxml(tmp_path: Path) -> None:
    """The second layer: openpyxl parses with defusedxml, which forbids entity declarations."""
    assert openpyxl.DEFUSEDXML
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    with pytest.raises(SourceError, match="xxe.xlsx：XLSX 中含有 XML 实体声明") as caught:
        _read(tmp_path, "xxe.xlsx", _with_sheet(_entity_sheet(secret, padding=70_000)))
    assert "机密" not in str(caught.value)


def test_broken_xml_is_a_chinese_message(tmp_path: Path) -> None:
    sheet = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData><row></sheetData>'.encode()
    with pytest.raises(SourceError, match="broken.xlsx：不是有效的 XLSX 文件，或文件已损坏（其中的 XML 格式错误）"):
        _read(tmp_path, "broken.xlsx", _with_sheet(sheet))


def test_deep_json_is_refused_with_its_line(tmp_path: Path) -> None:
    raw = b'[\n  {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n]"
    with pytest.raises(SourceError, match=r"deep.json:2:\d+：JSON 的数组和对象嵌套超过 64 层"):
        _read(tmp_path, "deep.json", raw)


def test_brackets_inside_json_strings_do_not_count(tmp_path: Path) -> None:
    raw = json.dumps([{"信息资源名称": "[" * 1000 + '\\"{' * 100}]).encode()
    assert [record.number for record in _read(tmp_path, "ok.json", raw).records] == [1]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'[{"a": 1},', "ok.json:1:11：JSON 格式错误：这里缺少一个值"),
        (b"[{a: 1}]", "JSON 格式错误：字段名必须用双引号括起来"),
        (b'[{"a": 1' + b"1" * 5000 + b"}]", "JSON 中有无法读取的值（例如位数过多的数字）"),
    ],
)
def test_json_errors_are_chinese(tmp_path: Path, raw: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _read(tmp_path, "ok.json", raw)


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(guard.MAX_FILE_BYTES + 1)  # sparse: nothing on the disk
    with pytest.raises(SourceError, match="huge.csv：文件超过 50 MiB"):
        readers.read(huge, HEADERS)


def test_a_csv_cell_over_the_field_limit_is_a_chinese_message(tmp_path: Path) -> None:
    raw = (",".join(HEADERS) + '\n"' + "x" * 200_000 + "\n").encode()
    with pytest.raises(SourceError, match="long.csv：CSV 格式错误（有一个单元格超过 131072 个字符，可能是引号没有配对）"):
        _read(tmp_path, "long.csv", raw)
