"""The pull-request check, in stages: read two revisions → classify → validate what changed → policy.

Only the files a pull request changes are parsed, plus what the rules need to judge them: the
registry files, every ``department.yaml`` and the resources the changed ones refer to. Code
uniqueness is checked against the file names of the head tree (file name = code, R-014), so the
time of a check follows the size of the change, not of the catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import gitrepo, layout, rules
from generator.catalog import Catalog, load
from generator.changes import Change, classify
from generator.holidays import calendar_from
from generator.model import code_to_stem, stem_to_code
from generator.notices.rules import Notice
from generator.policy import ChangeContext, evaluate
from generator.problems import Problem
from generator.rules import RULES
from generator.yamlfile import Document

BUREAU_PATHS = ("schemas", "generator/profiles")
"""Folders outside the catalog whose changes need the bureau (shapes and profiles of the rules)."""

INFRASTRUCTURE = (layout.REGISTRY, layout.LEGAL_BASES, layout.HOLIDAYS)


@dataclass(frozen=True)
class Review:
    """The outcome of checking one pull request."""

    base: str
    head: str
    fork: str
    """Merge base of ``base`` and ``head``: the changes are those from here to ``head``."""
    today: str
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]
    windows: Mapping[str, Notice] = field(default_factory=dict)
    """Notice dates of the delisting changes, by change path."""
    parsed: tuple[str, ...] = ()
    """Catalog files parsed (both revisions), for the record and the scaling test."""

    @property
    def blocking(self) -> bool:
        return any(p.level == "error" for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        changes = []
        for change in self.changes:
            entry = change.as_dict()
            notice = self.windows.get(change.path)
            if notice is not None:
                entry["notice"] = {k: v for k, v in notice.as_dict().items() if k not in ("path",)}
            changes.append(entry)
        return {"changes": changes, "problems": [p.as_dict() for p in self.problems]}


def review(repo: Any, prefix: str, base: str, head: str, today: str) -> Review:
    """Check the changes from ``base`` (its merge base with ``head``) to ``head`` as of ``today``."""
    base_sha, head_sha = gitrepo.resolve(repo, base), gitrepo.resolve(repo, head)
    fork = gitrepo.merge_base(repo, base_sha, head_sha)
    old_ids, new_ids = gitrepo.blob_ids(repo, fork, prefix), gitrepo.blob_ids(repo, head_sha, prefix)
    changed = sorted(p for p in old_ids.keys() | new_ids.keys() if old_ids.get(p) != new_ids.get(p))
    outside = _outside(repo, fork, head_sha)
    shown = (lambda rel: f"{prefix}/{rel}") if prefix else (lambda rel: rel)
    parsed: list[str] = []

    head_catalog, problems = _head(repo, prefix, new_ids, changed, today, parsed)
    settings_ids = {p: i for p, i in gitrepo.blob_ids(repo, base_sha, prefix).items() if p in INFRASTRUCTURE}
    settings = _load(repo, prefix, settings_ids, parsed)[0]
    old_catalog = _load(repo, prefix, {p: old_ids[p] for p in changed if p in old_ids}, parsed)[0]

    changes = classify(
        changed,
        _side(old_catalog.documents, changed, old_ids, shown),
        _side(head_catalog.documents, changed, new_ids, shown),
        prefix,
        outside,
    )
    calendar, _ = calendar_from(settings)
    context = ChangeContext(repo, prefix, base_sha, today, settings.profile, calendar)
    found, windows = evaluate(changes, context)
    found += _strays(repo, prefix, fork, head_sha)
    return Review(
        base_sha, head_sha, fork, today, tuple(changes), tuple(sorted(set(problems + found))), windows, tuple(parsed)
    )


def _head(
    repo: Any, prefix: str, ids: dict[str, str], changed: list[str], today: str, parsed: list[str]
) -> tuple[Catalog, list[Problem]]:
    """Load and validate the changed head files with what their rules need."""
    present = [p for p in changed if p in ids]
    wanted = set(present) | {p for p in ids if p in INFRASTRUCTURE or p.endswith("/" + layout.DEPARTMENT)}
    catalog, problems = _load(repo, prefix, {p: ids[p] for p in wanted}, parsed)
    by_stem = _stems(ids)
    referenced = {
        path
        for resource in catalog.resources
        for code in _references(resource.doc.data)
        for path in by_stem.get(code_to_stem(code), ())
    } - wanted
    if referenced:
        catalog, problems = _load(repo, prefix, {p: ids[p] for p in wanted | referenced}, parsed)
    shown = {catalog.display(p) for p in changed}
    problems.extend(rules.run(rules.Context(catalog, today), shown))
    problems.extend(_duplicate_codes(catalog, by_stem, shown))
    return catalog, [p for p in problems if p.path in shown]


def _load(repo: Any, prefix: str, ids: dict[str, str], parsed: list[str]) -> tuple[Catalog, list[Problem]]:
    files = gitrepo.read_blobs(repo, ids)
    parsed.extend(sorted(p for p in files if layout.kind_of(p) and not layout.ignored(p)))
    return load(files, prefix)


def _stems(ids: Iterable[str]) -> dict[str, list[str]]:
    """Resource files by file-name stem (= code with “-”), from the tree's names alone."""
    found: dict[str, list[str]] = {}
    for path in sorted(ids):
        if layout.kind_of(path) == "resource":
            found.setdefault(path.rsplit("/", 1)[-1].removesuffix(".yaml"), []).append(path)
    return found


def _references(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return []
    codes = [c for c in data.get("related") or () if isinstance(c, str)]
    delisting = data.get("delisting")
    if isinstance(delisting, dict) and isinstance(delisting.get("replacement"), str):
        codes.append(delisting["replacement"])
    return codes


def _duplicate_codes(catalog: Catalog, by_stem: dict[str, list[str]], shown: set[str]) -> list[Problem]:
    """R-013 against every file name of the head tree, without parsing the other files."""
    problems = []
    for resource in catalog.resources:
        if resource.path not in shown:
            continue
        others = [p for p in by_stem.get(code_to_stem(resource.code), []) if catalog.display(p) != resource.path]
        if others:
            line, column = resource.doc.where("code")
            message = f"资源代码 {resource.code} 已被 {catalog.display(others[0])} 使用（文件名即资源代码 {stem_to_code(code_to_stem(resource.code))}）"
            problems.append(Problem(resource.path, line, column, "R-013", RULES["R-013"].level, message, "code"))
    return problems


def _side(documents: Mapping[str, Document], changed: list[str], ids: Mapping[str, str], shown: Any) -> dict[str, Document | None]:
    return {p: documents.get(shown(p)) for p in changed if p in ids}


_ENTRY_NAME = re.compile(r"^[123][0-9]{5}([0-9]{3})?-[0-9]{6}\.ya?ml$")
_CATALOG_NAMES = {layout.REGISTRY, layout.LEGAL_BASES, layout.DEPARTMENT, layout.NEEDS}


def _strays(repo: Any, prefix: str, old: str, new: str) -> list[Problem]:
    """F-013: files outside the catalog folder named like catalog files, which would never be published."""
    if not prefix:
        return []
    problems = []
    for path in gitrepo.added_or_modified(repo, old, new):
        name = path.rsplit("/", 1)[-1]
        if path.startswith(prefix + "/") or not (_ENTRY_NAME.match(name) or name in _CATALOG_NAMES):
            continue
        message = f"这个文件在目录文件夹 {prefix}/ 之外，不会被收录或发布；目录条目应放在 {prefix}/<部门文件夹>/ 中"
        problems.append(Problem(path, 0, 0, "F-013", RULES["F-013"].level, message))
    return problems


def _outside(repo: Any, old: str, new: str) -> list[str]:
    paths = []
    for folder in BUREAU_PATHS:
        before, after = gitrepo.blob_ids(repo, old, folder), gitrepo.blob_ids(repo, new, folder)
        paths += [f"{folder}/{p}" for p in sorted(before.keys() | after.keys()) if before.get(p) != after.get(p)]
    return paths
