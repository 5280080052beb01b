"""The Markdown report of ``catalog check``: the pull request's sticky comment and step summary."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.changes.diffs import show
from generator.notices.rules import Notice
from generator.problems import LEVEL_LABELS, Problem
from generator.report.effects import describe, effects
from generator.report.neutral import text
from generator.rules import RULES, _load_all

MARKER = "<!-- catalog-check -->"
"""Hidden first line by which the bot finds its own comment to edit it in place."""

COMMENT_LIMIT = 60_000
"""GitHub and Gitea cap a comment at 65,536 characters; the report stays below with a margin."""

SUMMARY_FIELDS = (
    ("name", "资源名称"),
    ("classification", "信息资源分类"),
    ("share", "共享属性"),
    ("open", "开放属性"),
    ("mounted", "已挂载数据"),
    ("status", "状态"),
)


def render(review: Any, limit: int = COMMENT_LIMIT) -> str:
    """The whole report; sections that would pass ``limit`` characters are cut with a note."""
    head = _header(review) + _approval(review.bureau)
    problems = _problems(review.problems)
    sections = [_change(change, review.windows.get(change.path), review.today) for change in review.changes if _detailed(change)]
    body, shown = "", 0
    for section in sections:
        if len(head) + len(body) + len(section) + len(problems) + 200 > limit:
            break
        body += section
        shown += 1
    if shown < len(sections):
        body += f"\n> 还有 {len(sections) - shown} 个文件的变化未列出（超出评论长度），请查看检查任务的摘要或 JSON 输出。\n"
    return head + body + problems


def _header(review: Any) -> str:
    errors = sum(p.level == "error" for p in review.problems)
    verdict = (
        f"❌ 有 {errors} 个错误，须修改后才能合并"
        if errors
        else "✅ 检查通过，等待审核人批准（合并即为批准）"
    )
    kinds = Counter(change.label for change in review.changes)
    kinds_text = "、".join(f"{label} {count} 项" for label, count in sorted(kinds.items(), key=lambda kv: -kv[1])) or "没有修改目录文件"
    lines = [
        MARKER,
        f"## 目录申请检查：{verdict}",
        "",
        f"- **申请类型**：{kinds_text}",
        f"- **对公开清单的影响**：{describe(effects(review.changes))}",
        f"- **检查范围**：主分支 {review.base[:7]} 合并申请 {review.head[:7]} 后的结果，按 {review.today}（北京时间）检查"
        + ("；改动涉及登记信息或部门文件，已校验整个目录" if review.whole else ""),
        "",
    ]
    return "\n".join(lines) + "\n"


def _detailed(change: Any) -> bool:
    """Registry changes outside the catalog have no fields to show: only the approval list names them."""
    return change.approval == "department" or bool(change.fields) or change.before is not None or change.after is not None


def _approval(changes: tuple[Any, ...]) -> str:
    """Which changes the bureau's reviewers must approve (CODEOWNERS asks them)."""
    if not changes:
        return ""
    lines = [
        f"### 须经大数据主管部门批准的变更（{len(changes)} 项）",
        "",
        "以下文件不属于某一个部门的目录数据，只有大数据主管部门的审核人批准后才能合并：",
        "",
        "| 文件 | 变更 |",
        "|---|---|",
    ]
    lines += [f"| {text(change.path)} | {text(change.label)} |" for change in changes[:MAX_LISTED]]
    if len(changes) > MAX_LISTED:
        lines.append(f"| …… | 另有 {len(changes) - MAX_LISTED} 个文件 |")
    return "\n".join(lines) + "\n\n"


MAX_LISTED = 200


def _change(change: Any, notice: Notice | None, today: str) -> str:
    title = f"{change.label}"
    if change.code:
        title += f" · {text(change.code)} {text(change.name)}".rstrip()
    elif change.name:
        title += f" · {text(change.name)}"
    lines = [f"### {title}", "", f"文件：{text(change.path)}" + (f"（原文件 {text(change.old_path)}）" if change.old_path else ""), ""]
    if change.kind == "delete":
        lines += ["该文件被删除。", ""]
    elif change.kind == "add" and not change.data("after"):
        lines += ["文件无法读取或不是有效的资源条目，见下方的问题。", ""]
    elif change.kind == "add":
        lines += _table([(label, "", show(change.data("after").get(key))) for key, label in SUMMARY_FIELDS], new=True)
    elif change.kind == "code-change":
        lines += [f"资源代码：{text(change.old_code)} → {text(change.code)}", ""]
    if change.fields and change.kind != "add":
        lines += _table([(f.label, f.before, f.after) for f in change.fields])
    if notice is not None:
        lines += [_notice(change, notice, today), ""]
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[str, str, str]], new: bool = False) -> list[str]:
    if new:
        out = ["| 字段 | 内容 |", "|---|---|"]
        out += [f"| {text(label)} | {text(after)} |" for label, _, after in rows]
    else:
        out = ["| 字段 | 修改前 | 修改后 |", "|---|---|---|"]
        out += [f"| {text(label)} | {text(before)} | {text(after)} |" for label, before, after in rows]
    return [*out, ""]


def _notice(change: Any, notice: Notice, today: str) -> str:
    length = f"{notice.days} 个{notice.unit}（{text(notice.basis)}）"
    if notice.error:
        return f"**公示期**：无法计算——{text(notice.error)}"
    after = notice.executable_from
    tentative = f"（暂定：{notice.provisional_reason}）" if notice.provisional else ""
    if not notice.commit:  # a 下线申请, or terms widened: the notice it gets if merged today
        consumers = "、".join(notice.consumers) or "无"
        return (
            f"**公示期**：若于 {today} 合并，自次日起公示 {length}，"
            f"公示期至 {notice.notice_end}{tentative}（北京时间），{after} 起可提交下线执行。"
            f"公示期间须通知使用部门：{text(consumers)}。"
        )
    state = "已期满，可以下线执行" if notice.due else f"尚未期满（还剩 {notice.days_left} 个{notice.unit}）"
    return (
        f"**公示期**：“公示中”状态于 {notice.notice_start} 合并进主分支（{text(notice.start_source)} {notice.commit[:7]}），"
        f"自次日起公示 {length}，公示期至 {notice.notice_end}{tentative}（北京时间），{state}。"
    )


def _problems(problems: tuple[Problem, ...]) -> str:
    if not problems:
        return "### 问题\n\n没有发现问题。\n"
    _load_all()
    errors = sum(p.level == "error" for p in problems)
    lines = [
        f"### 问题（{errors} 个错误，{len(problems) - errors} 个警告）",
        "",
        "| 级别 | 位置 | 规则 | 说明与修改方法 |",
        "|---|---|---|---|",
    ]
    for problem in problems:
        where = problem.path + (f":{problem.line}:{problem.column}" if problem.line else "")
        title = RULES[problem.rule].title if problem.rule in RULES else ""
        rule = f"{problem.rule} {title}".strip()
        lines.append(f"| {LEVEL_LABELS[problem.level]} | {text(where)} | {text(rule)} | {text(problem.message, 600)} |")
    lines += ["", "错误须修改后才能合并；警告请审核人留意。各规则的详细说明和示例见目录网站的“校验规则”页。"]
    return "\n".join(lines) + "\n"
