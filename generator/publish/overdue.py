"""Deadlines shown on the site: what is running and what is overdue, as of the build date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.law import deadlines
from generator.law.holidays import calendar_from
from generator.publish.model import Published

ACTIONS = {kind: meaning.action for kind, meaning in deadlines.KINDS.items()}


@dataclass(frozen=True)
class Shown:
    """One deadline as a page shows it."""

    deadline: deadlines.Deadline
    state: str
    """已逾期, 进行中, 按期完成, 逾期完成 or 无法计算 (as of the build date)."""
    action: str

    @property
    def overdue(self) -> bool:
        return self.state in ("已逾期", "逾期完成")


@lru_cache(maxsize=1)
def shown(data: Published) -> tuple[Shown, ...]:
    """Every deadline of the catalog's records, as of ``data.build_date``."""
    calendar = calendar_from(data.catalog)[0]
    return tuple(
        Shown(d, d.state(data.build_date), ACTIONS[d.kind]) for d in deadlines.everything(data.catalog, calendar)
    )


def of_department(data: Published, department: str) -> list[Shown]:
    """Deadlines a department must meet (as provider, requester or provider of the data)."""
    return [s for s in shown(data) if s.deadline.actor == department and s.state != "按期完成"]


def of_need(data: Published, path: str) -> dict[int, list[Shown]]:
    """Deadlines of the needs in one ``needs.yaml``, by the need's position."""
    found: dict[int, list[Shown]] = {}
    for entry in shown(data):
        if entry.deadline.path == path and entry.deadline.at[:1] == ("needs",):
            found.setdefault(int(entry.deadline.at[1]), []).append(entry)
    return found


def of_basis(data: Published, basis: str) -> dict[str, Shown]:
    """The catalog-update deadline, by resource file, of each resource citing the repealed ``basis``."""
    return {s.deadline.path: s for s in shown(data) if s.deadline.kind == "catalog_update" and s.deadline.ref == basis}
