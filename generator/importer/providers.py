"""Which department a provider (提供方) of a source record is: by name or alias, else a new one.

A provider's name matches a department when its :func:`~generator.load.textsafety.name_key` (NFKC,
spaces and hidden characters dropped, traditional → simplified) equals the key of the
department's ``name``, one of its ``aliases`` or its folder name. A provider that matches none
becomes a new department: folder name from the name's pinyin (:mod:`generator.importer.deptid`),
the next free 项 code, and 待补充 for what the source cannot say (统一社会信用代码, contact).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.importer.deptid import department_id
from generator.importer.state import StateError
from generator.load import layout
from generator.load.textsafety import name_key
from generator.load.yamlfile import parse


@dataclass(frozen=True)
class Department:
    """A department folder of the target catalog, existing or planned by this import."""

    id: str
    name: str
    item_code: str
    new: bool = False


@dataclass
class Directory:
    """The departments of the target catalog, and those this import adds."""

    known: dict[str, Department] = field(default_factory=dict)
    """By folder name."""
    keys: dict[str, str] = field(default_factory=dict)
    """Name key of each name, alias and folder name → folder name."""
    folders: set[str] = field(default_factory=set)
    """Every folder name already taken, with or without a department file."""

    def find(self, provider: str) -> Department | None:
        ident = self.keys.get(name_key(provider))
        return self.known[ident] if ident else None

    def add(self, provider: str) -> Department:
        """A new department for ``provider``: collision-safe folder name, next free 项 code."""
        ident = department_id(provider, self.folders)
        department = Department(ident, provider, self._next_item_code(), new=True)
        self.known[ident] = department
        self.folders.add(ident)
        self.keys[name_key(provider)] = ident
        return department

    def _next_item_code(self) -> str:
        used = {d.item_code for d in self.known.values()}
        for number in range(1, 100):
            if f"{number:02d}" not in used:
                return f"{number:02d}"
        # every two-digit 项 is taken: five digits (项 + 目) with a 目 other than 001, which the
        # two-digit departments use, so no resource code can collide
        for number in range(1, 100):
            for heading in range(2, 1000):
                code = f"{number:02d}{heading:03d}"
                if code not in used:
                    return code
        raise StateError("部门项代码已用完，无法再建立新部门")


def directory(root: Path) -> Directory:
    """Every department of the catalog at ``root``, read from its ``department.yaml``."""
    found = Directory()
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found.folders.add(folder.name)
        path = folder / layout.DEPARTMENT
        if not path.is_file():
            continue
        relative = f"{folder.name}/{layout.DEPARTMENT}"
        doc, _ = parse(path.read_bytes(), relative)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else None
        name, code = (data or {}).get("name"), (data or {}).get("item_code")
        if not isinstance(name, str) or not isinstance(code, str):
            raise StateError(f"{relative} 无法读取部门名称或项代码，请先改正（catalog validate）")
        department = Department(folder.name, name, code)
        found.known[folder.name] = department
        aliases = data.get("aliases") if data else None
        spellings = [name, folder.name, *(a for a in aliases or () if isinstance(a, str))]
        for spelling in spellings:
            found.keys.setdefault(name_key(spelling), folder.name)
    return found


def write_department(root: Path, department: Department, source: str) -> None:
    folder = root / department.id
    folder.mkdir(exist_ok=True)
    (folder / layout.DEPARTMENT).write_text(department_yaml(department, source), encoding="utf-8")


def department_yaml(department: Department, source: str) -> str:
    """The ``department.yaml`` of a department created for a provider of ``source``."""
    return (
        f"# 由 catalog import --by-provider 按来源“{Path(source).name}”中的提供方建立。\n"
        "# 请部门补全统一社会信用代码和联系方式，并核对项代码；来源中的其他写法可列入 aliases。\n"
        f"id: {department.id}\n"
        f"name: {_quoted(department.name)}\n"
        "uscc: 待补充\n"
        f'item_code: "{department.item_code}"\n'
        "contact:\n"
        "  office: 待补充\n"
        "  phone: 待补充\n"
    )


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
