"""Where each kind of file lives in a catalog folder, and how files are named.

::

    catalog/registry.yaml            jurisdiction, bureau, profile        (registry)
    catalog/legal_bases.yaml         code list of legal bases             (legal_bases)
    catalog/holidays.yaml            extra years of the holiday schedule  (holidays)
    catalog/<dept>/department.yaml   one department                       (department)
    catalog/<dept>/needs.yaml        the department's data needs          (needs)
    catalog/<dept>/<code>.yaml       one resource; 101001/000001 → 101001-000001.yaml (resource)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

REGISTRY = "registry.yaml"
LEGAL_BASES = "legal_bases.yaml"
HOLIDAYS = "holidays.yaml"
DEPARTMENT = "department.yaml"
NEEDS = "needs.yaml"

TOP_LEVEL = {REGISTRY: "registry", LEGAL_BASES: "legal_bases", HOLIDAYS: "holidays"}
IN_DEPARTMENT = {DEPARTMENT: "department", NEEDS: "needs"}
IGNORED = {"README.md", ".gitkeep"}


class Link(bytes):
    """A symbolic link or other non-regular file where a file was expected; its bytes are the
    link's target as written, never the content it points to. The loader refuses it (F-008)."""


def kind_of(relative: str) -> str | None:
    """Kind of the file at ``relative`` (inside the catalog folder), or ``None`` if unknown."""
    parts = relative.split("/")
    if len(parts) == 1:
        return TOP_LEVEL.get(parts[0])
    if len(parts) == 2:
        name = parts[1]
        if name in IN_DEPARTMENT:
            return IN_DEPARTMENT[name]
        if name.endswith(".yaml"):
            return "resource"
    return None


def ignored(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return name in IGNORED or name.startswith(".")


def department_of(relative: str) -> str | None:
    parts = relative.split("/")
    return parts[0] if len(parts) == 2 else None


def walk(root: Path) -> Iterator[str]:
    """Every regular file below ``root``, as sorted relative paths with forward slashes.

    Symbolic links and special files (pipes, devices) are left out, and linked folders are not
    entered: see :func:`links`.
    """
    yield from sorted(path for path, regular in _entries(root) if regular)


def links(root: Path) -> Iterator[str]:
    """Symbolic links (to files or folders) and special files below ``root``, never followed."""
    yield from sorted(path for path, regular in _entries(root) if not regular)


def _entries(root: Path) -> Iterator[tuple[str, bool]]:
    for folder, dirs, files in os.walk(root):
        base = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        linked = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        dirs[:] = [d for d in dirs if d not in linked]
        for name in [*files, *linked]:
            path = os.path.join(folder, name)
            relative = (base / name).as_posix() if str(base) != "." else name
            yield relative, name not in linked and os.path.isfile(path) and not os.path.islink(path)


def find_root(start: Path) -> Path | None:
    """The catalog folder holding ``start``: the nearest folder, upwards, with a registry file."""
    here = start.resolve()
    candidates = [here, *here.parents] if here.is_dir() else list(here.parents)
    for folder in candidates:
        if (folder / REGISTRY).is_file():
            return folder
        if (folder / "catalog" / REGISTRY).is_file():
            return folder / "catalog"
    return None
