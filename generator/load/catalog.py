"""Load a whole catalog from file contents: parse, check against the schemas, build records.

The input is a mapping of catalog-relative paths to bytes, so the same code loads a folder on disk
(:func:`read_folder`) or a git tree (``generator.gitrepo``). Everything found wrong is returned as
problems; a file that cannot be read or does not match its schema is left out of the records but
never stops the others from being checked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.law.profiles import Profile, resolve
from generator.load import layout, schemas
from generator.load.model import Department, Entry, LegalBasis, Registry, Resource
from generator.load.yamlfile import MAX_BYTES, Document, hidden_characters, parse
from generator.problems import Problem
from generator.rules import personal, script


@dataclass(frozen=True)
class Catalog:
    """Every record of one catalog, with the profile its registry chose."""

    prefix: str
    """How paths are shown: the catalog folder relative to the repository, e.g. ``catalog``."""
    registry: Registry | None
    profile: Profile
    legal_bases: dict[str, LegalBasis]
    departments: dict[str, Department]
    resources: tuple[Resource, ...]
    by_code: dict[str, Resource] = field(repr=False)
    """Resources by code (the first one, where a code is used twice)."""
    entries: tuple[Entry, ...] = field(repr=False)
    """A summary of every resource for catalog-wide rules; may cover resources not loaded in full."""
    documents: dict[str, Document] = field(repr=False)
    """Every parsed document by display path, valid or not."""
    extra: dict[str, list[Document]] = field(default_factory=dict, repr=False)
    """Schema-valid documents of kinds owned by later stages (needs, holidays), by kind."""

    def display(self, relative: str) -> str:
        return f"{self.prefix}/{relative}" if self.prefix else relative


def read_folder(root: Path) -> dict[str, bytes]:
    """All files below a catalog folder, by relative path; links are listed, never followed.

    No file is read past ``MAX_BYTES + 1`` bytes: a larger one is refused (F-004) by its size alone.
    """
    files: dict[str, bytes] = {}
    for relative in layout.walk(root):
        with open(root / relative, "rb") as handle:
            files[relative] = handle.read(MAX_BYTES + 1)
    for relative in layout.links(root):
        files[relative] = layout.Link(os.fsencode(_target(root / relative)))
    return dict(sorted(files.items()))


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def load(files: Mapping[str, bytes], prefix: str = "catalog") -> tuple[Catalog, list[Problem]]:
    """Parse and schema-check every file and build the catalog's records."""
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    valid: dict[str, list[Document]] = {}
    shown = (lambda rel: f"{prefix}/{rel}") if prefix else (lambda rel: rel)
    for relative in sorted(files):
        if layout.ignored(relative):
            continue
        kind = layout.kind_of(relative)
        if isinstance(files[relative], layout.Link):
            problems.append(_link(shown(relative), files[relative]))
            continue
        if kind is None:
            problems.append(_unknown_file(shown(relative)))
            continue
        doc, found, ok = read_one(kind, files[relative], shown(relative))
        problems.extend(found)
        if doc is not None:
            documents[doc.path] = doc
        if doc is not None and ok:
            valid.setdefault(kind, []).append(doc)

    registry = _registry(valid, files, shown, problems)
    profile, found = resolve(
        registry.profile if registry else "national",
        registry.overrides if registry else None,
        registry.doc if registry else None,
    )
    problems.extend(found)
    resources = tuple(Resource.from_document(doc) for doc in valid.get("resource", []))
    by_code: dict[str, Resource] = {}
    for resource in resources:
        by_code.setdefault(resource.code, resource)
    catalog = Catalog(
        prefix=prefix,
        registry=registry,
        profile=profile,
        legal_bases=_legal_bases(valid.get("legal_bases", [])),
        departments={d.id: d for d in map(Department.from_document, valid.get("department", []))},
        resources=resources,
        by_code=by_code,
        entries=tuple(Entry.of(resource) for resource in resources),
        documents=documents,
        extra={kind: valid.get(kind, []) for kind in ("needs", "holidays")},
    )
    if "legal_bases.yaml" not in files:
        problems.append(_missing(shown("legal_bases.yaml"), "法律依据代码表 legal_bases.yaml"))
    return catalog, problems


def read_one(kind: str, raw: bytes, path: str) -> tuple[Document | None, list[Problem], bool]:
    """Parse one file and check it against its kind's schema: (document, problems, schema-valid)."""
    if isinstance(raw, layout.Link):
        return None, [_link(path, raw)], False
    doc, problems = parse(raw, path)
    if doc is None:
        return None, problems, False
    problems = hidden_characters(doc, lambda at: schemas.location(schemas.schema(kind), at))
    found = _shape(kind, doc)
    if kind != "holidays":
        found = found or schemas.validate(kind, doc)
    # Warnings only: the document stays usable (R-030 to R-032, personal data in text).
    warned = list(personal.find(doc, schemas.schema(kind)))
    # a traditional-script choice replaces its S-003; names only get a warning.
    hints = list(script.find(doc, schemas.schema(kind)))
    found = script.replacing_schema(found, hints)
    valid = not found and not any(p.level == "error" for p in hints)
    return doc, problems + found + warned + hints, valid


def _shape(kind: str, doc: Document) -> list[Problem]:
    expected = list if kind == "legal_bases" else dict
    if isinstance(doc.data, expected):
        return []
    want = "列表（每项以“- ”开头）" if expected is list else "映射（“字段名: 值”）"
    got = "列表" if isinstance(doc.data, list) else "单个值"
    message = f"文件内容应为{want}，现在是{got}"
    return [Problem(doc.path, 1, 1, "F-005", "error", message)]


def _registry(
    valid: dict[str, list[Document]], files: Mapping[str, bytes], shown: Any, problems: list[Problem]
) -> Registry | None:
    docs = valid.get("registry", [])
    if docs:
        return Registry.from_document(docs[0])
    if "registry.yaml" not in files:
        problems.append(_missing(shown("registry.yaml"), "目录登记信息 registry.yaml"))
    return None


def _legal_bases(docs: list[Document]) -> dict[str, LegalBasis]:
    bases: dict[str, LegalBasis] = {}
    for doc in docs:
        for index, raw in enumerate(doc.data):
            bases.setdefault(raw["id"], LegalBasis(**raw, index=index))
    return bases


def _unknown_file(path: str) -> Problem:
    hint = "资源文件的扩展名应为 .yaml" if path.endswith(".yml") else "目录文件夹中只能放部门文件夹和规定的 YAML 文件"
    return Problem(path, 0, 0, "F-006", "error", f"不认识的文件：{hint}")


def _link(path: str, raw: bytes) -> Problem:
    target = os.fsdecode(raw)
    shown = f"（指向 {target}）" if target and target.isprintable() else ""
    message = f"这是一个符号链接{shown}或特殊文件，目录不会读取它指向的内容：请删除它，放入真实的文件"
    return Problem(path, 0, 0, "F-008", "error", message)


def _missing(path: str, what: str) -> Problem:
    return Problem(path, 0, 0, "F-007", "error", f"缺少{what}")
