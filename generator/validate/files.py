"""Validation stage: load a catalog folder, check it against the schemas and every rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import rules
from generator.load.catalog import Catalog, load, read_folder
from generator.problems import Problem

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
"""China Standard Time; China keeps no daylight saving, so a fixed offset is exact."""


def today() -> str:
    """Today's date in Asia/Shanghai, the date every deadline is counted in."""
    return dt.datetime.now(CHINA).date().isoformat()


def validate_files(
    files: dict[str, bytes], prefix: str, on: str, paths: set[str] | None = None
) -> tuple[Catalog, list[Problem]]:
    """Load ``files`` and run every check as of the date ``on``."""
    catalog, problems = load(files, prefix)
    problems.extend(rules.run(rules.Context(catalog, on), paths))
    return catalog, sorted(set(problems))


def validate_folder(root: Path, prefix: str, on: str) -> tuple[Catalog, list[Problem]]:
    """Validate the catalog folder ``root``; problems name files as ``prefix/…``."""
    return validate_files(read_folder(root), prefix, on)
