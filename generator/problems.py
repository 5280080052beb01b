"""The one record every stage reports: a problem found in a user's file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]

LEVEL_LABELS: dict[str, str] = {"error": "错误", "warning": "警告"}


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in a catalog file, with where it is and what to do, in Chinese."""

    path: str
    """File path relative to the repository root, with forward slashes."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    column: int
    """1-based column; 0 when unknown."""
    rule: str
    """Stable rule id, e.g. ``R-001``; documented on the rules page."""
    level: Level
    """``error`` blocks a merge; ``warning`` is shown but does not."""
    message: str
    """What is wrong and how to fix it, in Simplified Chinese."""
    field: str = ""
    """Dotted path of the field concerned, e.g. ``items.2.type``; empty for the whole file."""

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "level": self.level,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(p.level == "error" for p in problems)


LAPSES: frozenset[str] = frozenset({"R-005"})
"""Rules whose errors come only from time passing: a deadline that ran out while nobody changed the
file (R-005: a repealed legal basis still cited after the catalog-update deadline, “现已逾期”).

Such an error blocks a pull request that touches the file (``catalog check``) and is flagged on
the site, but it never stops the site from being published: yesterday's catalog would otherwise
vanish from the public site at midnight because of a date, not because of anyone's change."""


def blocks_publishing(problem: Problem) -> bool:
    """Whether ``problem`` stops ``catalog build`` and the daily publish (errors, except lapses)."""
    return problem.level == "error" and problem.rule not in LAPSES


def lapsed(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """The errors among ``problems`` that come only from time passing (published, and flagged)."""
    return [p for p in problems if p.level == "error" and p.rule in LAPSES]
