"""What the notice bot writes on the forge: the announcement, the reminder, the exact end of a
provisional notice and the 下线执行 pull request, each with the hidden marker the bot finds it by.

Every value from a resource file goes through :func:`generator.report.neutral.text`: it cannot
mention (@) anyone, link an issue or break out of the Markdown.
"""

from __future__ import annotations

from typing import Any

from generator.notices.rules import Notice
from generator.report.neutral import text


def start_marker(notice: Notice) -> str:
    return f"<!-- catalog-notice code={notice.code} start={notice.notice_start} -->"


def reminder_marker(notice: Notice) -> str:
    return f"<!-- catalog-notice-reminder code={notice.code} start={notice.notice_start} -->"


def end_marker(notice: Notice) -> str:
    return f"<!-- catalog-notice-end code={notice.code} start={notice.notice_start} end={notice.notice_end} -->"


def shown_end(notice: Notice) -> str:
    return f"{notice.notice_end}（暂定）" if notice.provisional else notice.notice_end


def mentions(notice: Notice, catalog: Any) -> str:
    handles = []
    for consumer in notice.consumers:
        department = catalog.departments.get(consumer)
        for reviewer in department.reviewers if department else ():
            handles.append(reviewer if reviewer.startswith("@") else f"@{reviewer}")
    return " ".join(dict.fromkeys(handles))


def issue_title(notice: Notice) -> str:
    return f"【公示】{notice.name}（{notice.code}）拟下线，公示期至 {shown_end(notice)}"


def issue_body(notice: Notice, catalog: Any) -> str:
    consumers = "、".join(notice.consumers) or "无"
    tentative = f"。截止日为暂定：{notice.provisional_reason}，收录后将在此告知确定的截止日" if notice.provisional else ""
    lines = [
        start_marker(notice),
        *([] if notice.provisional else [end_marker(notice)]),
        f"**{text(notice.name)}**（{text(notice.code)}，提供部门 {text(notice.department)}）的下线申请已获批准，现予公示。",
        "",
        f"- 公示开始：{notice.notice_start}（“公示中”状态合并进主分支之日，次日为第 1 天；依据：{notice.start_source}）",
        f"- 公示期：{notice.days} 个{notice.unit}（{text(notice.basis)}），至 {shown_end(notice)}（北京时间）{tentative}",
        *([f"- 本通知晚于公示开始发布：公示期自本通知发布之日起计算，{notice.executable_from} 起方可执行下线"] if notice.counted_from != notice.notice_start else []),
        f"- 使用部门：{text(consumers)}",
        "",
        ("提供部门须在公示期内逐一通知使用部门。" if notice.consumers else "")
        + "公示期满后，机器人将开启下线执行拉取请求，由审核人合并。",
    ]
    handles = mentions(notice, catalog)
    if handles:
        lines += ["", f"请使用部门审核人知悉：{handles}"]
    return "\n".join(lines) + "\n"


def _with_mentions(lines: list[str], notice: Notice, catalog: Any) -> str:
    """``lines`` as one message, ending with the consumers' reviewers to notify (if any)."""
    handles = mentions(notice, catalog)
    return "\n".join([*lines, handles] if handles else lines) + "\n"


def end_update(notice: Notice, catalog: Any) -> str:
    lines = [
        end_marker(notice),
        f"{text(notice.name)}（{text(notice.code)}）的公示期截止日已确定：{notice.notice_end}（北京时间），"
        f"{notice.executable_from} 起可以执行下线。",
    ]
    return _with_mentions(lines, notice, catalog)


def reminder(notice: Notice, catalog: Any) -> str:
    lines = [
        reminder_marker(notice),
        f"提醒：{text(notice.name)}（{text(notice.code)}）的公示期至 {shown_end(notice)}（北京时间），"
        f"还剩 {notice.days_left} 个{notice.unit}。期满后该资源将下线，请使用部门做好替代准备。",
    ]
    return _with_mentions(lines, notice, catalog)


def pull_body(notice: Notice) -> str:
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
