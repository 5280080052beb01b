"""The notice bot's decisions and their execution on a forge; idempotent, never merges or closes.

For each resource on notice it: announces the notice once (an issue addressed to the consumer
departments' reviewers), reminds them once when the profile's reminder period before the end
begins, and once the notice has run opens one 下线执行 pull request setting the status to
``已下线``. Each step looks for its own hidden marker (or branch) first, so a second run on the
same day changes nothing. It also lists open applications whose reviewers are past the profile's
answer deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.forge import Forge, Issue
from generator.model import STATUS_DELISTED, code_to_stem
from generator.notice import Notice
from generator.report.neutral import text
from generator.workdays import Calendar, UnknownYear

BRANCH_PREFIX = "catalog-bot/delist-"


@dataclass(frozen=True)
class Action:
    """One thing the bot did (or found), in Chinese, for the command's output."""

    kind: str
    """``announce``, ``remind``, ``open-pull``, ``overdue`` or ``skip``."""
    code: str
    message: str


def start_marker(notice: Notice) -> str:
    return f"<!-- catalog-notice code={notice.code} start={notice.notice_start} -->"


def reminder_marker(notice: Notice) -> str:
    return f"<!-- catalog-notice-reminder code={notice.code} start={notice.notice_start} -->"


def apply(
    forge: Forge, notices: Sequence[Notice], catalog: Any, today: str, actions: list[Action] | None = None
) -> list[Action]:
    """Do what is due for every notice; return what was done.

    Each action is appended to ``actions`` as soon as it is done, so that a caller still knows what
    happened when the forge fails half-way (a re-run then does only what is left).
    """
    actions = [] if actions is None else actions
    issues = forge.issues()
    pulls: list[Any] | None = None
    for notice in notices:
        if notice.error:
            continue
        issue = _find(issues, start_marker(notice))
        if issue is None:
            issue = forge.open_issue(_issue_title(notice), _issue_body(notice, catalog))
            issues.append(issue)
            actions.append(Action("announce", notice.code, f"已发布公示通知 #{issue.number}：{notice.name}（{notice.code}）"))
        if notice.remind_from and today >= notice.remind_from and not notice.due:
            marker = reminder_marker(notice)
            if not any(marker in c.body for c in forge.comments(issue.number)):
                forge.add_comment(issue.number, _reminder(notice, catalog))
                actions.append(Action("remind", notice.code, f"已在 #{issue.number} 提醒使用部门：公示期至 {notice.notice_end}"))
        if notice.due:
            if pulls is None:
                pulls = forge.pulls("all")
            actions.extend(_delist(forge, notice, pulls))
    return actions


def _find(issues: Sequence[Issue], marker: str) -> Issue | None:
    return next((i for i in issues if marker in i.body), None)


def _mentions(notice: Notice, catalog: Any) -> str:
    handles = []
    for consumer in notice.consumers:
        department = catalog.departments.get(consumer)
        for reviewer in department.reviewers if department else ():
            handles.append(reviewer if reviewer.startswith("@") else f"@{reviewer}")
    return " ".join(dict.fromkeys(handles))


def _issue_title(notice: Notice) -> str:
    return f"【公示】{notice.name}（{notice.code}）拟下线，公示期至 {notice.notice_end}"


def _issue_body(notice: Notice, catalog: Any) -> str:
    consumers = "、".join(notice.consumers) or "无"
    lines = [
        start_marker(notice),
        f"**{text(notice.name)}**（{text(notice.code)}，提供部门 {text(notice.department)}）的下线申请已获批准，现予公示。",
        "",
        f"- 公示开始：{notice.notice_start}（“公示中”状态合并进主分支之日，次日为第 1 天）",
        f"- 公示期：{notice.days} 个{notice.unit}（{text(notice.basis)}），至 {notice.notice_end}（北京时间）",
        f"- 使用部门：{text(consumers)}",
        "",
        "提供部门须在公示期内逐一通知使用部门（广西 第二十七条）。公示期满后，机器人将开启下线执行拉取请求，由审核人合并。",
    ]
    mentions = _mentions(notice, catalog)
    if mentions:
        lines += ["", f"请使用部门审核人知悉：{mentions}"]
    return "\n".join(lines) + "\n"


def _reminder(notice: Notice, catalog: Any) -> str:
    lines = [
        reminder_marker(notice),
        f"提醒：{text(notice.name)}（{text(notice.code)}）的公示期至 {notice.notice_end}（北京时间），"
        f"还剩 {notice.days_left} 个{notice.unit}。期满后该资源将下线，请使用部门做好替代准备。",
    ]
    mentions = _mentions(notice, catalog)
    if mentions:
        lines.append(mentions)
    return "\n".join(lines) + "\n"


def _delist(forge: Forge, notice: Notice, pulls: list[Any]) -> list[Action]:
    branch = BRANCH_PREFIX + code_to_stem(notice.code)
    existing = next((p for p in pulls if p.head == branch), None)
    if existing is not None:
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
    updated = set_status(content, STATUS_DELISTED)
    if updated != content:
        forge.put_file(notice.path, branch, updated, f"下线执行：{notice.name}（{notice.code}）公示期满", blob)
    made = forge.open_pull(f"【下线执行】{notice.name}（{notice.code}）", _pull_body(notice), branch, base)
    pulls.append(made)
    return [Action("open-pull", notice.code, f"已开启下线执行拉取请求 #{made.number}：{notice.name}（{notice.code}）")]


def _pull_body(notice: Notice) -> str:
    return "\n".join(
        [
            f"<!-- catalog-notice-delist code={notice.code} start={notice.notice_start} -->",
            f"{text(notice.name)}（{text(notice.code)}）的公示自 {notice.notice_start} 起，"
            f"{notice.days} 个{notice.unit}，已于 {notice.notice_end}（北京时间）期满。",
            "",
            "本拉取请求把状态改为“已下线”；条目和历史记录保留。审核人合并即执行下线。",
            "机器人不会合并或关闭任何拉取请求。",
        ]
    ) + "\n"


_STATUS = re.compile(rb"^(status:[ \t]*)(\S[^#\r\n]*?)([ \t]*(#[^\r\n]*)?)$", re.MULTILINE)


def set_status(content: bytes, status: str) -> bytes:
    """The file with its top-level ``status:`` value replaced, everything else byte for byte."""
    return _STATUS.sub(lambda m: m[1] + status.encode("utf-8") + m[3], content, count=1)


def overdue(forge: Forge, catalog: Any, calendar: Calendar, today: str) -> list[Action]:
    """Open applications whose reviewers are past the profile's answer deadline.

    ``catalog`` must be loaded with its repository-relative folder as prefix, so that its paths
    compare with the forge's file names.
    """
    actions = []
    now = dt.date.fromisoformat(today)
    for pull in forge.pulls("open"):
        if pull.head.startswith(BRANCH_PREFIX):
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
        opened = _china_date(pull.created)
        try:
            due = calendar.period_end(opened, period.days, period.unit)
        except UnknownYear as err:
            actions.append(Action("overdue", "", f"#{pull.number}：{err}"))
            continue
        if now > due:
            actions.append(
                Action("overdue", "", f"#{pull.number}「{pull.title}」于 {opened} 提交，应在 {due} 前答复（{period.describe()}），已逾期")
            )
    return actions


def _china_date(stamp: str) -> dt.date:
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
