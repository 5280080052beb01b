"""Every invalid corpus case names the right rule at the right line; the base catalog is clean.

A case is one file in ``corpus/invalid``. Its first comment lines say where it goes in the base
catalog and what must be reported::

    # target: gongan/301001-000001.yaml   (path inside the catalog folder)
    # profile: guizhou                    (optional: switch the registry's profile)
    # expect: 15 R-001, 16 R-004          (line and rule of each expected problem)
    # expect-warning                      (the expected problems are warnings, not errors)

The errors reported for the target file must be exactly the expected ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import INVALID, TODAY

from generator.validate import validate_folder

CASES = sorted(INVALID.glob("*.yaml"))


def header(raw: bytes) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in raw.split(b"\n"):
        match = re.match(rb"# ([a-z-]+):? ?(.*)$", line)
        if not match:
            break
        found.setdefault(match[1].decode(), []).append(match[2].decode().strip())
    return found


def test_base_catalog_is_clean(base_catalog: Path) -> None:
    _, problems = validate_folder(base_catalog, "catalog", TODAY)
    assert problems == []


def test_every_rule_has_a_failing_case() -> None:
    from generator.rules import documented

    expected = {
        entry.split()[1]
        for case in CASES
        for line in header(case.read_bytes()).get("expect", [])
        for entry in line.split(", ")
    }
    tested_elsewhere = {"F-004", "F-007", "S-008"}  # test_loader / test_schemas build these cases
    # change-scope rules judge pull requests, not files: tests/test_policy.py covers them
    missing = {rule.id for rule in documented() if rule.scope != "change"} - expected - tested_elsewhere
    assert not missing, f"rules without an invalid corpus case: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_case(case: Path, base_catalog: Path) -> None:
    raw = case.read_bytes()
    meta = header(raw)
    target = base_catalog / meta["target"][0]
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(raw)
    if "profile" in meta:
        registry = base_catalog / "registry.yaml"
        text = registry.read_text(encoding="utf-8")
        registry.write_text(text.replace("profile: national", f"profile: {meta['profile'][0]}"), encoding="utf-8")
    level = "warning" if "expect-warning" in meta else "error"
    entries = [entry for line in meta["expect"] for entry in line.split(", ")]
    expected = sorted({(int(e.split()[0]), e.split()[1]) for e in entries})

    _, problems = validate_folder(base_catalog, "catalog", TODAY)

    shown = f"catalog/{meta['target'][0]}"
    found = sorted({(p.line, p.rule) for p in problems if p.path == shown and p.level == level})
    assert found == expected, [p for p in problems if p.path == shown]
    for problem in problems:
        assert problem.message and not problem.message.isascii(), problem
