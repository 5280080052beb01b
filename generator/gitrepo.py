"""All git access, in one module, returning plain data.

Every other stage works on file contents (``dict[path, bytes]``) and on the records returned here;
none of them imports GitPython.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import git

from generator import layout

CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


LINK_MODE = 0o120000
"""Git's file mode of a symbolic link."""


class RepoError(Exception):
    """The folder is not a git repository, or a revision does not exist (message in Chinese)."""


@dataclass(frozen=True)
class Change:
    """One file changed by one commit."""

    status: str
    """``A`` added, ``M`` modified, ``D`` deleted, ``R`` renamed."""
    path: str
    """Path relative to the repository root (the new path for a rename)."""
    old_path: str = ""
    """The old path of a rename."""


@dataclass(frozen=True)
class Commit:
    """One commit that touched the catalog, newest first in lists."""

    sha: str
    date: str
    """Commit date as an Asia/Shanghai date, ``YYYY-MM-DD``."""
    timestamp: str
    """Commit time in Asia/Shanghai, ISO 8601 with offset."""
    author: str
    summary: str
    changes: tuple[Change, ...]


def open_repo(path: Path) -> git.Repo:
    """The repository holding ``path``."""
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RepoError(f"{path} 不在 git 仓库中") from None


def root(repo: git.Repo) -> Path:
    return Path(repo.working_tree_dir or ".")


def resolve(repo: git.Repo, rev: str) -> str:
    """The full commit id of ``rev``."""
    try:
        return str(repo.commit(rev).hexsha)
    except (git.BadName, ValueError, git.GitCommandError):
        raise RepoError(f"找不到版本“{rev}”（分支、标签或提交号）") from None


def read_tree(repo: git.Repo, rev: str, prefix: str) -> dict[str, bytes]:
    """Every file below ``prefix`` at ``rev``, keyed by path relative to ``prefix``."""
    commit = repo.commit(resolve(repo, rev))
    try:
        tree = commit.tree / prefix if prefix else commit.tree
    except KeyError:
        return {}
    files: dict[str, bytes] = {}
    for item in tree.traverse():
        if isinstance(item, git.Blob):
            path = str(item.path)
            data = item.data_stream.read()
            files[path[len(prefix) + 1 :] if prefix else path] = layout.Link(data) if item.mode == LINK_MODE else data
    return files


def blob_ids(repo: git.Repo, rev: str, prefix: str) -> dict[str, str]:
    """Blob id of every file below ``prefix`` at ``rev``, keyed by path relative to ``prefix``.

    A symbolic link (mode 120000) is a blob holding its target; its id is marked ``link:<id>`` so
    that :func:`read_blobs` returns it as a :class:`~generator.layout.Link`, never followed.
    """
    output = repo.git.ls_tree("-r", "-z", "--full-tree", resolve(repo, rev), "--", prefix or ".")
    ids: dict[str, str] = {}
    for line in output.split("\0"):
        if not line:
            continue
        meta, path = line.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob":
            ids[path[len(prefix) + 1 :] if prefix else path] = f"link:{sha}" if int(mode, 8) == LINK_MODE else sha
    return ids


def log(repo: git.Repo, prefix: str, rev: str = "HEAD", first_parent: bool = True) -> list[Commit]:
    """Commits that changed files below ``prefix``, newest first, with the files they changed."""
    marker = "\x1e"
    args = [
        "-M",
        "--name-status",
        f"--format={marker}%H%x00%cI%x00%an%x00%s",
        resolve(repo, rev),
    ]
    if first_parent:
        args.insert(0, "--first-parent")
    output = repo.git.log(*args, "--", prefix or ".")
    return list(_parse_log(output, marker))


def _parse_log(output: str, marker: str) -> Iterator[Commit]:
    for block in output.split(marker)[1:]:
        head, _, body = block.partition("\n")
        sha, stamp, author, summary = head.split("\x00")
        moment = dt.datetime.fromisoformat(stamp).astimezone(CHINA)
        changes = []
        for line in body.splitlines():
            if not line.strip():
                continue
            parts = line.split("\t")
            status = parts[0][0]
            if status == "R":
                changes.append(Change("R", parts[2], parts[1]))
            else:
                changes.append(Change(status, parts[1]))
        yield Commit(sha, moment.date().isoformat(), moment.isoformat(), author, summary, tuple(changes))


def renamed_from(repo: git.Repo, sha: str, path: str) -> str | None:
    """The old path of ``path`` if commit ``sha`` renamed it (compared with its first parent).

    Cheaper than ``git log --follow``, which diffs every commit with rename detection (about a second
    per file on a 50,000-file history): asked only for the commit that created ``path``.
    """
    try:
        output = repo.git.diff_tree("-M", "-r", "--name-status", "--no-commit-id", f"{sha}^", sha)
    except git.GitCommandError:
        return None  # the first commit: nothing to rename from
    for line in output.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3 and parts[2] == path:
            return parts[1]
    return None


def commit_date(repo: git.Repo, rev: str = "HEAD") -> str:
    """Commit date of ``rev`` as an Asia/Shanghai date, ``YYYY-MM-DD``."""
    moment = repo.commit(resolve(repo, rev)).committed_datetime.astimezone(CHINA)
    return moment.date().isoformat()


def merge_base(repo: git.Repo, first: str, second: str) -> str:
    """The best common ancestor of two revisions (what a pull request is compared against)."""
    try:
        return str(repo.git.merge_base(resolve(repo, first), resolve(repo, second)).strip())
    except git.GitCommandError:
        raise RepoError(f"版本“{first}”与“{second}”没有共同的祖先提交（检出时请使用完整历史）") from None


def added_or_modified(repo: git.Repo, old: str, new: str) -> list[str]:
    """Paths (from the repository root) of files that exist at ``new`` and differ from ``old``."""
    output = repo.git.diff("--name-only", "-z", "--no-renames", "--diff-filter=AMT", old, new)
    return sorted(path for path in output.split("\0") if path)


def read_blobs(repo: git.Repo, ids: dict[str, str]) -> dict[str, bytes]:
    """Contents of the blobs ``ids`` (path → blob id, as from :func:`blob_ids`), by path."""
    files: dict[str, bytes] = {}
    for path, sha in ids.items():
        data = repo.odb.stream(bytes.fromhex(sha.removeprefix("link:"))).read()
        files[path] = layout.Link(data) if sha.startswith("link:") else data
    return files


def show(repo: git.Repo, rev: str, path: str) -> bytes | None:
    """Contents of ``path`` at ``rev``, or ``None`` if it did not exist there."""
    try:
        blob = repo.commit(rev).tree / path
    except KeyError:
        return None
    data: bytes = blob.data_stream.read()
    return data


# -- notices: who made a commit, and when (generator.notices.start) -----------------------------


@dataclass(frozen=True)
class Committer:
    """The committer of one commit, as recorded in it (anyone can write these; see generator.notices.start)."""

    identity: str
    """``Name <email>``."""
    date: str
    """Commit date as an Asia/Shanghai date, ``YYYY-MM-DD``."""


def committer(repo: git.Repo, sha: str) -> Committer:
    """Who committed ``sha`` and on which Beijing date."""
    name, email, stamp = repo.git.show("-s", "--format=%cn%x00%ce%x00%cI", sha).split("\x00")
    moment = dt.datetime.fromisoformat(stamp.strip()).astimezone(CHINA)
    return Committer(f"{name} <{email}>", moment.date().isoformat())
