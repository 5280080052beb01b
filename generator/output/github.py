"""GitHub Actions workflow commands: one ``::error``/``::warning`` line per problem."""

from __future__ import annotations

from collections.abc import Sequence

from generator.problems import Problem


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    props = [f"file={escape_property(problem.path)}"]
    if problem.line:
        props += [f"line={problem.line}", f"col={problem.column}"]
    props.append(f"title={escape_property(problem.rule)}")
    return f"::{problem.level} {','.join(props)}::{escape_data(f'[{problem.rule}] {problem.message}')}"


def render(problems: Sequence[Problem], checked: int) -> str:
    return "".join(annotation(p) + "\n" for p in problems)
