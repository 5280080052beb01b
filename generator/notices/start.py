"""Where a notice starts: the base branch's history, dated only by clocks the applicant cannot set.

A commit's dates are written by whoever makes it (``GIT_COMMITTER_DATE``), and a fast-forward merge
puts an applicant's commit on the base branch as it is: a backdated request would have served its
notice at once. So the day a notice starts comes from one of two clocks:

* :class:`ForgeClock` — the forge's record: the merged pull request that brought the commit into
  the default branch, and its ``merged_at``. The notice bot uses it (it has a forge token).
* :class:`MergeClock` — the merge commit the forge made: a first-parent commit whose committer is
  the forge's merge identity, set in ``registry.yaml`` as ``forge.merge_committer`` (default
  GitHub's ``GitHub <noreply@github.com>``). ``catalog check``, ``catalog notice`` and the site
  build use it: they have the git history but no forge token.

A commit neither clock can date (pushed directly, fast-forwarded, committed under another name)
gives a start without a day: the notice is listed with the reason and is never due.

The history: newest first along the base branch's first-parent history, the commits from which the
file has been ``公示中`` without interruption, following a folder rename at the commit that created
the file (a reorganisation is not a new application); where in them the notice starts is the
domain's rule (:func:`generator.notices.rules.starting_point`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from generator import gitrepo
from generator.law.holidays import calendar_from
from generator.law.workdays import Calendar
from generator.load.model import STATUS_NOTICE
from generator.load.yamlfile import parse
from generator.notices.rules import Notice, Start, Terms, notice_of, starting_point

DEFAULT_COMMITTERS = ("GitHub <noreply@github.com>",)
"""Who commits GitHub's merges (merge, squash and rebase alike) made in its web interface."""

NO_HISTORY = "没有 git 历史，无法确定公示开始日期"


class Clock(Protocol):
    def date(self, sha: str) -> tuple[str, str]:
        """``(day, how)`` for a commit of the base branch; ``("", why not)`` when it cannot be dated."""
        ...


def merge_committers(registry: Any) -> tuple[str, ...]:
    """The forge's merge identities named by a registry (a model object or its raw mapping)."""
    forge = registry.get("forge") if isinstance(registry, Mapping) else getattr(registry, "forge", None)
    value = forge.get("merge_committer") if isinstance(forge, Mapping) else None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value:
        return tuple(str(v) for v in value)
    return DEFAULT_COMMITTERS


def _identity(text: str) -> str:
    name, _, email = text.partition("<")
    return f"{' '.join(name.split())} <{email.rstrip('> ').strip().lower()}>"


class MergeClock:
    """Dates a commit made by the forge (its committer is a configured merge identity)."""

    def __init__(self, repo: Any, committers: tuple[str, ...]) -> None:
        self.repo = repo
        self.trusted = {_identity(c) for c in committers}
        self.shown = "、".join(committers)

    def date(self, sha: str) -> tuple[str, str]:
        who = gitrepo.committer(self.repo, sha)
        if _identity(who.identity) in self.trusted:
            return who.date, "代码托管平台的合并提交"
        return "", (
            f"“公示中”状态由提交 {sha[:7]} 带入主分支，它不是代码托管平台的合并提交（提交人“{who.identity}”，"
            f"应为“{self.shown}”，见 registry.yaml 的 forge.merge_committer）。提交中的日期可由申请人任意填写，"
            "不能作为公示开始日期：下线申请须通过代码托管平台合并（不使用快进合并）"
        )


class ForgeClock:
    """Dates a commit by the forge's record of the pull request that merged it; else by ``fallback``."""

    def __init__(self, forge: Any, fallback: Clock) -> None:
        self.forge = forge
        self.fallback = fallback

    def date(self, sha: str) -> tuple[str, str]:
        pull = self.forge.merged_pull(sha)
        if pull is None:
            return self.fallback.date(sha)
        return china_date(pull.merged_at).isoformat(), f"代码托管平台记录的合并时间（拉取请求 #{pull.number}）"


def china_date(stamp: str) -> dt.date:
    """The Asia/Shanghai date of an ISO 8601 time from the forge (``Z`` or an offset)."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(gitrepo.CHINA).date()


def find_start(repo: Any, rev: str, path: str, clock: Clock) -> Start | None:
    """The start of the notice of ``path`` on ``rev``'s history; ``None`` when it is not on notice."""
    run = _run(repo, rev, path)
    if not run:
        return None
    at, terms = starting_point(run)
    day, how = clock.date(at)
    return Start(at, day, how, terms)


def _run(repo: Any, rev: str, path: str) -> list[tuple[str, Terms]]:
    """``(commit, terms)`` of the uninterrupted ``公示中`` commits of ``path``, newest first."""
    found: list[tuple[str, Terms]] = []
    while True:
        commits = gitrepo.log(repo, path, rev)
        for commit in commits:
            data = _data(repo, commit.sha, path)
            if data.get("status") != STATUS_NOTICE:
                return found
            found.append((commit.sha, Terms.of(data)))
        if not commits:
            return found
        older = gitrepo.renamed_from(repo, commits[-1].sha, path)
        if older is None:
            return found
        path, rev = older, f"{commits[-1].sha}^"


def _data(repo: Any, rev: str, path: str) -> dict[str, Any]:
    raw = gitrepo.show(repo, rev, path)
    doc = parse(raw, path)[0] if raw is not None else None
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def find_notices(
    repo: Any,
    prefix: str,
    catalog: Any,
    today: str,
    rev: str = "HEAD",
    calendar: Calendar | None = None,
    clock: Clock | None = None,
    start_of: Callable[[Any, str, str, Clock], Start | None] | None = None,
) -> list[Notice]:
    """Every resource of ``catalog`` with status 公示中, sorted by end date then code.

    ``repo`` is a GitPython repository (``None`` without history), ``prefix`` the catalog folder
    relative to its root and ``rev`` the base branch. ``clock`` defaults to the forge's merge
    commits named by the catalog's registry; ``start_of`` to :func:`find_start` (a caller may
    remember starts between runs: a start depends only on the file's history).
    """
    if calendar is None:
        calendar = calendar_from(catalog)[0]
    if clock is None and repo is not None:
        clock = MergeClock(repo, merge_committers(catalog.registry))
    notices = []
    for resource in catalog.resources:
        if resource.status != STATUS_NOTICE:
            continue
        data = resource.doc.data
        path = repo_path(catalog, prefix, resource.path)
        if repo is None or clock is None:
            start: Start | None = Start("", "", NO_HISTORY, Terms.of(data))
        else:
            start = (start_of or find_start)(repo, rev, path, clock)
        notices.append(notice_of(data, path, start, catalog.profile, calendar, today))
    return sorted(notices, key=lambda n: (n.notice_end or "9999", n.code))


def repo_path(catalog: Any, prefix: str, display: str) -> str:
    """The repository-relative path of a file shown as ``display`` by ``catalog``."""
    relative = display[len(catalog.prefix) + 1 :] if catalog.prefix else display
    return f"{prefix}/{relative}" if prefix else relative
