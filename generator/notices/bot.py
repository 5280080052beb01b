"""The notice bot: the forge's side of the notice domain; idempotent, never merges or closes.

For each resource on notice it announces the notice once (an issue addressed to the consumer
departments' reviewers), tells them once when a provisional (暂定) end becomes exact, reminds them
once when the profile's reminder period before the end begins, and once the notice has run opens
one 下线执行 pull request setting the status to ``已下线``. The announcement needs no end date: a year
without a holiday schedule never silences it. A notice announced late (after its first day) runs
in full from the announcement (:func:`generator.notices.rules.announced`).

Each step looks for its own hidden marker or branch first, so a second run changes nothing. Only
what the bot's own account wrote counts: issues and comments by :meth:`Forge.login`, and pull
requests it opened from a branch of this repository — an outsider's issue or comment carrying a
marker, or a fork's pull request from a branch of the same name, is ignored. A failing notice is
reported and the next one goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.forge import Comment, Forge, ForgeError, Issue, PullRequest
from generator.holidays import calendar_from
from generator.model import STATUS_DELISTED, STATUS_NOTICE, code_to_stem
from generator.notices import messages
from generator.notices.rules import Notice, announced
from generator.notices.start import china_date
from generator.notices.statusedit import StatusError, current_status, set_status
from generator.workdays import Calendar

BRANCH_PREFIX = "catalog-bot/delist-"


@dataclass(frozen=True)
class Action:
    """One thing the bot did (or found), in Chinese, for the command's output."""

    kind: str
    """``announce``, ``end``, ``remind``, ``open-pull``, ``wait``, ``skip``, ``error`` or ``overdue``."""
    code: str
    message: str


@dataclass
class Run:
    """What one run knows about the forge: the bot's own issues and pull requests."""

    forge: Forge
    catalog: Any
    calendar: Calendar
    today: str
    me: str
    issues: list[Issue]
    pulls: list[PullRequest] | None = None

    def own_pulls(self) -> list[PullRequest]:
        if self.pulls is None:
            self.pulls = [p for p in self.forge.pulls("all") if ours(p, self.me, self.forge.repository())]
        return self.pulls


def ours(pull: PullRequest, me: str, repository: str) -> bool:
    """A pull request the bot opened from a branch of this repository (not a fork's namesake)."""
    return pull.author == me and pull.head_repo == repository and pull.head.startswith(BRANCH_PREFIX)


def apply(
    forge: Forge,
    notices: Sequence[Notice],
    catalog: Any,
    today: str,
    actions: list[Action] | None = None,
    calendar: Calendar | None = None,
) -> list[Action]:
    """Do what is due for every notice; return what was done.

    Each action is appended to ``actions`` as soon as it is done, so that a caller still knows what
    happened when the forge fails (a re-run then does only what is left). A forge error on one
    notice is recorded as an ``error`` action and the next notice goes on.
    """
    actions = [] if actions is None else actions
    me = forge.login()
    mine = [i for i in forge.issues() if i.author == me]
    run = Run(forge, catalog, calendar or calendar_from(catalog)[0], today, me, mine)
    for notice in notices:
        try:
            _notice(run, notice, actions)
        except (ForgeError, StatusError) as err:
            actions.append(Action("error", notice.code, f"{_title(notice)}：{err}"))
    return actions


def _title(notice: Notice) -> str:
    return f"{notice.name}（{notice.code}）"


def _notice(run: Run, notice: Notice, actions: list[Action]) -> None:
    if not notice.notice_start:
        actions.append(Action("skip", notice.code, f"{_title(notice)}：{notice.error}；未发布公示通知"))
        return
    issue = next((i for i in run.issues if messages.start_marker(notice) in i.body), None)
    told = china_date(issue.created).isoformat() if issue is not None and issue.created else run.today
    running = announced(notice, told, run.catalog.profile, run.calendar, run.today)
    if issue is None:
        issue = run.forge.open_issue(messages.issue_title(running), messages.issue_body(running, run.catalog))
        run.issues.append(issue)
        actions.append(Action("announce", notice.code, f"已发布公示通知 #{issue.number}：{_title(notice)}"))
    comments: list[Comment] | None = None
    if not running.provisional and messages.end_marker(running) not in issue.body:
        comments = _own_comments(run, issue)
        if not any(messages.end_marker(running) in c.body for c in comments):
            run.forge.add_comment(issue.number, messages.end_update(running, run.catalog))
            actions.append(Action("end", notice.code, f"已在 #{issue.number} 告知确定的截止日 {running.notice_end}：{_title(notice)}"))
    if running.remind_from and run.today >= running.remind_from and run.today < running.executable_from:
        comments = comments if comments is not None else _own_comments(run, issue)
        if not any(messages.reminder_marker(notice) in c.body for c in comments):
            run.forge.add_comment(issue.number, messages.reminder(running, run.catalog))
            actions.append(Action("remind", notice.code, f"已在 #{issue.number} 提醒使用部门：公示期至 {messages.shown_end(running)}"))
    if running.counted_from != notice.counted_from and not running.due:
        actions.append(Action("wait", notice.code, f"{_title(notice)}：公示通知于 {told} 发布，晚于公示开始，公示期自通知之日起计算，至 {messages.shown_end(running)}"))
    if running.due:
        actions.extend(_delist(run, running))
    elif running.provisional and run.today >= running.executable_from:
        actions.append(Action("wait", notice.code, f"{_title(notice)}：暂定截止日 {running.notice_end} 已过，但{running.provisional_reason}；收录后截止日确定，届满才开启下线执行拉取请求"))


def _own_comments(run: Run, issue: Issue) -> list[Comment]:
    return [c for c in run.forge.comments(issue.number) if c.author == run.me]


def _delist(run: Run, notice: Notice) -> list[Action]:
    forge = run.forge
    branch = BRANCH_PREFIX + code_to_stem(notice.code)
    if any(p.head == branch for p in run.own_pulls()):
        return []
    base = forge.default_branch()
    if forge.branch_sha(branch) is None:
        tip = forge.branch_sha(base)
        if tip is None:
            return [Action("skip", notice.code, f"找不到默认分支 {base}，未开启下线执行拉取请求")]
        forge.create_branch(branch, tip)
    found = forge.file(notice.path, branch)
    if found is None:
        return [Action("skip", notice.code, f"分支 {branch} 中没有文件 {notice.path}，未开启下线执行拉取请求")]
    content, blob = found
    status = current_status(content, notice.path)
    if status == STATUS_NOTICE:
        updated = set_status(content, STATUS_DELISTED, notice.path)
        forge.put_file(notice.path, branch, updated, f"下线执行：{notice.name}（{notice.code}）公示期满", blob)
    elif status != STATUS_DELISTED:
        return [Action("skip", notice.code, f"分支 {branch} 中 {notice.path} 的状态是“{status}”，不是“公示中”，未开启下线执行拉取请求")]
    made = forge.open_pull(f"【下线执行】{notice.name}（{notice.code}）", messages.pull_body(notice), branch, base)
    run.own_pulls().append(made)
    return [Action("open-pull", notice.code, f"已开启下线执行拉取请求 #{made.number}：{_title(notice)}")]


def overdue(forge: Forge, catalog: Any, calendar: Calendar, today: str) -> list[Action]:
    """Open applications whose reviewers are past the profile's answer deadline.

    ``catalog`` must be loaded with its repository-relative folder as prefix, so that its paths
    compare with the forge's file names.
    """
    actions = []
    now = dt.date.fromisoformat(today)
    me, repository = forge.login(), forge.repository()
    for pull in forge.pulls("open"):
        if ours(pull, me, repository):
            continue
        delisting = "下线" in pull.title
        if delisting:
            files = set(forge.pull_files(pull.number))
            mounted = any(r.mounted and r.path in files for r in catalog.resources)
            period = catalog.profile.deadline("review_answer_mounted" if mounted else "review_answer")
        else:
            period = catalog.profile.deadline("update_review")
        if period is None:
            continue
        opened = china_date(pull.created)
        due = calendar.period_end(opened, period.days, period.unit)
        tentative = "（暂定）" if calendar.missing_years(opened, due) else ""
        if now > due:
            actions.append(
                Action("overdue", "", f"#{pull.number}「{pull.title}」于 {opened} 提交，应最迟于 {due}{tentative}（含）答复（{period.describe()}），已逾期")
            )
    return actions
