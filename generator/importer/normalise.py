"""Value normalisation, only through what a mapping declares: alias tables, lists, dates, spaces.

Nothing is guessed: a value that is neither a standard value nor listed in an alias or typo table
comes back as unknown, for the report and a 待补充 placeholder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.importer.mapping import FieldSpec, Mapping

EMPTY_WORDS = frozenset({"null", "none", "nan", "n/a", "无数据"})
"""Cell texts that mean "no value" (as exported by some portals for a null)."""

MULTILINE = frozenset({"summary", "share.condition", "open.condition", "usage", "delisting.reason", "items.description"})
"""Free-text fields whose line breaks are kept; elsewhere any run of whitespace becomes one space."""

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


@dataclass(frozen=True)
class Change:
    """One normalisation applied to a value, for the report."""

    kind: str
    """``别名``, ``错别字``, ``空白``, ``去重``, ``列表``, ``日期`` or ``空值``."""
    before: str
    after: str


def key(text: str) -> str:
    """Comparison key: NFKC (full-width → half-width), no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, list):
        return all(is_empty(v) for v in value)
    text = str(value).strip()
    return not text or key(text) in EMPTY_WORDS


def clean_text(text: str, multiline: bool) -> str:
    """Stray whitespace removed; line breaks kept only in multi-line fields."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    if multiline:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return "\n".join(line for line in lines if line).strip()
    return " ".join(text.split())


def split_list(value: Any, separators: Iterable[str]) -> tuple[list[str], list[Change]]:
    """A list cell as a list: ``[a,b]``, ``['a', 'b']`` or separated text; duplicates dropped."""
    changes: list[Change] = []
    if isinstance(value, list):
        parts = [str(v) for v in value if not is_empty(v)]
    else:
        text = str(value).strip()
        if text.startswith(("[", "［")) and text.endswith(("]", "］")):
            text = text[1:-1]
            changes.append(Change("列表", str(value), ""))
        pattern = "|".join(re.escape(s) for s in separators)
        parts = re.split(pattern, text) if pattern else [text]
    cleaned = [clean_text(p, False).strip("'\"‘’“”") for p in parts]
    cleaned = [p.strip() for p in cleaned if p.strip()]
    unique = list(dict.fromkeys(cleaned))
    if len(unique) < len(cleaned):
        changes.append(Change("去重", "、".join(cleaned), "、".join(unique)))
    if changes and changes[0].kind == "列表":
        changes[0] = Change("列表", str(value), "、".join(unique))
    return unique, changes


def parse_date(text: str) -> str | None:
    """``YYYY-MM-DD`` for the accepted date spellings, ``None`` otherwise."""
    compact = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(compact)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def lookup(text: str, spec: FieldSpec, mapping: Mapping, standard: Iterable[str]) -> tuple[str | None, str]:
    """The standard value for ``text`` and how it was found: ``''`` as is, ``别名``, ``错别字``."""
    wanted = key(text)
    for value in standard:
        if key(value) == wanted:
            return value, "" if value == text else "空白"
    for kind, tables in (("别名", mapping.aliases), ("错别字", mapping.typos)):
        table = tables.get(spec.aliases, {})
        for value, spellings in table.items():
            if key(value) == wanted and value != text:
                return value, "空白"
            if any(key(s) == wanted for s in spellings):
                return value, kind
    return None, ""


def table_order(spec: FieldSpec, mapping: Mapping) -> list[str]:
    """Standard values of the spec's alias table, in declaration order."""
    seen = list(mapping.aliases.get(spec.aliases, {}))
    seen += [v for v in mapping.typos.get(spec.aliases, {}) if v not in seen]
    return seen
