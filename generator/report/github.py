"""GitHub Actions output of ``catalog check``: a few annotations and the full report as step summary.

GitHub shows at most 10 error and 10 warning annotations per step; the rest would be dropped
silently, so the remainder is counted in a notice that points at the summary. The step summary
(``$GITHUB_STEP_SUMMARY``) holds at most 1 MiB.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.output.github import annotation, escape_data
from generator.problems import Problem

PER_LEVEL = 10
SUMMARY_LIMIT = 1_000_000
"""Bytes of step summary written, below GitHub's 1 MiB."""


def annotate(problems: Sequence[Problem]) -> str:
    """Up to :data:`PER_LEVEL` annotations per level, then one notice for the rest."""
    lines, left = [], 0
    for level in ("error", "warning"):
        chosen = [p for p in problems if p.level == level]
        lines += [annotation(p) for p in chosen[:PER_LEVEL]]
        left += max(0, len(chosen) - PER_LEVEL)
    if left:
        lines.append(f"::notice::{escape_data(f'还有 {left} 个问题未逐条标注，完整列表见本次运行的摘要（Summary）')}")
    return "".join(line + "\n" for line in lines)


def summary(markdown: str) -> str:
    """The report cut to fit the step summary."""
    data = markdown.encode("utf-8")
    if len(data) <= SUMMARY_LIMIT:
        return markdown
    cut = data[: SUMMARY_LIMIT - 200].decode("utf-8", errors="ignore")
    return cut + "\n\n> 报告过长，已截断；完整内容请用 `catalog check --format json` 查看。\n"
