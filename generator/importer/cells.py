"""Spreadsheet cells: neutralising formulas on the way out, undoing it on the way in.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be run as a
formula when the file is opened in Excel (CSV injection). Such text is written with a leading
apostrophe, which spreadsheet programs show as text. Text that already starts with an apostrophe
followed by one of those characters gets a second one, so :func:`restore` is the exact inverse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as text that no spreadsheet program treats as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS) or (text.startswith("'") and text[1:].startswith(DANGEROUS)):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The inverse of :func:`safe_cell`."""
    rest = text[1:]
    if text.startswith("'") and (
        rest.startswith(DANGEROUS) or (rest.startswith("'") and rest[1:].startswith(DANGEROUS))
    ):
        return rest
    return text


def cell_text(value: Any) -> str | None:
    """A cell read from XLSX as text: numbers without ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
