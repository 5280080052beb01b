"""The edge of the publish model: the catalog folder, its git history and the build date.

This is the only place the publish model touches the file system, git and the environment;
:func:`collect` returns the frozen :class:`~generator.publish.model.Published` every later stage
works on.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import gitrepo
from generator.caching import open_store
from generator.load import snapshot
from generator.load.catalog import Catalog
from generator.output import FORMATS
from generator.problems import Problem, blocks_publishing
from generator.publish.history import by_file, commits_of
from generator.publish.model import Published
from generator.publish.notices import find
from generator.validate import batch
from generator.validate.files import today

BUILD_DATE_ENV = "CATALOG_BUILD_DATE"


class CatalogInvalid(Exception):
    """The catalog has errors that stop publishing; the message is the Chinese validation report."""


def collect(root: Path, build_date: str = "", branch: str = "main") -> Published:
    """Load and validate the catalog folder ``root``; raise :class:`CatalogInvalid` on errors
    that stop publishing (errors of time passing do not, see :data:`generator.problems.LAPSES`)."""
    repo = _repo(root)
    date = choose_date(root, build_date, repo)
    checked = validated(root, date, repo)
    catalog, problems = checked.catalog, checked.problems
    if any(blocks_publishing(p) for p in problems):
        raise CatalogInvalid(FORMATS["text"](problems, checked.count))
    if repo is not None and not _has_head(repo):
        repo = None
    store, _ = open_store(root)
    commits = commits_of(repo, checked.prefix, catalog, store) if repo is not None else ()
    history = by_file(commits)
    registry = catalog.registry
    repo_url = (registry.repo_url if registry else "").rstrip("/")
    notices = find(repo, checked.prefix, catalog, date, history, store)
    return Published(catalog, date, commits, history, tuple(notices), tuple(problems), repo_url, branch, checked.digests)


@dataclass(frozen=True)
class Validated:
    """The catalog folder loaded and validated on a date."""

    prefix: str
    """The catalog folder as git names it (``catalog``)."""
    catalog: Catalog
    problems: list[Problem]
    count: int
    """Files checked."""
    digests: dict[str, str]
    """SHA-256 of each file's bytes, by display path."""


_VALIDATED: dict[tuple[Path, str, str], Validated] = {}


def validated(root: Path, date: str, repo: Any = None) -> Validated:
    """The catalog folder ``root`` loaded and validated on ``date``.

    Validation follows ``catalog validate`` (:mod:`generator.validate.batch`): each file's result
    is cached by its bytes, so a rebuild after one change checks one file, and a resource checked
    before is known by its summary until a page or download needs all of it. ``catalog build``
    validates before MkDocs starts and the plugin needs the same catalog: the result of the last
    call is kept, keyed by folder, date and every file's digest.
    """
    repo = repo if repo is not None else _repo(root)
    store, _ = open_store(root)
    folder = snapshot.Folder(root, store)
    state = hashlib.sha256("\0".join(f"{p}\0{folder.digest(p)}" for p in [*folder.paths, *folder.links]).encode()).hexdigest()
    key = (root.resolve(), date, state)
    if key not in _VALIDATED:
        prefix = _prefix(root, repo)
        checked = batch.check_catalog(folder, prefix, date, store)
        _VALIDATED.clear()
        _VALIDATED[key] = Validated(prefix, checked.catalog, checked.problems, checked.count, checked.digests)
    return _VALIDATED[key]


def choose_date(root: Path, given: str = "", repo: Any = None) -> str:
    """The build date: ``given``, else env ``CATALOG_BUILD_DATE``, else the HEAD commit's date
    (Asia/Shanghai), so the same commit always builds the same bytes; today only outside git."""
    if given or os.environ.get(BUILD_DATE_ENV):
        return given or os.environ[BUILD_DATE_ENV]
    return _head_date(repo if repo is not None else _repo(root)) or today()


def _repo(root: Path) -> Any:
    try:
        return gitrepo.open_repo(root)
    except gitrepo.RepoError:
        return None


def _has_head(repo: Any) -> bool:
    try:
        gitrepo.resolve(repo, "HEAD")
    except gitrepo.RepoError:
        return False
    return True


def _head_date(repo: Any) -> str:
    return gitrepo.commit_date(repo) if repo is not None and _has_head(repo) else ""


def _prefix(root: Path, repo: Any) -> str:
    """The catalog folder relative to the repository root (``catalog``), as git names paths."""
    if repo is None:
        return root.name
    return root.resolve().relative_to(gitrepo.root(repo).resolve()).as_posix()
