"""Policy checks on a pull request's classified changes (rules of scope ``change``).

The rules themselves, with their Chinese documentation, are in :mod:`generator.rules.changes_doc`.
This stage dates the notices they need: for a 下线执行 the notice that actually ran on the base
branch (from git history, dated by the forge's merge commits: :mod:`generator.notices.start`), for a
下线申请 the notice it would get if merged today. Profile, holiday calendar and the forge's merge
identity come from the base revision, so a pull request cannot shorten its own notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import gitrepo
from generator.changes.classify import Change
from generator.law.profiles import Profile
from generator.law.workdays import Calendar
from generator.load import layout
from generator.load.model import STATUS_NOTICE
from generator.load.yamlfile import parse
from generator.notices.rules import Notice, Start, Terms, notice_of
from generator.notices.start import MergeClock, find_start, merge_committers
from generator.problems import Problem
from generator.rules import RULES, _load_all, applied
from generator.rules.status import change_problem


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
    clock: MergeClock | None = None
    for change in changes:
        if change.kind == "delist-request":
            data = change.data("after")
            start = Start("", context.today, "若今天合并", Terms.of(data))
            windows[change.path] = notice_of(data, change.path, start, context.profile, context.calendar, context.today)
        elif _widens(change):
            data = change.data("after")
            terms = Terms.of(change.data("before")).widened(Terms.of(data))
            start = Start("", context.today, "若今天合并（公示条件变严，公示重新起算）", terms)
            windows[change.path] = notice_of(data, change.path, start, context.profile, context.calendar, context.today)
        elif change.kind == "delist-execute" and change.data("before").get("status") == STATUS_NOTICE:
            clock = clock or MergeClock(context.repo, base_committers(context))
            found = find_start(context.repo, context.base, change.old_path or change.path, clock)
            data = change.data("before")
            windows[change.path] = notice_of(data, change.path, found, context.profile, context.calendar, context.today)
    return windows


def _widens(change: Change) -> bool:
    """A resource stays on notice and gains terms (mounted, a consumer): its notice restarts."""
    before, after = change.data("before"), change.data("after")
    if before.get("status") != STATUS_NOTICE or after.get("status") != STATUS_NOTICE:
        return False
    old = Terms.of(before)
    return old.widened(Terms.of(after)) != old


def base_committers(context: ChangeContext) -> tuple[str, ...]:
    """The forge's merge identity as the base revision's ``registry.yaml`` names it."""
    where = f"{context.prefix}/{layout.REGISTRY}" if context.prefix else layout.REGISTRY
    raw = gitrepo.show(context.repo, context.base, where)
    doc = parse(raw, where)[0] if raw is not None else None
    return merge_committers(doc.data if doc is not None and isinstance(doc.data, dict) else {})
