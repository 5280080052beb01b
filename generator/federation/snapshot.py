"""A member's snapshot: ``members/<code>/resources.jsonl`` and ``members/<code>/manifest.json``.

``resources.jsonl`` holds one record per line (sorted keys, no spaces), sorted by code: a pull
request's diff shows each added, changed and delisted resource as one line. A resource the
member no longer lists stays, marked 已下线. ``manifest.json`` says which member, from which
source, at which revision, harvested on which (given) date, with the counts of the last change
and the records left out; after a failed harvest it keeps the last good revision and says why.
Snapshots are read back with a size limit and line by line; nothing in them is executed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.federation.records import delisted
from generator.load.model import STATUS_DELISTED

RESOURCES = "resources.jsonl"
MANIFEST = "manifest.json"
MAX_LINE = 64 * 1024
"""Longest snapshot line read back (a record's texts are cut at 2,000 characters)."""


@dataclass(frozen=True)
class Diff:
    """What changed since the last snapshot."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    delisted: tuple[str, ...]


def folder(members: Path, code: str) -> Path:
    return members / code


def read_records(members: Path, code: str) -> dict[str, dict[str, Any]]:
    """The records of the last snapshot, by code (empty if there is none)."""
    return {r["code"]: r for r in iter_records(members / code / RESOURCES)}


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if len(line) > MAX_LINE or not line.strip():
                continue
            value = json.loads(line)
            if isinstance(value, dict) and isinstance(value.get("code"), str):
                yield value


def read_manifest(members: Path, code: str) -> dict[str, Any]:
    path = members / code / MANIFEST
    if not path.is_file() or path.stat().st_size > MAX_LINE * 16:
        return {}
    value = json.loads(path.read_text(encoding="utf-8"))
    return value if isinstance(value, dict) else {}


def merge(previous: dict[str, dict[str, Any]], current: list[dict[str, Any]], on: str) -> tuple[list[dict[str, Any]], Diff]:
    """The new snapshot's records and what changed: gone resources kept as 已下线."""
    now = {r["code"]: r for r in current}
    added, changed, gone = [], [], []
    for code, value in now.items():
        before = previous.get(code)
        if before is None:
            added.append(code)
        elif before != value:
            if value.get("status") == STATUS_DELISTED and before.get("status") != STATUS_DELISTED:
                gone.append(code)
            else:
                changed.append(code)
    for code, before in previous.items():
        if code not in now:
            kept = delisted(before, on)
            now[code] = kept
            if kept != before:
                gone.append(code)
    records = [now[c] for c in sorted(now)]
    return records, Diff(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(gone)))


def write(members: Path, code: str, records: list[dict[str, Any]], manifest: dict[str, Any]) -> None:
    target = members / code
    target.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for r in records)
    with open(target / (RESOURCES + ".tmp"), "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(lines)
    (target / (RESOURCES + ".tmp")).replace(target / RESOURCES)
    write_manifest(members, code, manifest)


def write_manifest(members: Path, code: str, manifest: dict[str, Any]) -> None:
    target = members / code
    target.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    (target / MANIFEST).write_text(text, encoding="utf-8")
