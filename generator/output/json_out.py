"""JSON for tools: an array of problems with sorted keys."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.problems import Problem


def render(problems: Sequence[Problem], checked: int) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
