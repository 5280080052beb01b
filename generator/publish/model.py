"""The catalog as published on one date: :class:`Published`, the one input of every page and download.

Plain data, no MkDocs: :mod:`generator.site` renders it, :mod:`generator.exports` serialises it.
What is derived from it (lists, needs, statistics, deadlines, change rows) lives in the sibling
modules of this package, each computed once per build and cached on the instance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.gitrepo import Commit
from generator.load.catalog import Catalog
from generator.problems import Problem
from generator.publish.notices import SiteNotice


@dataclass(frozen=True, eq=False)
class Published:
    """The inputs of one build (hashed by identity, so derived views can cache per build)."""

    catalog: Catalog
    build_date: str
    """``YYYY-MM-DD``: the date every countdown is counted from (never the wall clock)."""
    commits: tuple[Commit, ...]
    """Commits that changed the catalog, newest first."""
    history: dict[str, tuple[Commit, ...]]
    """Commits of each file (following renames) by repository-relative path, newest first."""
    notices: tuple[SiteNotice, ...]
    problems: tuple[Problem, ...]
    """Warnings found by validation, and errors that do not stop publishing (see
    :data:`generator.problems.LAPSES`); other errors stop the build before this is made."""
    repo_url: str = ""
    """Web address of the repository, without trailing slash; empty when unknown."""
    branch: str = "main"
    digests: dict[str, str] = field(default_factory=dict, repr=False)
    """SHA-256 of each catalog file's bytes, by repository-relative path: what a file's outputs
    are keyed by (see :mod:`generator.publish.facts`)."""

    def edit_url(self, path: str) -> str:
        """Where a reader edits the file at the repository-relative ``path``."""
        return f"{self.repo_url}/edit/{self.branch}/{path}" if self.repo_url else ""

    def commit_url(self, sha: str) -> str:
        return f"{self.repo_url}/commit/{sha}" if self.repo_url else ""

    def last_change(self, path: str) -> str:
        commits = self.history.get(path)
        return commits[0].date if commits else ""
