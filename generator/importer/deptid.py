"""A department folder name from a department's Chinese name, through its pinyin.

``厦门市生态环境局`` → ``shengtaihuanjingju``: the jurisdiction in front (``厦门市``, ``省``) is left out,
as every department of the catalog shares it; the rest is written in toneless pinyin. A name too
long for the 40 characters the schema allows is written by its syllables' initials. A name that is
taken (or reserved for the site's own pages) gets ``-2``, ``-3``, …
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

MAX_LENGTH = 40
"""``department.schema.json``: ``^[a-z][a-z0-9-]{1,39}$``."""

RESERVED = frozenset(
    {"index", "members", "catalog", "departments", "resources", "lists", "downloads", "feeds", "search",
     "assets", "rules", "guide", "about", "changes", "notices", "needs", "stats", "federation", "404"}
)
"""Names used by the catalog layout or the site's pages (``departments/index.md``, ``members/``)."""

_JURISDICTION = re.compile(r"^(?:[^省市县区]{2,7}?(?:自治区|特别行政区|省|市|县|区))|^省")
"""A leading place name (``福州市``, ``广西壮族自治区``) or the bare ``省`` of provincial departments."""


def department_id(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A folder name for the department ``name`` that is not in ``taken`` nor reserved."""
    base = _pinyin(name)
    candidate, number = base, 1
    while candidate in taken or candidate in RESERVED:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)] + suffix
    return candidate


def _pinyin(name: str) -> str:
    rest = _JURISDICTION.sub("", name, count=1) or name
    syllables = [_ascii(s) for s in lazy_pinyin(rest, style=Style.NORMAL, errors="default")]
    syllables = [s for s in syllables if s]
    whole = "".join(syllables)
    if len(whole) > MAX_LENGTH:
        whole = "".join(s[0] for s in syllables)[:MAX_LENGTH]
    if not whole or not whole[0].isalpha():
        whole = ("bumen" + whole)[:MAX_LENGTH]
    return whole if len(whole) >= 2 else whole + "bumen"


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("ü", "v"))
