"""Export resources in the national template layout as XLSX, CSV or JSON; same catalog, same bytes.

One row per 信息项, the resource's columns repeated on each row (lossless: ``catalog import`` with
the ``national`` mapping gives back byte-identical YAML). Files with placeholders (待补充) export as
they are, so a department can fill them in the spreadsheet. CSV and XLSX cells are neutralised
against formulas (:func:`generator.importer.cells.safe_cell`); CSV is UTF-8 with BOM for Excel;
XLSX entries carry a fixed timestamp.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.exports.columns import BOOLEAN_CELLS, COLUMNS, LIST_SEPARATOR, Column
from generator.importer.cells import safe_cell
from generator.load import layout
from generator.load.yamlfile import parse
from generator.rules.placeholders import is_placeholder

EXPORT_COLUMNS: tuple[Column, ...] = (*COLUMNS, Column("来源标识", "source_ref", "扩展"))
"""The template's columns plus the source reference kept for re-imports."""

SHEET_TITLE = "政务信息资源目录"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_ISO = b"2000-01-01T00:00:00Z"
FORMATS = ("xlsx", "csv", "json")


@dataclass(frozen=True)
class Entry:
    """One resource file to export, with its department's name and code."""

    data: dict[str, Any]
    department: dict[str, Any]


def collect(root: Path, department: str | None = None) -> list[Entry]:
    """Every resource file (valid or not) of the catalog at ``root``, by department and code."""
    departments: dict[str, dict[str, Any]] = {}
    entries: list[tuple[str, str, Entry]] = []
    for relative in layout.walk(root):
        kind = layout.kind_of(relative)
        folder = layout.department_of(relative)
        if kind not in ("resource", "department") or (department and folder != department):
            continue
        doc, _ = parse((root / relative).read_bytes(), relative)
        if doc is None or not isinstance(doc.data, dict):
            continue
        if kind == "department":
            departments[folder or ""] = doc.data
        else:
            entries.append((folder or "", relative, Entry(doc.data, {})))
    return [Entry(e.data, departments.get(f, {})) for f, _, e in sorted(entries, key=lambda t: (t[0], t[1]))]


def rows(entries: list[Entry]) -> list[list[Any]]:
    """Table rows (without the header) in the national layout."""
    table: list[list[Any]] = []
    for entry in entries:
        items = entry.data.get("items")
        for item in items if isinstance(items, list) and items else [{}]:
            table.append([_cell(column, entry, item if isinstance(item, dict) else {}) for column in EXPORT_COLUMNS])
    return table


def _cell(column: Column, entry: Entry, item: dict[str, Any]) -> Any:
    path = column.path
    if path == "@department.name":
        return entry.department.get("name", "")
    if path == "@department.uscc":
        return entry.department.get("uscc", "")
    if path == "@open.public":
        kind = (entry.data.get("open") or {}).get("type")
        return "" if not kind or is_placeholder(kind) else BOOLEAN_CELLS[kind != "不予开放"]
    node: Any = item if column.per_item else entry.data
    for part in path.split(".")[1:] if column.per_item else path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        return ""
    if isinstance(node, bool):
        return BOOLEAN_CELLS[node]
    if isinstance(node, list):
        return LIST_SEPARATOR.join(str(v) for v in node)
    return node


def headers() -> list[str]:
    return [column.header for column in EXPORT_COLUMNS]


def to_csv(table: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    for row in table:
        writer.writerow([safe_cell(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_json(table: list[list[Any]]) -> bytes:
    names = headers()
    records = [dict(zip(names, row, strict=True)) for row in table]
    return (json.dumps(records, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def to_xlsx(table: list[list[Any]]) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([v if isinstance(v, int) and not isinstance(v, bool) else safe_cell(v) for v in row])
    for cell in sheet[1]:
        sheet.column_dimensions[cell.column_letter].width = max(8, min(40, len(str(cell.value)) * 2 + 2))
    sheet.freeze_panes = "A2"
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same XLSX with fixed entry timestamps and document dates, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rb"\g<1>" + FIXED_ISO + rb"\g<3>", content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "json": to_json}
