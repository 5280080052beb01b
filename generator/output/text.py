"""Plain text for people: one line per problem, grouped by file, and a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from generator.problems import LEVEL_LABELS, Problem


def render(problems: Sequence[Problem], checked: int) -> str:
    lines: list[str] = []
    for _, group in groupby(problems, key=lambda p: p.path):
        for problem in group:
            where = problem.path
            if problem.line:
                where += f":{problem.line}:{problem.column}"
            lines.append(f"{where} {LEVEL_LABELS[problem.level]} [{problem.rule}] {problem.message}")
        lines.append("")
    lines.append(summary(problems, checked))
    return "\n".join(lines) + "\n"


def summary(problems: Sequence[Problem], checked: int) -> str:
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if not problems:
        return f"检查通过：共 {checked} 个文件，没有发现问题。"
    return f"共检查 {checked} 个文件，发现 {errors} 个错误、{warnings} 个警告，涉及 {files} 个文件。"
