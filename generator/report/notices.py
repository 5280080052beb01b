"""Plain-text list of the notices for ``catalog notice`` (and the bot's log)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.notice import Notice


def render(notices: Sequence[Notice], today: str) -> str:
    lines = [f"公示中的资源（按 {today} 北京时间计算）：{len(notices)} 项", ""]
    for notice in notices:
        lines.append(f"{notice.code} {notice.name}（{notice.department}）")
        length = f"{notice.days} 个{notice.unit}（{notice.basis}）"
        lines.append(f"  公示开始：{notice.notice_start or '未知'}（次日为第 1 天），公示期 {length}")
        if notice.error:
            lines.append(f"  错误：{notice.error}")
        elif notice.due:
            lines.append(f"  公示期至 {notice.notice_end}（北京时间），已期满，可以下线执行")
        else:
            lines.append(f"  公示期至 {notice.notice_end}（北京时间），还剩 {notice.days_left} 个{notice.unit}")
        lines.append(f"  使用部门：{'、'.join(notice.consumers) or '无'}")
        lines.append("")
    due = sum(n.due for n in notices)
    errors = sum(bool(n.error) for n in notices)
    summary = f"共 {len(notices)} 项公示中，其中 {due} 项已期满"
    lines.append(summary + (f"，{errors} 项无法计算公示期。" if errors else "。"))
    return "\n".join(lines) + "\n"
