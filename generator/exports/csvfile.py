"""CSV downloads: UTF-8 with a byte-order mark, so Excel shows Chinese, CRLF line ends."""

from __future__ import annotations

import csv
import io

from generator.exports.tables import Table, neutralise


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
