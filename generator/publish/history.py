"""The change history as published: each file's commits, and the recent commits with the
resources they touched (the 变更记录 page, its download and the changes feed)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator import gitrepo
from generator.caching.store import Store
from generator.gitrepo import Change, Commit
from generator.load.catalog import Catalog
from generator.load.model import Resource
from generator.publish import changelog

if TYPE_CHECKING:
    from generator.publish.model import Published

CHANGES_SHOWN = 1000
"""At most this many commits on the 变更记录 page and in the changes feed."""

WORDS = {"A": "新增", "M": "修改", "R": "更名", "D": "删除"}


LOG = "history.json"


def commits_of(repo: Any, prefix: str, catalog: Catalog, store: Store | None = None) -> tuple[Commit, ...]:
    """The commits that changed the catalog, newest first, as the public reads them: the pull
    request's title and the departments (:func:`generator.publish.changelog.published`).

    With a ``store``, the log and merge messages read last time are kept with the commit they were
    read at: a rebuild at the same commit reads nothing from git, and one after new commits reads
    only those (when the old commit is still in the history; otherwise the whole log)."""
    head = gitrepo.resolve(repo, "HEAD")
    kept = _kept(store, prefix)
    if kept is not None and kept[0] == head:
        found, bodies = kept[1], kept[2]
    elif kept is not None and gitrepo.is_ancestor(repo, kept[0], head):
        found = (*gitrepo.log(repo, prefix, since=kept[0]), *kept[1])
        bodies = {**kept[2], **gitrepo.merge_bodies(repo, prefix, since=kept[0])}
    else:
        found, bodies = tuple(gitrepo.log(repo, prefix)), gitrepo.merge_bodies(repo, prefix)
    if store is not None and (kept is None or kept[0] != head):
        rows = [[c.sha, c.date, c.timestamp, c.author, c.summary, [[x.status, x.path, x.old_path] for x in c.changes]] for c in found]
        document = {"head": head, "prefix": prefix, "commits": rows, "bodies": bodies}
        store.write(LOG, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    return tuple(changelog.published(found, bodies, prefix, catalog))


def _kept(store: Store | None, prefix: str) -> tuple[str, tuple[Commit, ...], dict[str, str]] | None:
    payload = store.read(LOG) if store is not None else None
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        if data["prefix"] != prefix:
            return None
        commits = tuple(
            Commit(sha, date, stamp, author, summary, tuple(Change(*change) for change in changes))
            for sha, date, stamp, author, summary, changes in data["commits"]
        )
        return str(data["head"]), commits, {str(k): str(v) for k, v in data["bodies"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


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
