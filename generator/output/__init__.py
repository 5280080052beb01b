"""Output formats for problem lists: each module renders text; only the CLI writes it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.output import github, json_out, text
from generator.problems import Problem

Renderer = Callable[[Sequence[Problem], int], str]

FORMATS: dict[str, Renderer] = {"text": text.render, "json": json_out.render, "github": github.render}
