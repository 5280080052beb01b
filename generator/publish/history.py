"""The change history as published: each file's commits, and the recent commits with the
resources they touched (the 变更记录 page, its download and the changes feed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator.gitrepo import Commit
from generator.load.model import Resource

if TYPE_CHECKING:
    from generator.publish.model import Published

CHANGES_SHOWN = 1000
"""At most this many commits on the 变更记录 page and in the changes feed."""

WORDS = {"A": "新增", "M": "修改", "R": "更名", "D": "删除"}


def by_file(commits: Iterable[Commit]) -> dict[str, tuple[Commit, ...]]:
    """The commits of each file, newest first, a renamed file keeping its earlier commits."""
    alias: dict[str, str] = {}
    found: dict[str, list[Commit]] = {}
    for commit in commits:
        for change in commit.changes:
            key = alias.get(change.path, change.path)
            found.setdefault(key, []).append(commit)
            if change.status == "R":
                alias[change.old_path] = key
    return {path: tuple(listed) for path, listed in found.items()}


def change_rows(data: Published) -> list[tuple[Any, list[tuple[str, Resource]]]]:
    """Recent commits, each with the resources it touched (A 新增, M 修改, R 更名, D 删除)."""
    by_path = {r.path: r for r in data.catalog.resources}
    rows = []
    for commit in data.commits[:CHANGES_SHOWN]:
        touched = [
            (WORDS.get(change.status, change.status), by_path[change.path])
            for change in commit.changes
            if change.path in by_path
        ]
        rows.append((commit, touched))
    return rows
