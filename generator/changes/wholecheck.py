"""The whole catalog before and after a pull request, for changes whose effect reaches every file.

A change to a context file — the registry, the legal bases, the holidays, any ``department.yaml``
or ``needs.yaml``, or a file the catalog does not know — can break resources the pull request never
touched. Both trees are validated in full (with the validation cache of :mod:`generator.validate.batch`),
and every problem the merged tree has that the base does not is reported, naming the changed file
that causes it. Problems are compared by rule, level, file, field and message, never by line, so a
line moved by an edit above it is not a new problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from generator import gitrepo
from generator.caching.store import Store
from generator.changes import areas
from generator.load import layout
from generator.problems import Problem
from generator.validate import batch

BASIS_RULES = {"R-004", "R-005", "R-020"}
"""Rules about legal bases: caused by a change to ``legal_bases.yaml`` when it changed."""
SHOWN_CAUSES = 3


def check_tree(repo: Any, tree: str, prefix: str, today: str, cache: Store | None) -> list[Problem]:
    """Every problem of the catalog in ``tree`` (hidden files are left to the tree rules)."""
    ids = {path: sha for path, sha in gitrepo.tree_blob_ids(repo, tree, prefix).items() if not areas.hidden(path)}
    _, problems = batch.check_files(gitrepo.read_blobs(repo, ids), prefix, today, cache)
    return problems


def new_problems(
    repo: Any, prefix: str, trees: tuple[str, str], today: str, changed: Sequence[str], cache: Store | None
) -> list[Problem]:
    """Problems of the merged tree (``trees[1]``) that the base (``trees[0]``) does not have.

    ``changed`` are the display paths of the catalog files the pull request changed: every problem
    in them is reported (they are the submitter's to fix); elsewhere only new ones, each ending with
    the changed files that cause it.
    """
    before = check_tree(repo, trees[0], prefix, today, cache.child("base") if cache else None)
    after = check_tree(repo, trees[1], prefix, today, cache.child("head") if cache else None)
    known = {_key(p) for p in before}
    touched = set(changed)
    found = []
    for problem in after:
        if problem.path in touched:
            found.append(problem)
        elif _key(problem) not in known:
            found.append(attributed(problem, causes(problem, changed, prefix)))
    return found


def _key(problem: Problem) -> tuple[str, str, str, str, str]:
    return (problem.rule, problem.level, problem.path, problem.field, problem.message)


def causes(problem: Problem, changed: Sequence[str], prefix: str) -> list[str]:
    """The changed files most likely to cause ``problem`` in a file the pull request did not touch."""
    context = [path for path in changed if not _resource(path, prefix)]
    named = [path for path in changed if path in problem.message]
    if named:
        return named
    relative = areas.in_catalog(problem.path, prefix) or ""
    folder = layout.department_of(relative)
    own = [path for path in context if folder and areas.in_catalog(path, prefix) in (f"{folder}/{layout.DEPARTMENT}", f"{folder}/{layout.NEEDS}")]
    if own:
        return own
    bases = [path for path in context if areas.in_catalog(path, prefix) == layout.LEGAL_BASES]
    if problem.rule in BASIS_RULES and bases:
        return bases
    top = [path for path in context if "/" not in (areas.in_catalog(path, prefix) or "/")]
    return top or context or list(changed)


def _resource(path: str, prefix: str) -> bool:
    relative = areas.in_catalog(path, prefix)
    return relative is not None and layout.kind_of(relative) == "resource" and not areas.hidden(relative)


def attributed(problem: Problem, paths: Iterable[str]) -> Problem:
    """``problem`` with “（由 … 的改动引起）” after its message."""
    chosen = sorted(set(paths))
    if not chosen:
        return problem
    shown = "、".join(chosen[:SHOWN_CAUSES]) + (f" 等 {len(chosen)} 个文件" if len(chosen) > SHOWN_CAUSES else "")
    return replace(problem, message=f"{problem.message}（由 {shown} 的改动引起）")
