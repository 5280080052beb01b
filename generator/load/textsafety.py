"""Characters that hide or disguise text: controls, zero-width and bidi marks, look-alike letters.

A catalog entry is a public legal record. Text that reads one way and compares another way — a
zero-width space inside a name, a right-to-left override that reverses a condition on screen, a
Cyrillic “А” in place of a Latin “A” — lets two entries look identical while being different, or
makes a reviewer approve something other than what is published. These helpers find such
characters and give the one comparison key (:func:`name_key`) used to spot duplicate names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

ALLOWED_CONTROLS = frozenset("\t\n\r")
"""Control characters an ordinary text file contains."""

_NAMES = {
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2060": "零宽不换行符",
    "\ufeff": "零宽不换行空格（BOM）",
    "\u00ad": "软连字符",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u202a": "从左到右嵌入",
    "\u202b": "从右到左嵌入",
    "\u202c": "方向格式结束",
    "\u202d": "从左到右覆盖",
    "\u202e": "从右到左覆盖",
    "\u2066": "从左到右隔离",
    "\u2067": "从右到左隔离",
    "\u2068": "方向隔离",
    "\u2069": "方向隔离结束",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
}

_SPACES = {
    " ": "空格",
    "\t": "制表符",
    "\n": "换行符",
    "\r": "回车符",
    "\u3000": "全角空格",
    "\u00a0": "不换行空格",
    "\u202f": "窄不换行空格",
    "\u2007": "数字空格",
}

_LOOKALIKE_GREEK = frozenset("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοινρχ")
"""Greek letters drawn like Latin ones; others (α, μ) are ordinary in units and formulas."""


def is_hidden(char: str) -> bool:
    """Whether ``char`` is invisible or changes how the text around it is shown."""
    if char in ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def hidden(text: str) -> Iterator[tuple[int, str]]:
    """Index and character of each hidden character in ``text``."""
    if text.isprintable():  # the usual case, checked in C: no control or format character at all
        return
    for index, char in enumerate(text):
        if not char.isprintable() and is_hidden(char):
            yield index, char


def describe(char: str) -> str:
    """A Chinese name of a hidden character with its code point, e.g. ``零宽空格（U+200B）``."""
    name = _NAMES.get(char) or ("控制字符" if unicodedata.category(char) == "Cc" else "不可见的格式字符")
    return f"{name}（U+{ord(char):04X}）"


def spaces_note(text: str) -> str:
    """A Chinese note naming blanks a reader cannot see in ``text``, or ``""``.

    Blanks at either end (a trailing full-width space after ``在用``, a line end after an e-mail
    address) and non-ASCII spaces inside make a value differ from what is shown, so messages that
    quote a value name them: ``（末尾多了 1 个全角空格 U+3000）``.
    """
    if not text or (text.isascii() and text.strip() == text and "\t" not in text and "\n" not in text):
        return ""
    core = text.strip()
    notes = []
    if not core:
        notes.append(f"全是空白：{_blanks(text)}")
    else:
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if lead:
            notes.append(f"开头多了 {_blanks(lead)}")
        if trail:
            notes.append(f"末尾多了 {_blanks(trail)}")
        start = len(lead)
        for index, char in enumerate(core):
            if char.isspace() and char != " ":
                notes.append(f"第 {start + index + 1} 个字符是{_blank_name(char)}")
                break
    return f"（{'，'.join(notes)}）" if notes else ""


def _blanks(run: str) -> str:
    names = [_blank_name(char) for char in run]
    if len(set(names)) == 1:
        return f"{len(names)} 个{names[0]}"
    return "、".join(f"1 个{name}" for name in names)


def _blank_name(char: str) -> str:
    return f"{_SPACES.get(char) or _NAMES.get(char) or '特殊空格'} U+{ord(char):04X}"


def visible(text: str) -> str:
    """``text`` on one line: line ends, tabs and other control characters written as escapes (``\\n``)."""
    if text.isprintable():
        return text
    return "".join(_escape(char) if unicodedata.category(char) == "Cc" else char for char in text)


def _escape(char: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or f"\\u{ord(char):04x}"


def first_control(text: str) -> int:
    """Index of the first control character other than tab and line ends, or -1."""
    found = _CONTROL.search(text)
    return found.start() if found else -1


XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 forbids even escaped; YAML lets a value hold them (``"\\x01"``)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def lookalikes(text: str) -> list[str]:
    """Cyrillic letters, and Greek letters drawn like Latin ones, in ``text``."""
    found = []
    for char in text:
        if "\u0400" <= char <= "\u04ff" and char.isalpha() or char in _LOOKALIKE_GREEK:
            found.append(char)
    return found


def has_fullwidth_ascii(text: str) -> bool:
    """Whether ``text`` has full-width forms of ASCII characters (０–９, Ａ–Ｚ, ／, －)."""
    return any("\uff01" <= char <= "\uff5e" for char in text)


def name_key(name: str) -> str:
    """How names are compared: NFKC, hidden characters and spaces dropped, traditional → simplified."""
    folded = unicodedata.normalize("NFKC", name)
    kept = "".join(c for c in folded if not is_hidden(c) and not c.isspace())
    return _simplified(kept).casefold()


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    converted: str = _converter().convert(text)  # type: ignore[attr-defined]
    return converted


def simplified(text: str) -> str:
    """``text`` with traditional characters written in simplified script (OpenCC ``t2s``)."""
    return _simplified(text)
