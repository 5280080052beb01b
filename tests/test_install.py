"""Reproducible installs: the lock matches pyproject.toml, every pin is hashed, CI runs the README's command.

If a dependency is added to pyproject.toml without running ``.ci/lock``, the hash-checked install
of CI and the README fails on a fresh machine; this test says so first, naming the package.
"""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

LOCK = REPO / "requirements.lock"


def _pins() -> dict[str, list[tuple[Version, str]]]:
    """Name → (version, marker) of each pin, from the lock's ``name==version [; marker]`` lines."""
    pins: dict[str, list[tuple[Version, str]]] = {}
    for entry in re.split(r"\n(?=\S)", LOCK.read_text(encoding="utf-8")):
        if entry.startswith("#") or not entry.strip():
            continue
        head = entry.split(" \\", 1)[0]
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)(?: ; (.*))?", head.strip())
        assert found, f"requirements.lock: not an exact pin: {head!r}"
        assert "--hash=sha256:" in entry, f"requirements.lock: {head} has no hash"
        pins.setdefault(canonicalize_name(found[1]), []).append((Version(found[2]), found[3] or ""))
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["test"]]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock: run .ci/lock"
        for version, _ in pins[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.lock pins {name}=={version}, outside {requirement.specifier}: run .ci/lock"
            )


def test_the_lock_says_how_to_regenerate_it() -> None:
    header = LOCK.read_text(encoding="utf-8").split("\n", 5)[:5]
    assert any(".ci/lock" in line for line in header) and any("--require-hashes" in line for line in header)
    assert (REPO / ".ci" / "lock").stat().st_mode & 0o111


def test_ci_runs_the_readme_commands_verbatim() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    assert len(commands) == 2 and all("--require-hashes -r requirements.lock" in c and "--no-deps -e ." in c for c in commands)
    test_command = commands[1]
    assert test_command.endswith(".venv/bin/python -m pytest")
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
