"""Policy checks on a pull request's classified changes (rules of scope ``change``).

The rules themselves, with their Chinese documentation, are in :mod:`generator.rules.changes_doc`.
This stage dates the notices they need: for a 下线执行 the notice that actually ran on the base
branch (from git history), for a 下线申请 the notice it would get if merged today. Profile and
holiday calendar come from the base revision, so a pull request cannot shorten its own notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.changes import Change
from generator.notice import Notice, notice_of, notice_start
from generator.problems import Problem
from generator.profiles import Profile
from generator.rules import RULES, _load_all, applied
from generator.rules.status import change_problem
from generator.workdays import Calendar


@dataclass(frozen=True)
class ChangeContext:
    """What change rules may look at besides the changes."""

    repo: Any
    """The GitPython repository (only :mod:`generator.gitrepo` uses it)."""
    prefix: str
    """Catalog folder relative to the repository root."""
    base: str
    """Commit id of the base branch tip: its first-parent history dates the notices."""
    today: str
    profile: Profile
    """The base revision's profile."""
    calendar: Calendar
    """The base revision's working-day calendar."""
    windows: Mapping[str, Notice] = field(default_factory=dict)
    """Notice of each 下线申请 (prospective) and 下线执行 (actual), by change path."""


def evaluate(changes: Sequence[Change], context: ChangeContext) -> tuple[list[Problem], dict[str, Notice]]:
    """Every policy problem of ``changes``, and the notices of the delisting changes."""
    windows = notice_windows(changes, context)
    full = ChangeContext(**{**context.__dict__, "windows": windows})
    _load_all()
    problems: list[Problem] = []
    for entry in RULES.values():
        if entry.scope == "change":
            problems.extend(applied(entry, context.profile, entry.check(changes, full)))
    problems.extend(change_problem(context.profile, context.prefix))
    return sorted(set(problems)), windows


def notice_windows(changes: Sequence[Change], context: ChangeContext) -> dict[str, Notice]:
    windows: dict[str, Notice] = {}
    for change in changes:
        if change.kind == "delist-request":
            data = change.data("after")
            windows[change.path] = notice_of(data, change.path, (context.today, ""), context.profile, context.calendar, context.today)
        elif change.kind == "delist-execute" and change.data("before").get("status") == "公示中":
            start = notice_start(context.repo, context.base, change.old_path or change.path)
            data = change.data("before")
            windows[change.path] = notice_of(data, change.path, start, context.profile, context.calendar, context.today)
    return windows
