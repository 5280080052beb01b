"""Plain text of ``catalog check`` for a terminal: the verdict, one line per change, one per problem."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.output.text import render as problem_lines


def _plain(value: object) -> str:
    """Submitter text on one line without control characters (no terminal escape sequences)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split())


def render(review: Any) -> str:
    errors = sum(p.level == "error" for p in review.problems)
    verdict = f"❌ 有 {errors} 个错误，须修改后才能合并" if errors else "✅ 检查通过，等待审核人批准（合并即为批准）"
    lines = [
        f"目录申请检查：{verdict}",
        f"检查范围：主分支 {review.base[:7]} 合并申请 {review.head[:7]} 后的结果，按 {review.today}（北京时间）检查"
        + ("；已校验整个目录" if review.whole else ""),
        "",
        f"变更（{len(review.changes)} 项）：" if review.changes else "没有变更。",
    ]
    for change in review.changes:
        what = " ".join(_plain(part) for part in (change.code, change.name) if part)
        who = "须大数据主管部门批准" if change.approval == "bureau" else f"部门 {_plain(change.department)}"
        lines.append(f"  {_plain(change.path)}  {change.label}" + (f"  {what}" if what else "") + f"（{who}）")
    lines.append("")
    shown = [replace(p, message=_plain(p.message)) for p in review.problems]
    return "\n".join(lines) + "\n" + problem_lines(shown, len(review.changes))
