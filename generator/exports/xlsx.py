"""XLSX downloads, byte-identical for the same input.

openpyxl stamps the workbook and every zip entry with the current time; both are replaced with
the build date, and the archive is rewritten with fixed entry metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from generator.exports.tables import Table, neutralise


def to_xlsx(table: Table, date: str) -> bytes:
    workbook = Workbook(write_only=True)
    moment = dt.datetime.fromisoformat(date)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "catalog"
    sheet = workbook.create_sheet(_sheet_title(table.title))
    sheet.append(list(table.headers))
    for row in table.rows:
        sheet.append([neutralise(cell) for cell in row])
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _fixed(raw.getvalue(), moment)


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet1"


def _fixed(data: bytes, moment: dt.datetime) -> bytes:
    """The same archive with every entry dated ``moment`` and no extra attributes."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
