"""Read XLSX, CSV (UTF-8, UTF-8 with BOM, GB18030) and JSON arrays into numbered records.

A spreadsheet's header row is found among its first rows as the one naming the most known columns,
so title rows above the header (as in the national template) are skipped. Everything that cannot
be read raises :class:`SourceError` with a Chinese message naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.importer.cells import cell_text, restore

HEADER_SEARCH_ROWS = 20
"""How many rows at the top of a sheet may hold titles before the header row."""


class SourceError(Exception):
    """An input file that cannot be read; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Record:
    """One input record: a spreadsheet row or an element of a JSON array."""

    number: int
    """Spreadsheet row number (the header row counts) or 1-based position in the JSON array."""
    cells: dict[str, Any]
    """Value by header text (normalised, see :func:`header_key`); ``None`` for an empty cell."""


@dataclass(frozen=True)
class Source:
    """A whole input file."""

    path: str
    unit: str
    """``行`` for spreadsheets, ``条`` for JSON records: how the report counts."""
    encoding: str
    headers: tuple[str, ...]
    records: tuple[Record, ...]


def header_key(text: str) -> str:
    """Headers compare after NFKC and without any whitespace: ``信息资源 名称`` = ``信息资源名称``."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def read(path: Path, known: Iterable[str]) -> Source:
    """Read ``path``; ``known`` are header texts of the mapping, to find the header row."""
    known_keys = {header_key(h) for h in known}
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SourceError(f"无法读取 {path}：{err.strerror or err}") from err
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _grid_source(path, "", _xlsx_rows(path, raw), known_keys, restore_cells=True)
    if suffix in (".csv", ".txt", ".tsv"):
        text, encoding = decode(raw, path)
        return _grid_source(path, encoding, _csv_rows(text), known_keys, restore_cells=True)
    if suffix == ".json":
        text, encoding = decode(raw, path)
        return _json_source(path, encoding, text)
    raise SourceError(f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，只能导入 .xlsx、.csv 或 .json 文件")


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text of ``raw`` and the encoding that read it: UTF-8 (with or without BOM), else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}：无法识别文件编码（第 {err.start + 1} 个字节），请另存为 UTF-8 或 GB18030") from err


def _xlsx_rows(path: Path, raw: bytes) -> list[list[Any]]:
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as err:
        raise SourceError(f"{path}：不是有效的 XLSX 文件（{err}）；旧版 .xls 请先在 Excel 中另存为 .xlsx") from err
    return rows


def _csv_rows(text: str) -> list[list[Any]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise SourceError(f"CSV 格式错误：{err}") from err


def _grid_source(
    path: Path, encoding: str, rows: list[list[Any]], known: set[str], *, restore_cells: bool
) -> Source:
    header_index, best = -1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if isinstance(cell, str) and header_key(cell) in known)
        if hits > best:
            header_index, best = index, hits
    if header_index < 0:
        raise SourceError(f"{path}：前 {HEADER_SEARCH_ROWS} 行中找不到表头（没有一列的列名与映射中的列名相同），请检查 --mapping")
    headers = [header_key(c) if isinstance(c, str) else "" for c in rows[header_index]]
    records = []
    for offset, row in enumerate(rows[header_index + 1 :]):
        cells: dict[str, Any] = {}
        for column, value in zip(headers, row, strict=False):
            if not column or column in cells:
                continue
            text = value if value is None else str(value)
            cells[column] = restore(text) if (restore_cells and text is not None) else text
        if any(v not in (None, "") for v in cells.values()):
            records.append(Record(header_index + offset + 2, cells))
    return Source(str(path), "行", encoding, tuple(h for h in headers if h), tuple(records))


def _json_source(path: Path, encoding: str, text: str) -> Source:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(f"{path}:{err.lineno}:{err.colno}：JSON 格式错误：{err.msg}") from err
    if not isinstance(data, list):
        raise SourceError(f"{path}：JSON 文件的顶层应为数组（[ {{…}}, {{…}} ]），每个元素是一条记录")
    records, headers = [], {}
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise SourceError(f"{path}：第 {index} 条记录不是对象（{{\"字段\": 值}}）")
        cells = {header_key(str(k)): _json_value(v) for k, v in item.items()}
        headers.update(dict.fromkeys(cells))
        records.append(Record(index, cells))
    return Source(str(path), "条", encoding, tuple(headers), tuple(records))


def _json_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return cell_text(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value
