"""The pull-request check, in stages: merge → classify every path → validate the result → policy.

The pull request is judged by the tree the base branch would have after merging it (the head's
own tree when it already contains the base, otherwise git's three-way merge), compared with the
base. Every changed path of the repository is classified (:mod:`generator.changes.classify`); the tree
itself is checked for what git or a disk would change on checkout (:mod:`generator.changes.treecheck`).

Validation follows what a change can affect. When only resource files change, only they are parsed,
plus what the rules need to judge them: the registry files, every ``department.yaml``, the resources
they refer to, and the files that name a code the change removes or a name it uses (found by
``git grep``); code uniqueness is checked against the file names of the tree (file name = code,
R-014), so the time of a check follows the size of the change, not of the catalog. When a context
file changes (registry, legal bases, holidays, a department or needs file, an unknown file), the
whole catalog is validated on both sides and every new problem is reported with its cause
(:mod:`generator.changes.wholecheck`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator import gitrepo, rules
from generator.caching.store import Store
from generator.changes import areas, treecheck, wholecheck
from generator.changes.classify import Change, classify
from generator.changes.policy import ChangeContext, evaluate
from generator.law.holidays import calendar_from
from generator.load import layout
from generator.load.catalog import Catalog, load
from generator.load.model import STATUS_DELISTED, code_to_stem, stem_to_code
from generator.load.yamlfile import Document
from generator.notices.rules import Notice
from generator.problems import Problem
from generator.rules import RULES

INFRASTRUCTURE = (layout.REGISTRY, layout.LEGAL_BASES, layout.HOLIDAYS)


@dataclass(frozen=True)
class Review:
    """The outcome of checking one pull request."""

    base: str
    head: str
    fork: str
    """Merge base of ``base`` and ``head`` (shown in the report)."""
    today: str
    changes: tuple[Change, ...]
    """Every path that differs between the base and the merged tree, classified."""
    problems: tuple[Problem, ...]
    windows: Mapping[str, Notice] = field(default_factory=dict)
    """Notice dates of the delisting changes, by change path."""
    parsed: tuple[str, ...] = ()
    """Catalog files parsed (both revisions), for the record and the scaling test."""
    merged: str = ""
    """Tree id of the checked result: the base after merging the head."""
    whole: bool = False
    """Whether the whole catalog was validated (a context file changed)."""

    @property
    def blocking(self) -> bool:
        return any(p.level == "error" for p in self.problems)

    @property
    def bureau(self) -> tuple[Change, ...]:
        """The changes that need the bureau's approval."""
        return tuple(c for c in self.changes if c.approval == "bureau")

    def as_dict(self) -> dict[str, Any]:
        changes = []
        for change in self.changes:
            entry = change.as_dict()
            notice = self.windows.get(change.path)
            if notice is not None:
                entry["notice"] = {k: v for k, v in notice.as_dict().items() if k not in ("path",)}
            changes.append(entry)
        return {"changes": changes, "problems": [p.as_dict() for p in self.problems]}


def review(repo: Any, prefix: str, base: str, head: str, today: str, cache: Store | None = None) -> Review:
    """Check merging ``head`` into ``base`` as of ``today``; ``cache`` holds whole-catalog results."""
    base_sha, head_sha = gitrepo.resolve(repo, base), gitrepo.resolve(repo, head)
    fork = gitrepo.merge_base(repo, base_sha, head_sha)
    merged, conflicts = gitrepo.merged_tree(repo, base_sha, head_sha)
    base_tree = gitrepo.tree_of(repo, base_sha)
    moved = gitrepo.tree_changes(repo, base_tree, merged)
    entries = gitrepo.entries(repo, merged)
    new_ids = _ids(entries, prefix)
    old_ids = {rel: sha for c in moved if (rel := areas.in_catalog(c.path, prefix)) is not None and (sha := c.blob_id("old"))}
    changed = sorted(rel for c in moved if (rel := areas.in_catalog(c.path, prefix)) is not None and (rel in old_ids or rel in new_ids))
    outside = [c.path for c in moved if areas.in_catalog(c.path, prefix) not in changed]
    shown = (lambda rel: f"{prefix}/{rel}") if prefix else (lambda rel: rel)
    parsed: list[str] = []
    found = treecheck.problems(entries, [c.path for c in moved if c.new_mode], prefix, conflicts)

    whole = any(_context(rel) for rel in changed) and not conflicts
    if conflicts:
        head_catalog, problems = _load(repo, prefix, {p: new_ids[p] for p in changed if p in new_ids}, parsed)[0], []
    elif whole:
        problems = wholecheck.new_problems(repo, prefix, (base_tree, merged), today, [shown(p) for p in changed], cache)
        head_catalog = _load(repo, prefix, {p: new_ids[p] for p in changed if p in new_ids}, parsed)[0]
    else:
        head_catalog, problems = _head(repo, prefix, merged, new_ids, old_ids, changed, today, parsed)
    settings = _load(repo, prefix, _ids(gitrepo.entries(repo, base_tree, *[shown(p) for p in INFRASTRUCTURE]), prefix), parsed)[0]
    old_catalog = _load(repo, prefix, {p: old_ids[p] for p in changed if p in old_ids}, parsed)[0]

    changes = classify(
        changed,
        _side(old_catalog.documents, changed, old_ids, shown),
        _side(head_catalog.documents, changed, new_ids, shown),
        prefix,
        outside,
    )
    if not conflicts:
        calendar, _ = calendar_from(settings)
        context = ChangeContext(repo, prefix, base_sha, today, settings.profile, calendar)
        policy, windows = evaluate(changes, context)
        found += policy
    else:
        windows = {}
    found += _strays(prefix, [c.path for c in moved if c.new_mode])
    return Review(
        base_sha, head_sha, fork, today, tuple(changes), tuple(sorted(set(problems + found))), windows, tuple(parsed), merged, whole
    )


def _ids(entries: Iterable[gitrepo.TreeEntry], prefix: str) -> dict[str, str]:
    """Blob ids below the catalog folder, as :func:`generator.gitrepo.tree_blob_ids` gives them."""
    ids = {}
    for entry in entries:
        relative = areas.in_catalog(entry.path, prefix)
        if relative is not None and entry.kind == "blob":
            ids[relative] = f"link:{entry.sha}" if entry.mode == gitrepo.LINK_MODE else entry.sha
    return ids


def _context(relative: str) -> bool:
    """Whether a change to this catalog file can affect the judgement of files it does not touch."""
    return not areas.hidden(relative) and not layout.ignored(relative) and layout.kind_of(relative) != "resource"


def _head(
    repo: Any,
    prefix: str,
    tree: str,
    ids: dict[str, str],
    old_ids: dict[str, str],
    changed: list[str],
    today: str,
    parsed: list[str],
) -> tuple[Catalog, list[Problem]]:
    """Load and validate the changed resources of the merged tree with what their rules need.

    Besides the changed files, catalog-wide rules see the files that name a code the pull request
    takes away (deleted, renamed or delisted: R-015) or a name it uses (R-017); their new problems
    of those rules are reported with the changed file that causes them.
    """
    present = [p for p in changed if p in ids]
    wanted = set(present) | {p for p in ids if p in INFRASTRUCTURE or p.endswith("/" + layout.DEPARTMENT)}
    catalog, _ = _load(repo, prefix, {p: ids[p] for p in present}, [])
    old, _ = _load(repo, prefix, {p: old_ids[p] for p in changed if p in old_ids}, [])
    by_stem = _stems(ids)
    referenced = {
        path
        for resource in catalog.resources
        for code in _references(resource.doc.data)
        for path in by_stem.get(code_to_stem(code), ())
    }
    needles = _needles(old, catalog, {catalog.display(p) for p in present})
    neighbours = set(gitrepo.containing(repo, tree, prefix, needles)) if needles else set()
    neighbours = {rel for path in neighbours if (rel := areas.in_catalog(path, prefix)) in ids and layout.kind_of(rel) == "resource"}
    catalog, problems = _load(repo, prefix, {p: ids[p] for p in wanted | referenced | neighbours}, parsed)
    shown = {catalog.display(p) for p in changed}
    problems.extend(rules.run(rules.Context(catalog, today), shown))
    problems.extend(_duplicate_codes(catalog, by_stem, shown))
    causes = sorted(shown)
    around = {catalog.display(p) for p in neighbours} - shown
    reported = [p for p in problems if p.path in shown]
    reported += [wholecheck.attributed(p, wholecheck.causes(p, causes, prefix)) for p in problems if p.path in around and p.rule in NEIGHBOUR_RULES]
    return catalog, reported


NEIGHBOUR_RULES = {"R-015", "R-017"}
"""Catalog-wide rules whose problems a resource change can cause in another file."""


def _needles(old: Catalog, new: Catalog, shown: set[str]) -> list[str]:
    """Codes the change takes away (gone or delisted) and names it uses: what to look for elsewhere."""
    kept = {r.code for r in new.resources if r.doc.path in shown and r.status != STATUS_DELISTED}
    gone = {r.code for r in old.resources if r.code not in kept}
    gone |= {r.code for r in new.resources if r.doc.path in shown and r.status == STATUS_DELISTED}
    named = {r.doc.path: r.name for r in old.resources}
    names = {r.name for r in new.resources if r.doc.path in shown and r.name and named.get(r.doc.path) != r.name}
    return sorted(gone | names)


def _load(repo: Any, prefix: str, ids: dict[str, str], parsed: list[str]) -> tuple[Catalog, list[Problem]]:
    files = gitrepo.read_blobs(repo, ids)
    parsed.extend(sorted(p for p in files if layout.kind_of(p) and not layout.ignored(p)))
    return load(files, prefix)


def _stems(ids: Iterable[str]) -> dict[str, list[str]]:
    """Resource files by file-name stem (= code with “-”), from the tree's names alone."""
    found: dict[str, list[str]] = {}
    special = tuple(f"/{name}" for name in layout.IN_DEPARTMENT)
    for path in sorted(ids):
        if path.endswith(".yaml") and path.count("/") == 1 and not path.endswith(special):
            found.setdefault(path[path.index("/") + 1 : -5], []).append(path)
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


def _strays(prefix: str, paths: Iterable[str]) -> list[Problem]:
    """F-013: files outside the catalog folder named like catalog files, which would never be published."""
    if not prefix:
        return []
    problems = []
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if path.startswith(prefix + "/") or not (_ENTRY_NAME.match(name) or name in _CATALOG_NAMES):
            continue
        message = f"这个文件在目录文件夹 {prefix}/ 之外，不会被收录或发布；目录条目应放在 {prefix}/<部门文件夹>/ 中"
        problems.append(Problem(path, 0, 0, "F-013", RULES["F-013"].level, message))
    return problems
