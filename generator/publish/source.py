"""The edge of the publish model: the catalog folder, its git history and the build date.

This is the only place the publish model touches the file system, git and the environment;
:func:`collect` returns the frozen :class:`~generator.publish.model.Published` every later stage
works on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from generator import gitrepo
from generator.load.catalog import Catalog, read_folder
from generator.output import FORMATS
from generator.problems import Problem, blocks_publishing
from generator.publish.history import by_file
from generator.publish.model import Published
from generator.publish.notices import find
from generator.validate.files import today, validate_files

BUILD_DATE_ENV = "CATALOG_BUILD_DATE"


class CatalogInvalid(Exception):
    """The catalog has errors that stop publishing; the message is the Chinese validation report."""


def collect(root: Path, build_date: str = "", branch: str = "main") -> Published:
    """Load and validate the catalog folder ``root``; raise :class:`CatalogInvalid` on errors
    that stop publishing (errors of time passing do not, see :data:`generator.problems.LAPSES`)."""
    repo = _repo(root)
    date = choose_date(root, build_date, repo)
    prefix, catalog, problems = validated(root, date, repo)
    if any(blocks_publishing(p) for p in problems):
        raise CatalogInvalid(FORMATS["text"](problems, len(catalog.documents)))
    if repo is not None and not _has_head(repo):
        repo = None
    commits = tuple(gitrepo.log(repo, prefix)) if repo is not None else ()
    registry = catalog.registry
    repo_url = (registry.repo_url if registry else "").rstrip("/")
    notices = find(repo, prefix, catalog, date)
    digests = _digests(catalog, root, prefix)
    return Published(
        catalog, date, commits, by_file(commits), tuple(notices), tuple(problems), repo_url, branch, digests
    )


_VALIDATED: dict[tuple[Path, str, float], tuple[str, Catalog, list[Problem]]] = {}


def validated(root: Path, date: str, repo: Any = None) -> tuple[str, Catalog, list[Problem]]:
    """The catalog folder ``root`` loaded and validated on ``date``: (git prefix, catalog, problems).

    ``catalog build`` validates before MkDocs starts and the plugin needs the same catalog: the
    result of the last call is kept (keyed by folder, date and the folder's newest file time, so a
    ``mkdocs serve`` rebuild after an edit loads again) and the catalog is read once per build.
    """
    repo = repo if repo is not None else _repo(root)
    key = (root.resolve(), date, _newest(root))
    if key not in _VALIDATED:
        prefix = _prefix(root, repo)
        catalog, problems = validate_files(read_folder(root), prefix, date)
        _VALIDATED.clear()
        _VALIDATED[key] = (prefix, catalog, problems)
    return _VALIDATED[key]


def _newest(root: Path) -> float:
    return max((p.stat().st_mtime for p in root.rglob("*.yaml")), default=0.0)


def _digests(catalog: Catalog, root: Path, prefix: str) -> dict[str, str]:
    """SHA-256 of each parsed file's bytes, by its display path."""
    found = {}
    for path in catalog.documents:
        relative = path[len(prefix) + 1 :] if prefix and path.startswith(prefix + "/") else path
        try:
            found[path] = hashlib.sha256((root / relative).read_bytes()).hexdigest()
        except OSError:
            found[path] = ""
    return found


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
