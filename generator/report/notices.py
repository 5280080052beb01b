"""Plain-text list of the notices for ``catalog notice`` (and the bot's log)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.notices.rules import Notice


def render(notices: Sequence[Notice], today: str) -> str:
    lines = [f"公示中的资源（按 {today} 北京时间计算）：{len(notices)} 项", ""]
    for notice in notices:
        lines.append(f"{notice.code} {notice.name}（{notice.department}）")
        length = f"{notice.days} 个{notice.unit}（{notice.basis}）"
        if notice.notice_start:
            start = f"{notice.notice_start}（次日为第 1 天；依据{notice.start_source}）"
        else:
            start = "无法确定"
        lines.append(f"  公示开始：{start}，公示期 {length}")
        lines.extend(f"  {line}" for line in _state(notice, today))
        lines.append(f"  使用部门：{'、'.join(notice.consumers) or '无'}")
        lines.append("")
    counts = [
        (sum(n.due for n in notices), "项已期满"),
        (sum(n.provisional for n in notices), "项截止日暂定"),
        (sum(bool(n.error) for n in notices), "项无法确定公示期"),
    ]
    shown = "，".join(f"{count} {what}" for count, what in counts[:1] + [c for c in counts[1:] if c[0]])
    lines.append(f"共 {len(notices)} 项公示中，其中 {shown}。")
    return "\n".join(lines) + "\n"


def _state(notice: Notice, today: str) -> list[str]:
    if notice.error:
        return [f"无法确定公示期：{notice.error}"]
    end = f"公示期至 {notice.notice_end}（{'暂定，' if notice.provisional else ''}北京时间）"
    if notice.due:
        return [f"{end}，已期满，{notice.executable_from} 起可以下线执行"]
    if notice.provisional and today >= notice.executable_from:
        state = f"{end}，暂定截止日已过；截止日确定并届满后方可下线执行"
    else:
        state = f"{end}，还剩 {notice.days_left} 个{notice.unit}"
    return [state] + ([f"暂定：{notice.provisional_reason}；收录后自动改为确切日期"] if notice.provisional else [])
