"""Everything the site is built from: the validated catalog, its git history, notices, the date.

This is the site's only edge to the file system, git and the environment; every later stage works
on the frozen :class:`SiteData`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import changelog, gitrepo
from generator.catalog import Catalog, read_folder
from generator.gitrepo import Commit
from generator.output import FORMATS
from generator.problems import Problem, has_errors
from generator.site.notices import SiteNotice, find
from generator.validate import today, validate_files

BUILD_DATE_ENV = "CATALOG_BUILD_DATE"
CHANGES_SHOWN = 1000
"""At most this many commits on the 变更记录 page and in the changes feed."""


class CatalogInvalid(Exception):
    """The catalog has errors; the message is the Chinese validation report."""


@dataclass(frozen=True, eq=False)
class SiteData:
    """The inputs of one site build (hashed by identity, so views can cache per build)."""

    catalog: Catalog
    build_date: str
    """``YYYY-MM-DD``: the date every countdown is counted from (never the wall clock)."""
    commits: tuple[Commit, ...]
    """Commits that changed the catalog, newest first."""
    history: dict[str, tuple[Commit, ...]]
    """Commits of each file (following renames) by repository-relative path, newest first."""
    notices: tuple[SiteNotice, ...]
    problems: tuple[Problem, ...]
    """Warnings found by validation (errors stop the build before this is made)."""
    repo_url: str = ""
    """Web address of the repository, without trailing slash; empty when unknown."""
    branch: str = "main"

    def edit_url(self, path: str) -> str:
        """Where a reader edits the file at the repository-relative ``path``."""
        return f"{self.repo_url}/edit/{self.branch}/{path}" if self.repo_url else ""

    def commit_url(self, sha: str) -> str:
        return f"{self.repo_url}/commit/{sha}" if self.repo_url else ""

    def last_change(self, path: str) -> str:
        commits = self.history.get(path)
        return commits[0].date if commits else ""


def collect(root: Path, build_date: str = "", branch: str = "main") -> SiteData:
    """Load and validate the catalog folder ``root``; raise :class:`CatalogInvalid` on errors."""
    repo = _repo(root)
    date = choose_date(root, build_date, repo)
    prefix, catalog, problems = validated(root, date, repo)
    if has_errors(problems):
        raise CatalogInvalid(FORMATS["text"](problems, len(catalog.documents)))
    if repo is not None and not _has_head(repo):
        repo = None
    commits = tuple(gitrepo.log(repo, prefix)) if repo is not None else ()
    bodies = gitrepo.merge_bodies(repo, prefix) if repo is not None else {}
    commits = changelog.published(commits, bodies, prefix, catalog)  # PR titles and departments
    history = _history(commits)
    registry = catalog.registry
    repo_url = (registry.repo_url if registry else "").rstrip("/")
    notices = find(repo, prefix, catalog, date)
    return SiteData(catalog, date, commits, history, tuple(notices), tuple(problems), repo_url, branch)


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


def _history(commits: tuple[Commit, ...]) -> dict[str, tuple[Commit, ...]]:
    alias: dict[str, str] = {}
    found: dict[str, list[Commit]] = {}
    for commit in commits:
        for change in commit.changes:
            key = alias.get(change.path, change.path)
            found.setdefault(key, []).append(commit)
            if change.status == "R":
                alias[change.old_path] = key
    return {path: tuple(listed) for path, listed in found.items()}
