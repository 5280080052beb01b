"""CSV downloads: UTF-8 with a byte-order mark, so Excel shows Chinese, CRLF line ends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from generator.exports.tables import Cell, Table, neutralise


def to_csv(table: Table) -> bytes:
    return joined(table.headers, [rows_text(table.rows)])


def joined(headers: Iterable[str], rows: list[bytes]) -> bytes:
    """The byte-order mark, the header line and the rows, given as pieces of :func:`rows_text`."""
    return "\ufeff".encode() + rows_text([tuple(headers)], neutral=False) + b"".join(rows)


def rows_text(rows: Iterable[tuple[Cell, ...]], neutral: bool = True) -> bytes:
    """Rows as CSV lines (UTF-8, CRLF), cells neutralised against formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row] if neutral else list(row))
    return buffer.getvalue().encode("utf-8")
