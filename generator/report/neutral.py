"""Neutralise submitter text for Markdown: no mentions, no HTML, no breaking out of tables or code.

What a submitter writes (names, reasons, file names) ends up in a comment the bot posts. It must
not ping anyone (``@user``, ``@org/team``), link another issue (``#12``), inject HTML (``<img>``, a fake ``<!-- marker -->``),
open links or images (``[x](…)``), end a table row (``|``, a line break) or open a code fence.
"""

from __future__ import annotations

import html
import re

MAX_CELL = 300
"""Longest submitter text shown in one place, in characters."""

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#|~])")
_ZWSP = "&#8203;"


def text(value: object, limit: int = MAX_CELL) -> str:
    """``value`` as inert Markdown text on one line, at most ``limit`` characters before escaping."""
    raw = "".join(ch if ch.isprintable() else " " for ch in str(value))
    raw = " ".join(raw.split())
    if len(raw) > limit:
        raw = raw[: limit - 1] + "…"
    escaped = html.escape(_MARKDOWN.sub(r"\\\1", raw), quote=True)
    escaped = escaped.replace("@", "@" + _ZWSP).replace("\\#", "\\#" + _ZWSP)
    return escaped.replace("://", ":" + _ZWSP + "//").replace("www.", "www" + _ZWSP + ".")
