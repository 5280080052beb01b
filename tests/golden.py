"""Golden files under ``tests/golden/<area>/``.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/…``
and review the diff with ``git diff tests/golden`` before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"golden file {path} missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden file; UPDATE_GOLDEN=1 regenerates it"
