"""Rows of the downloads: resources in the national template's columns, and the other lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.exports.columns import BOOLEAN_CELLS, COLUMNS, LIST_SEPARATOR, Column
from generator.load.catalog import Catalog
from generator.load.model import Resource

Cell = str | int


@dataclass(frozen=True)
class Table:
    """A sheet: a title, header row and rows of cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


LAYOUTS = ("summary", "template", "resources", "items")


def resource_table(
    title: str, resources: Iterable[Resource], catalog: Catalog, layout: str = "summary"
) -> Table:
    """Resources in the national template's columns, in one of :data:`LAYOUTS`:

    * ``summary`` — one row per resource, without the 信息项 columns (the lists' downloads);
    * ``template`` — one row per 信息项; the resource's own columns only on its first row, blank on
      the rows after it, as the template's merged cells (what a department is handed back; the
      importer reads a blank row start as the same resource continuing);
    * ``resources`` — one row per resource, 信息项 columns joined with ``；``;
    * ``items`` — one row per 信息项, resource columns repeated on every row.
    """
    columns = tuple(c for c in COLUMNS if not c.per_item) if layout == "summary" else COLUMNS
    rows: list[tuple[Cell, ...]] = []
    for resource in resources:
        raw = resource.doc.data
        if layout in ("items", "template"):
            for number, item in enumerate(raw["items"]):
                rows.append(tuple(
                    _cell(_value(c, raw, catalog, item)) if c.per_item or number == 0 or layout == "items" else ""
                    for c in columns
                ))
        else:
            rows.append(tuple(_joined(c, raw, catalog) for c in columns))
    return Table(title, tuple(c.header for c in columns), tuple(rows))


def _joined(column: Column, raw: dict[str, Any], catalog: Catalog) -> Cell:
    if not column.per_item:
        return _cell(_value(column, raw, catalog))
    values = [_cell(_value(column, raw, catalog, item)) for item in raw["items"]]
    return LIST_SEPARATOR.join(str(v) for v in values)


def _value(column: Column, raw: dict[str, Any], catalog: Catalog, item: Any = None) -> Any:
    path = column.path
    if path == "@department.name" or path == "@department.uscc":
        dept = catalog.departments.get(raw["department"])
        return (dept.name if path.endswith("name") else dept.uscc) if dept else ""
    if path == "@open.public":
        return raw["open"]["type"] != "不予开放"
    node: Any = item if column.per_item else raw
    for step in path.split(".")[1:] if column.per_item else path.split("."):
        node = node.get(step) if isinstance(node, dict) else None
    return node


def _cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return BOOLEAN_CELLS[value]
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def plain_table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    return Table(title, tuple(headers), tuple(tuple(_cell(v) for v in row) for row in rows))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Cell) -> Cell:
    """Prefix ``'`` to text a spreadsheet would run as a formula (CSV/formula injection).

    Text that already starts with ``'`` and one of :data:`FORMULA_STARTS` gets a second one, as
    :func:`generator.importer.cells.safe_cell` does, so that reading a download back in (which
    drops one leading ``'``) gives the value as it was.
    """
    if isinstance(cell, str) and (
        cell.startswith(FORMULA_STARTS) or (cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS))
    ):
        return "'" + cell
    return cell
