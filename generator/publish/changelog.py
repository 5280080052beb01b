"""The catalog's change history as the public reads it: a pull request's title and the department.

Pure functions on commit data (subject, body, changed paths); :mod:`generator.gitrepo` reads them.
A change reaches the base branch as a forge's merge, and the forge writes the pull request's
number and title into the merge message in one of these shapes:

* GitHub, merge commit: ``Merge pull request #12 from org/branch``, the title on the first line
  of the body;
* GitHub and Gitea, squash (and GitHub's "pull request title" merge message): ``Title (#12)``;
* Gitea, merge commit: ``Merge pull request 'Title' (#12) from branch into main`` (``!12`` with an
  external tracker, ``from owner/repo:branch`` from a fork);
* GitLab, merge commit: ``Merge branch 'b' into 'main'``, the title on the first line of the body
  and ``See merge request group/project!12`` at its end.

What the public sees is always Chinese: the title when it is written in Chinese; a commit that is
no recognised merge shows its own message when that is Chinese; anything else — a developer's
English message, an English title — is replaced by a summary of what changed, e.g.
``变更资源 2 个，更新法律依据``. The department is read from the folders the commit changed
(``catalog/<部门>/…``), never from who wrote it: files outside a department's folder belong to the
big-data bureau.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.gitrepo import Change, Commit

GITHUB_MERGE = re.compile(r"Merge pull request #(\d+) from (\S+)")
GITEA_MERGE = re.compile(r"Merge pull request '(.*)' \([#!](\d+)\) from (.+) into (\S+)")
SQUASH = re.compile(r"(.*\S) \(#(\d+)\)")
GITLAB_MERGE = re.compile(r"Merge branch '(.+)' into '(.+)'")
GITLAB_REFERENCE = re.compile(r"^See merge request \S*!(\d+)\s*$", re.MULTILINE)

TITLE_LIMIT = 200
"""Characters of a title shown; a longer one is cut with ``…``."""
MANY = 3
"""More departments than this are named as ``第一个部门等 N 个部门``."""

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

VERBS = {"A": "新增", "M": "更新", "D": "删除", "R": "移动"}
RESOURCE_VERBS = {**VERBS, "M": "变更"}
FILES = {"department.yaml": "部门信息", "needs.yaml": "数据需求"}
ROOT_FILES = {"legal_bases.yaml": "法律依据", "registry.yaml": "目录登记信息", "holidays.yaml": "节假日安排"}


@dataclass(frozen=True)
class Pull:
    """A pull request named in a forge's merge message."""

    number: int
    title: str
    """As the forge wrote it; empty when the message does not carry it."""


@dataclass(frozen=True)
class Entry(Commit):
    """A commit as the public sees it. ``summary`` is the public title (Chinese) and ``author``
    the departments whose files it changed, so every page and download shows the same words."""

    number: int = 0
    """The pull request's number; 0 when the commit is not a recognised forge merge."""
    derived: bool = False
    """``summary`` was made from what changed, not taken from the message."""


def pull_of(subject: str, body: str = "") -> Pull | None:
    """The pull request a merge message names, if it has one of the forges' shapes."""
    subject = subject.strip()
    if found := GITEA_MERGE.fullmatch(subject):
        return Pull(int(found[2]), found[1].strip())
    if found := GITHUB_MERGE.fullmatch(subject):
        return Pull(int(found[1]), _first_line(body))
    if GITLAB_MERGE.fullmatch(subject) and (reference := GITLAB_REFERENCE.search(body)):
        title = _first_line(body)
        return Pull(int(reference[1]), "" if title.startswith("See merge request") else title)
    if found := SQUASH.fullmatch(subject):
        return Pull(int(found[2]), found[1].strip())
    return None


def _first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")


def is_chinese(text: str) -> bool:
    """Written in Chinese: it has Chinese characters, at least two for every Latin word."""
    characters = len(CJK.findall(text))
    return characters > 0 and characters >= 2 * len(LATIN_WORD.findall(text))


def summary_of(changes: Iterable[Change], prefix: str) -> str:
    """What a commit changed below ``prefix``, in Chinese: ``新增资源 3 个，更新法律依据``."""
    counts: Counter[tuple[str, str]] = Counter()
    for change in changes:
        relative = _relative(change.path, prefix)
        if relative is None:
            continue
        counts[(_kind(relative), change.status)] += 1
    parts = []
    for (kind, status), count in sorted(counts.items(), key=lambda item: (_ORDER.index(item[0][0]), item[0][1])):
        if kind == "资源":
            parts.append(f"{RESOURCE_VERBS.get(status, '变更')}资源 {count} 个")
        else:
            parts.append(f"{VERBS.get(status, '更新')}{kind}" + (f" {count} 份" if count > 1 else ""))
    return "，".join(parts) or "目录更新"


_ORDER = ("资源", "部门信息", "数据需求", "法律依据", "目录登记信息", "节假日安排", "其他文件")


def _kind(relative: str) -> str:
    folder, _, name = relative.rpartition("/")
    if not folder:
        return ROOT_FILES.get(name, "其他文件")
    if "/" in folder:
        return "其他文件"
    return FILES.get(name, "资源" if name.endswith(".yaml") else "其他文件")


def _relative(path: str, prefix: str) -> str | None:
    if not prefix:
        return path
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None


def departments_of(changes: Iterable[Change], prefix: str, names: Mapping[str, str], bureau: str) -> str:
    """Who a commit speaks for: the departments whose folders it changed (by name), and the bureau
    for files outside them; more than :data:`MANY` departments as ``桂川市公安局等 10 个部门``."""
    found: list[str] = []
    outside = False
    for change in changes:
        relative = _relative(change.path, prefix)
        if relative is None:
            continue
        folder = relative.split("/", 1)[0] if "/" in relative else ""
        if folder:
            found.append(folder)
        else:
            outside = True
    shown = [names.get(folder, folder) for folder in sorted(set(found))]
    if len(shown) > MANY:
        shown = [f"{shown[0]}等 {len(shown)} 个部门"]
    return "、".join(shown + ([bureau] if outside and bureau else []))


def entry(commit: Commit, body: str, prefix: str, names: Mapping[str, str], bureau: str) -> Entry:
    """``commit`` (with the ``body`` of its message) as the public sees it."""
    pull = pull_of(commit.summary, body)
    text = pull.title if pull else commit.summary.strip()
    derived = not is_chinese(text)
    if derived:
        text = summary_of(commit.changes, prefix)
    elif len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1] + "…"
    who = departments_of(commit.changes, prefix, names, bureau)
    return Entry(
        commit.sha, commit.date, commit.timestamp, who, text, commit.changes,
        number=pull.number if pull else 0, derived=derived,
    )


def published(commits: Iterable[Commit], bodies: Mapping[str, str], prefix: str, catalog: Any) -> tuple[Entry, ...]:
    """Every commit of ``catalog``'s history as the public sees it; ``bodies`` are the message
    bodies by commit id, ``prefix`` the catalog folder in the repository."""
    names = {d.id: d.name for d in catalog.departments.values()}
    registry = catalog.registry
    bureau = str(registry.bureau.get("name", "")) if registry is not None else ""
    return entries(commits, bodies, prefix, names, bureau)


def entries(
    commits: Iterable[Commit], bodies: Mapping[str, str], prefix: str, names: Mapping[str, str], bureau: str
) -> tuple[Entry, ...]:
    """:func:`published` with the departments' names by folder and the bureau's name given."""
    return tuple(entry(commit, bodies.get(commit.sha, ""), prefix, names, bureau) for commit in commits)
