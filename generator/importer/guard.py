"""Limits on files given to ``catalog import``: size, rows, cells, JSON depth, zip expansion, DTDs.

Import files come from outside the registry (a portal export, a spreadsheet mailed by a
department), so each is treated as hostile: a 1 MB XLSX can unzip to gigabytes, a sheet can claim a
million rows of sixteen thousand columns, JSON can nest deeper than Python recurses, and XML can
declare entities that read local files. Each limit raises :class:`SourceError` with a Chinese
message naming the file, before the expensive work starts or as soon as the limit is crossed.

The limits are far above a real catalog: a province's whole catalog is a few thousand resources.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest import file (50 MiB); a department's catalog export is a few MiB at most."""

MAX_ROWS = 100_000
"""Most rows (or JSON records) read from one file."""

MAX_CELLS = 2_000_000
"""Most cells read from one file, counting the empty cells a sheet's declared size adds."""

MAX_JSON_DEPTH = 64
"""Deepest nesting of JSON arrays and objects; an export record needs four or five levels."""

MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
"""Largest total size of an XLSX's parts once unzipped (256 MiB)."""

MAX_RATIO = 100
"""Largest expansion of one zipped part (as Apache POI: 1 byte may unzip to at most 100)."""

RATIO_FROM_BYTES = 1024 * 1024
"""Parts smaller than this (1 MiB unzipped) are not held to :data:`MAX_RATIO`."""


class SourceError(Exception):
    """An input file that cannot be read; the message is Chinese and names the file."""


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing a file over :data:`MAX_FILE_BYTES` without reading it all."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise SourceError(f"无法读取 {path}：{err.strerror or err}") from err
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(f"{path}：文件超过 {MAX_FILE_BYTES // 1024 // 1024} MiB，不像是一个部门的目录，请检查是否选错了文件，或分成几个文件导入")
    return raw


def check_archive(path: Path, raw: bytes) -> None:
    """Refuse a zip bomb and any XML part with a document type declaration, before parsing."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise SourceError(f"{path}：不是有效的 XLSX 文件（无法作为压缩包打开）；旧版 .xls 请先在 Excel 中另存为 .xlsx") from err
    with archive:
        parts = archive.infolist()
        total = sum(part.file_size for part in parts)
        if total > MAX_UNZIPPED_BYTES:
            raise SourceError(f"{path}：XLSX 解压后超过 {MAX_UNZIPPED_BYTES // 1024 // 1024} MiB，可能是“压缩炸弹”，拒绝读取；请检查文件来源")
        for part in parts:
            if part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise SourceError(
                    f"{path}：XLSX 中的 {part.filename} 解压后是压缩时的 {part.file_size // max(part.compress_size, 1)} 倍"
                    f"（上限 {MAX_RATIO} 倍），可能是“压缩炸弹”，拒绝读取；请检查文件来源"
                )
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, part):
                raise SourceError(
                    f"{path}：XLSX 中的 {part.filename} 含有文档类型声明（<!DOCTYPE>，可用来读取本机文件的“XML 外部实体”），"
                    "Excel 和 WPS 保存的文件不会有，拒绝读取；请在 Excel 中打开后重新另存为 .xlsx"
                )


_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _declares_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (its first 64 KiB) declares a document type."""
    try:
        with archive.open(part) as handle:
            head = handle.read(65_536)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return False  # unreadable parts are reported by openpyxl when it needs them
    return any(mark in head for mark in _DOCTYPE)


def limited_rows(path: Path, rows: Iterable[Iterable[Any]]) -> Iterator[list[Any]]:
    """``rows`` as lists, stopping with :class:`SourceError` past :data:`MAX_ROWS` or :data:`MAX_CELLS`."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise SourceError(f"{path}：超过 {MAX_ROWS} 行，一次导入不应有这么多行，请分成几个文件导入")
        values = list(row)
        cells += len(values)
        if cells > MAX_CELLS:
            raise SourceError(
                f"{path}：超过 {MAX_CELLS} 个单元格（到第 {number} 行为止，含表格声明的空白单元格），"
                "请删去多余的行和列，或分成几个文件导入"
            )
        yield values


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def check_json_depth(path: Path, text: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH`, naming the line and column."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                start = token.start()
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                raise SourceError(
                    f"{path}:{line}:{column}：JSON 的数组和对象嵌套超过 {MAX_JSON_DEPTH} 层，"
                    "开放平台导出的记录不会这么深，请检查文件来源"
                )
        elif mark in ("]", "}"):
            depth -= 1
