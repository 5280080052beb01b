"""What a pull request does to the published lists: 共享清单 +1, 共享负面清单 −1, 公示中 +1."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from generator.load.model import STATUS_ACTIVE, STATUS_DELISTED, STATUS_NOTICE


def _type(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return str(value.get("type", "")) if isinstance(value, dict) else ""


def _listed(data: Mapping[str, Any]) -> bool:
    return data.get("status") in (STATUS_ACTIVE, STATUS_NOTICE)


LISTS: tuple[tuple[str, Callable[[Mapping[str, Any]], bool]], ...] = (
    ("资源目录", _listed),
    ("共享清单", lambda d: _listed(d) and _type(d, "share") in ("无条件共享", "有条件共享")),
    ("共享负面清单", lambda d: _listed(d) and _type(d, "share") == "不予共享"),
    ("开放清单", lambda d: _listed(d) and _type(d, "open") in ("无条件开放", "依申请开放")),
    ("开放负面清单", lambda d: _listed(d) and _type(d, "open") == "不予开放"),
    ("公示中", lambda d: d.get("status") == STATUS_NOTICE),
    ("已下线", lambda d: d.get("status") == STATUS_DELISTED),
)
"""Each published list and whether a resource (its parsed file) is on it. An entry on notice is
still listed; a delisted one stays in the record but leaves every list."""


def effects(changes: Iterable[Any]) -> list[tuple[str, int]]:
    """Net change of each list, in the order of :data:`LISTS`, leaving out lists that do not move."""
    deltas = dict.fromkeys((name for name, _ in LISTS), 0)
    for change in changes:
        if not change.code:
            continue
        before, after = change.data("before"), change.data("after")
        if change.kind == "delete":
            after = {}
        for name, member in LISTS:
            deltas[name] += int(bool(after) and member(after)) - int(bool(before) and member(before))
    return [(name, delta) for name, delta in deltas.items() if delta]


def describe(deltas: list[tuple[str, int]]) -> str:
    """``共享清单 +1，公示中 +1`` (with a real minus sign), or ``不变``."""
    if not deltas:
        return "不变"
    return "，".join(f"{name} {'+' if delta > 0 else '−'}{abs(delta)}" for name, delta in deltas)
