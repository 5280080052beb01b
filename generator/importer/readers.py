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

from generator.importer import guard
from generator.importer.cells import cell_text, restore
from generator.importer.guard import SourceError

__all__ = ["HEADER_SEARCH_ROWS", "Record", "Source", "SourceError", "decode", "header_key", "read"]

HEADER_SEARCH_ROWS = 20
"""How many rows at the top of a sheet may hold titles before the header row."""


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
    raw = guard.read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _grid_source(path, "", _xlsx_rows(path, raw), known_keys, restore_cells=True)
    if suffix in (".csv", ".txt", ".tsv"):
        text, encoding = decode(raw, path)
        return _grid_source(path, encoding, _csv_rows(path, text), known_keys, restore_cells=True)
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
    """The first sheet's rows. openpyxl parses XML with defusedxml (a dependency for this reason),
    after :func:`guard.check_archive` has refused zip bombs and document type declarations."""
    import openpyxl
    from defusedxml import DefusedXmlException

    guard.check_archive(path, raw)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                rows = guard.limited_rows(path, book.worksheets[0].iter_rows(values_only=True))
                return [[cell_text(v) for v in row] for row in rows]
            finally:
                book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, EOFError, SyntaxError, TypeError) as err:
        if _caused_by(err, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise SourceError(f"{path}：XLSX 中含有 XML 实体声明，Excel 和 WPS 保存的文件不会有，拒绝读取；请在 Excel 中打开后重新另存为 .xlsx") from err
        raise SourceError(f"{path}：不是有效的 XLSX 文件，或文件已损坏（{_kind(err)}）；旧版 .xls 请先在 Excel 中另存为 .xlsx") from err


def _caused_by(err: BaseException | None, kind: type[BaseException]) -> bool:
    seen = 0
    while err is not None and seen < 10:
        if isinstance(err, kind):
            return True
        err, seen = err.__cause__ or err.__context__, seen + 1
    return False


def _kind(err: Exception) -> str:
    if isinstance(err, SyntaxError):
        return "其中的 XML 格式错误"
    if isinstance(err, KeyError):
        return "缺少必需的组成部分"
    if isinstance(err, IndexError):
        return "没有工作表"
    return "无法读取其中的内容"


def _csv_rows(path: Path, text: str) -> list[list[Any]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return list(guard.limited_rows(path, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as err:
        raise SourceError(f"{path}：CSV 格式错误（{_csv_reason(err)}）") from err


def _csv_reason(err: csv.Error) -> str:
    text = str(err)
    if "field larger than field limit" in text:
        return f"有一个单元格超过 {csv.field_size_limit()} 个字符，可能是引号没有配对"
    if "new-line character seen in unquoted field" in text or "NUL" in text:
        return "文件中有不该出现的换行或空字符"
    return "引号或分隔符用法不对"


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
    guard.check_json_depth(path, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(f"{path}:{err.lineno}:{err.colno}：JSON 格式错误：{_json_reason(err.msg)}") from err
    except (ValueError, RecursionError) as err:  # an integer of thousands of digits
        raise SourceError(f"{path}：JSON 中有无法读取的值（例如位数过多的数字）") from err
    if not isinstance(data, list):
        raise SourceError(f"{path}：JSON 文件的顶层应为数组（[ {{…}}, {{…}} ]），每个元素是一条记录")
    if len(data) > guard.MAX_ROWS:
        raise SourceError(f"{path}：超过 {guard.MAX_ROWS} 条记录，一次导入不应有这么多条，请分成几个文件导入")
    records, headers = [], {}
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise SourceError(f"{path}：第 {index} 条记录不是对象（{{\"字段\": 值}}）")
        cells = {header_key(str(k)): _json_value(v) for k, v in item.items()}
        headers.update(dict.fromkeys(cells))
        records.append(Record(index, cells))
    return Source(str(path), "条", encoding, tuple(headers), tuple(records))


_JSON_REASONS = (
    ("Expecting value", "这里缺少一个值"),
    ("Expecting property name", "字段名必须用双引号括起来"),
    ("Expecting ',' delimiter", "缺少逗号“,”"),
    ("Expecting ':' delimiter", "缺少冒号“:”"),
    ("Unterminated string", "双引号没有闭合"),
    ("Invalid control character", "字符串中有换行或控制字符"),
    ("Invalid \\escape", "反斜杠“\\”用法不对"),
    ("Invalid \\uXXXX escape", "反斜杠“\\u”后应为四位十六进制数"),
    ("Extra data", "一个完整的 JSON 值之后还有多余的内容"),
)


def _json_reason(message: str) -> str:
    return next((reason for needle, reason in _JSON_REASONS if message.startswith(needle)), "请检查括号、逗号和引号")


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
