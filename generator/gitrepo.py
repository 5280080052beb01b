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

from generator.load import layout

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
    that :func:`read_blobs` returns it as a :class:`~generator.load.layout.Link`, never followed.
    """
    return tree_blob_ids(repo, resolve(repo, rev), prefix)


def tree_blob_ids(repo: git.Repo, tree: str, prefix: str) -> dict[str, str]:
    """:func:`blob_ids` of a commit or tree id (e.g. a merge result from :func:`merged_tree`)."""
    ids: dict[str, str] = {}
    for entry in entries(repo, tree, prefix):
        if entry.kind == "blob":
            relative = entry.path[len(prefix) + 1 :] if prefix else entry.path
            ids[relative] = f"link:{entry.sha}" if entry.mode == LINK_MODE else entry.sha
    return ids


def log(repo: git.Repo, prefix: str, rev: str = "HEAD", first_parent: bool = True, since: str = "") -> list[Commit]:
    """Commits that changed files below ``prefix``, newest first, with the files they changed;
    only those not reachable from ``since`` when given."""
    marker = "\x1e"
    args = [
        "-M",
        "--name-status",
        f"--format={marker}%H%x00%cI%x00%an%x00%s",
        f"{resolve(repo, since)}..{resolve(repo, rev)}" if since else resolve(repo, rev),
    ]
    if first_parent:
        args.insert(0, "--first-parent")
    output = repo.git.log(*args, "--", prefix or ".")
    return list(_parse_log(output, marker))


def merge_bodies(repo: git.Repo, prefix: str, rev: str = "HEAD", since: str = "") -> dict[str, str]:
    """The message bodies of the first-parent merge commits that changed ``prefix``, by commit id:
    where GitHub and GitLab write a pull request's title (see :mod:`generator.publish.changelog`). Records
    are NUL-separated, which no commit message can contain. Only those not reachable from
    ``since`` when given."""
    span = f"{resolve(repo, since)}..{resolve(repo, rev)}" if since else resolve(repo, rev)
    output = repo.git.log("--first-parent", "--merges", "-z", "--format=%H%n%b", span, "--", prefix or ".")
    found = {}
    for record in output.split("\x00"):
        sha, _, body = record.partition("\n")
        if sha.strip():
            found[sha.strip()] = body
    return found


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


def is_ancestor(repo: git.Repo, older: str, newer: str) -> bool:
    """Whether commit ``older`` is in the history of ``newer``."""
    try:
        repo.git.merge_base("--is-ancestor", older, newer)
    except git.GitCommandError:
        return False
    return True


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


GITLINK_MODE = 0o160000
"""Git's file mode of a submodule (a commit of another repository, never part of this one's tree)."""


@dataclass(frozen=True)
class TreeEntry:
    """One entry of a git tree, read recursively: a file, link or submodule."""

    path: str
    """Path from the repository root."""
    mode: int
    kind: str
    """``blob`` (file or symbolic link) or ``commit`` (submodule)."""
    sha: str


@dataclass(frozen=True)
class TreeChange:
    """One path that differs between two trees, with its mode on each side (0 where absent)."""

    path: str
    old_mode: int
    new_mode: int
    old_sha: str = ""
    new_sha: str = ""

    def blob_id(self, side: str) -> str | None:
        """The id of the file on ``side`` (``old`` or ``new``) as :func:`blob_ids` gives it, or ``None``."""
        mode, sha = (self.old_mode, self.old_sha) if side == "old" else (self.new_mode, self.new_sha)
        if not mode or mode == GITLINK_MODE:
            return None
        return f"link:{sha}" if mode == LINK_MODE else sha


def entries(repo: git.Repo, tree: str, *paths: str) -> list[TreeEntry]:
    """Every entry at or below ``paths`` (default: all) of the commit or tree ``tree``, submodules included."""
    output = repo.git.ls_tree("-r", "-z", "--full-tree", tree, "--", *[p or "." for p in paths or ("",)])
    found = []
    for line in output.split("\0"):
        if line:
            mode, kind, rest = line.split(" ", 2)
            sha, path = rest.split("\t", 1)
            found.append(TreeEntry(path, int(mode, 8), kind, sha))
    return found


def tree_of(repo: git.Repo, rev: str) -> str:
    """The tree id of the commit ``rev``."""
    return str(repo.commit(resolve(repo, rev)).tree.hexsha)


def contains(repo: git.Repo, newer: str, older: str) -> bool:
    """Whether commit ``older`` is in the history of ``newer``."""
    done = repo.git.merge_base("--is-ancestor", older, newer, with_extended_output=True, with_exceptions=False)
    return bool(done[0] == 0)


def merged_tree(repo: git.Repo, base: str, head: str) -> tuple[str, list[str]]:
    """The tree ``base`` would have after merging ``head``, and the paths that conflict.

    The head's own tree when it already contains ``base``; otherwise a real three-way merge done by
    git (``merge-tree --write-tree``, git 2.38 or later) without touching any work tree or branch.
    With conflicts the tree holds conflict markers; the caller reports the paths instead.
    """
    if contains(repo, head, base):
        return tree_of(repo, head), []
    status, output, error = repo.git.merge_tree(
        "--write-tree", "--name-only", "--no-messages", base, head, with_extended_output=True, with_exceptions=False
    )
    if status not in (0, 1):
        raise RepoError(f"无法计算版本“{base}”与“{head}”合并后的结果：{error.strip()}")
    lines = output.splitlines()
    return lines[0].strip(), sorted({line for line in lines[1:] if line.strip()})


def tree_changes(repo: git.Repo, old: str, new: str) -> list[TreeChange]:
    """Every path (files, links, submodules) that differs between the trees ``old`` and ``new``."""
    output = repo.git.diff_tree("-r", "-z", "--no-renames", "--no-commit-id", old, new)
    fields = output.split("\0")
    changes = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if meta.startswith(":"):
            old_mode, new_mode, old_sha, new_sha = meta[1:].split()[:4]
            changes.append(TreeChange(path, int(old_mode, 8), int(new_mode, 8), old_sha, new_sha))
    return sorted(changes, key=lambda c: c.path)


def containing(repo: git.Repo, tree: str, prefix: str, texts: list[str]) -> list[str]:
    """Paths below ``prefix`` in ``tree`` of the files that contain any of ``texts`` (fixed strings)."""
    patterns = [arg for text in texts for arg in ("-e", text)]
    status, output, _ = repo.git.grep(
        "-l", "-z", "-F", *patterns, tree, "--", prefix or ".", with_extended_output=True, with_exceptions=False
    )
    if status != 0:
        return []
    return sorted(path.split(":", 1)[1] for path in output.split("\0") if ":" in path)


def uncommitted(repo: git.Repo) -> bool:
    """Whether the work tree has edits or new files that are not committed (ignored files aside)."""
    if repo.bare or repo.working_tree_dir is None:
        return False
    return bool(repo.git.status("--porcelain", "--untracked-files=normal").strip())

def fetch_ref(mirror: Path, url: str, ref: str) -> str:
    """Fetch branch or tag ``ref`` of the repository at ``url`` into the bare repository ``mirror``
    (made on first use) and return its commit id. Only objects are fetched: nothing is checked
    out and no hook of the fetched repository runs (``catalog harvest`` reads blobs from it)."""
    if url.startswith("-") or ref.startswith("-"):
        raise RepoError(f"仓库地址或分支不能以“-”开头：{url} {ref}")
    if not (mirror / "HEAD").is_file():
        mirror.mkdir(parents=True, exist_ok=True)
        git.Repo.init(mirror, bare=True)
    repo = git.Repo(mirror)
    try:
        with repo.git.custom_environment(GIT_TERMINAL_PROMPT="0"):
            repo.git.fetch("--no-tags", "--depth=1", url, f"+{ref}:refs/harvest/head")
    except git.GitCommandError as err:
        detail = (err.stderr or "").strip().splitlines()
        raise RepoError(f"无法从 {url} 抓取“{ref}”：{detail[-1] if detail else err}") from None
    return resolve(repo, "refs/harvest/head")


def bare(mirror: Path) -> git.Repo:
    """The bare repository made by :func:`fetch_ref`."""
    return git.Repo(mirror)


def head_or_none(path: Path) -> tuple[git.Repo, str] | None:
    """The repository holding ``path`` and its HEAD commit id, or ``None`` outside git (or before
    the first commit)."""
    try:
        repo = open_repo(path)
        return repo, resolve(repo, "HEAD")
    except RepoError:
        return None


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
