"""Bytes of a catalog file → text, refusing anything that is not UTF-8 text, with a precise reason.

A clerk's editor may save UTF-16 or UTF-32 (with or without a byte-order mark), GBK, or a binary
file renamed to ``.yaml``. Each gets its own Chinese message naming the encoding that was found,
so the fix ("save as UTF-8") is obvious; only real binary data is reported as a control byte.
"""

from __future__ import annotations

from typing import Any

from generator.load import textsafety


class Invalid(Exception):
    """The file cannot be read as a catalog file; carries the problem's rule, message and position."""

    def __init__(self, rule: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

_WIDE_CODECS = (("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"))

_SAVE_AS_UTF8 = "请在编辑器中选择“UTF-8”编码重新保存"


def decode(raw: bytes) -> str:
    """The text of a catalog file, or :class:`Invalid` (F-003 encoding, F-010 control bytes)."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            hint = "（记事本中的“Unicode”）" if name == "UTF-16" else ""
            raise Invalid("F-003", f"文件是 {name} 编码{hint}，{_SAVE_AS_UTF8}", 1, 1)
    if b"\x00" in raw:
        wide = _wide_without_bom(raw)
        if wide:
            raise Invalid("F-003", f"文件是没有字节顺序标记（BOM）的 {wide} 编码，{_SAVE_AS_UTF8}", 1, 1)
        line, column = place(raw, raw.index(b"\x00"))
        raise Invalid(
            "F-010",
            "文件含有空字节（U+0000），不是文本文件：可能把 Excel、Word、图片等文件改了扩展名，请放入 UTF-8 编码的 YAML 文本",
            line,
            column,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = place(raw, err.start)
        raise Invalid(
            "F-003", f"文件不是 UTF-8 编码（可能是用 GBK/GB18030 保存的），{_SAVE_AS_UTF8}", line, column
        ) from None
    index = textsafety.first_control(text)
    if index >= 0:
        line, column = place(text, index)
        shown = textsafety.describe(text[index])
        raise Invalid("F-010", f"文件含有不可见的{shown}，YAML 文本中不能出现；请删除这个字符后重新保存", line, column)
    return text


def _wide_without_bom(raw: bytes) -> str:
    """``UTF-32`` or ``UTF-16`` if ``raw`` reads as YAML-like text in that encoding, else ``""``.

    YAML keys are ASCII, so a wide-encoded catalog file has a colon and a line end; binary data
    almost never decodes cleanly into text with both and without control characters.
    """
    for codec, name in _WIDE_CODECS:
        width = 4 if name == "UTF-32" else 2
        try:
            text = raw[: len(raw) - len(raw) % width].decode(codec)
        except UnicodeDecodeError:
            continue
        if ":" in text and "\n" in text and textsafety.first_control(text) < 0:
            return name
    return ""


def place(data: bytes | str, index: int) -> tuple[int, int]:
    """1-based line and column of ``index`` (columns in bytes for bytes, characters for text)."""
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, index) + 1, index - (data.rfind(newline, 0, index) + 1) + 1
