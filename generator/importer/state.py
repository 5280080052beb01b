"""The catalog an import writes into: its department, existing resources and used codes.

Read once before an import; the import then claims codes and files in it as records are placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.law.profiles import Profile, resolve
from generator.load import layout, schemas
from generator.load.model import code_to_stem
from generator.load.yamlfile import parse

USED_FIELDS = ("name", "item_code", "profile")
"""Fields an import reads; a placeholder is tolerated anywhere else (e.g. a new department's uscc)."""


class StateError(Exception):
    """The target catalog cannot take the import; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Existing:
    """A resource file already in the catalog (valid or not, e.g. with placeholders)."""

    path: str
    """Catalog-relative path, ``<department>/<stem>.yaml``."""
    data: dict[str, Any]
    raw: bytes


@dataclass
class State:
    """What the importer knows about the target catalog; updated as files are placed."""

    root: Path
    department: str
    department_name: str
    item_code: str
    profile: Profile
    existing: dict[str, Existing] = field(default_factory=dict)
    """Resource files of the department, by relative path."""
    by_ref: dict[str, str] = field(default_factory=dict)
    by_code: dict[str, str] = field(default_factory=dict)
    """Every code of the whole catalog → relative path (codes are unique catalog-wide)."""
    by_name: dict[str, str] = field(default_factory=dict)
    last_sequence: dict[str, int] = field(default_factory=dict)
    """Highest sequence number used under each classification prefix, e.g. ``301001`` → 12."""

    def remember(self, path: str, data: dict[str, Any], raw: bytes) -> None:
        if path.startswith(self.department + "/"):
            self.existing[path] = Existing(path, data, raw)
            ref, name = data.get("source_ref"), data.get("name")
            if isinstance(ref, str) and ref:
                self.by_ref.setdefault(ref, path)
            if isinstance(name, str) and name:
                self.by_name.setdefault(name, path)
        code = data.get("code")
        if isinstance(code, str) and "/" in code:
            self.by_code.setdefault(code, path)
            prefix, sequence = code.split("/", 1)
            if sequence.isdigit():
                self.last_sequence[prefix] = max(self.last_sequence.get(prefix, 0), int(sequence))

    def next_code(self, prefix: str) -> str:
        sequence = self.last_sequence.get(prefix, 0) + 1
        if sequence > 999_999:
            raise StateError(f"分类码 {prefix} 下的顺序码已用完")
        self.last_sequence[prefix] = sequence
        return f"{prefix}/{sequence:06d}"

    def path_for(self, code: str) -> str:
        return f"{self.department}/{code_to_stem(code)}.yaml"


@dataclass(frozen=True)
class Scan:
    """The whole target catalog, read once: its profile and every resource file, by department.

    ``by_code`` and ``last_sequence`` are shared by every :class:`State` made from the scan, so
    that an import into several departments never hands out one code twice.
    """

    root: Path
    profile: Profile
    resources: dict[str, list[tuple[str, dict[str, Any], bytes]]]
    """Department folder → (relative path, parsed data, bytes) of each resource file."""
    by_code: dict[str, str] = field(default_factory=dict)
    last_sequence: dict[str, int] = field(default_factory=dict)


def scan(root: Path) -> Scan:
    """Read the registry and every resource file of the catalog at ``root``."""
    registry = _document(root / layout.REGISTRY, layout.REGISTRY, "registry")
    profile, _ = resolve(str(registry.get("profile", "national")), registry.get("overrides"))
    found = Scan(root, profile, {})
    for relative in layout.walk(root):
        if layout.kind_of(relative) != "resource" or layout.ignored(relative):
            continue
        raw = (root / relative).read_bytes()
        doc, _ = parse(raw, relative)
        if doc is not None and isinstance(doc.data, dict):
            found.resources.setdefault(layout.department_of(relative) or "", []).append((relative, doc.data, raw))
    return found


def state_for(found: Scan, department: str, name: str, item_code: str) -> State:
    """The import state of one department of a scanned catalog (the department may be new)."""
    state = State(
        found.root, department, name, item_code, found.profile,
        by_code=found.by_code, last_sequence=found.last_sequence,
    )
    for folder, files in found.resources.items():
        for relative, data, raw in files:
            if folder == department:
                state.remember(relative, data, raw)
            else:
                _count(state, data, relative)
    return state


def _count(state: State, data: dict[str, Any], relative: str) -> None:
    """Another department's file: only its code is claimed."""
    code = data.get("code")
    if isinstance(code, str) and "/" in code and code not in state.by_code:
        state.by_code[code] = relative
        prefix, sequence = code.split("/", 1)
        if sequence.isdigit():
            state.last_sequence[prefix] = max(state.last_sequence.get(prefix, 0), int(sequence))


def load_state(root: Path, department: str) -> State:
    """Read the catalog at ``root`` for an import into ``department``."""
    dept_file = root / department / layout.DEPARTMENT
    if not dept_file.is_file():
        known = sorted(p.parent.name for p in root.glob(f"*/{layout.DEPARTMENT}"))
        hint = f"已有的部门：{'、'.join(known)}" if known else "目录中还没有部门"
        raise StateError(f"部门“{department}”不存在：请先建立 {dept_file}（{hint}）")
    dept = _document(dept_file, f"{department}/{layout.DEPARTMENT}", "department")
    return state_for(scan(root), department, dept["name"], dept["item_code"])


def _document(path: Path, shown: str, kind: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise StateError(f"无法读取 {path}：{err.strerror or err}") from err
    doc, problems = parse(raw, str(path))
    if doc is not None and not problems:
        # a department onboarded by ``--by-provider`` still has 待补充 contact details: usable
        problems = [p for p in schemas.validate(kind, doc) if p.rule != "R-023" or p.field in USED_FIELDS]
    if doc is None or problems:
        first = problems[0] if problems else None
        where = f"{first.path}:{first.line}:{first.column} {first.message}" if first else str(path)
        raise StateError(f"{shown} 有错误，请先改正（catalog validate）：{where}")
    data: dict[str, Any] = doc.data
    return data
