"""Rows of the lists that are not lists of resources: 责任清单, 需求清单, 变更记录."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from generator.exports import jsonfile
from generator.exports.tables import Table, plain_table
from generator.publish import departments, history, needs
from generator.publish.model import Published

Rows = list[dict[str, Any]]


class Other:
    """One of these lists: what it is made from (its key) and, made once when asked, its sheet
    and JSON; a build that takes the files over from an earlier one never makes them."""

    def __init__(self, name: str, facts: Any, make: Callable[[Published], tuple[Table, Rows]], data: Published) -> None:
        self.name, self.facts, self._make, self._data = name, facts, make, data
        self._made: tuple[Table, Rows] | None = None

    def made(self) -> tuple[Table, Rows]:
        if self._made is None:
            self._made = self._make(self._data)
        return self._made

    def sheet(self) -> Table:
        return self.made()[0]

    def json(self) -> bytes:
        table, rows = self.made()
        return jsonfile.dump({**jsonfile.header(self._data, table.title), "rows": rows})


def tables(data: Published) -> Iterator[Other]:
    """The lists that are not lists of resources, each with its facts."""
    yield Other("duties", departments.duty_rows(data), duties, data)
    yield Other("needs", needs.matches(data), need_list, data)
    yield Other("changes", history.change_rows(data), changes, data)


def duties(data: Published) -> tuple[Table, Rows]:
    rows: Rows = []
    cells = []
    for dept, own in departments.duty_rows(data):
        listed = [{"code": r.code, "name": r.name, "update_cycle": r.update_cycle} for r in own]
        office, phone = dept.contact.get("office", ""), dept.contact.get("phone", "")
        rows.append({"department": dept.id, "name": dept.name, "duties": list(dept.duties),
                     "resources": listed, "office": office, "phone": phone})
        shown = [f"{r.name}（{r.code}，{r.update_cycle}）" for r in own]
        cells.append((dept.name, list(dept.duties), len(own), shown, office, phone))
    headers = ("部门", "职责", "应提供资源数", "资源及更新周期", "负责处室", "联系电话")
    return plain_table("责任清单", headers, cells), rows


def need_list(data: Published) -> tuple[Table, Rows]:
    names = {d.id: d.name for d in data.catalog.departments.values()}
    rows: Rows = []
    cells = []
    for m in needs.matches(data):
        codes = [r.code for r in m.resources]
        rows.append({"department": m.department, "id": m.id, "name": m.name, "purpose": m.purpose,
                     "items": list(m.items), "provider": m.provider, "basis": list(m.basis),
                     "state": m.state, "resources": codes, "missing": list(m.missing)})
        cells.append((names.get(m.department, m.department), m.id, m.name, m.purpose, list(m.items),
                      m.state, codes, list(m.missing)))
    headers = ("需求部门", "需求标识", "需求名称", "用途", "所需信息项", "满足情况", "可满足的资源代码",
               "目录中没有的信息项")
    return plain_table("需求清单", headers, cells), rows


def changes(data: Published) -> tuple[Table, Rows]:
    rows: Rows = []
    cells = []
    for commit, touched in history.change_rows(data):
        codes = [r.code for _, r in touched]
        rows.append({"sha": commit.sha, "date": commit.date, "timestamp": commit.timestamp,
                     "author": commit.author, "summary": commit.summary, "resources": codes})
        cells.append((commit.date, commit.sha, commit.summary, commit.author, codes))
    headers = ("日期", "提交", "变更", "提交部门", "涉及的资源代码")  # author: the departments (generator.publish.changelog)
    return plain_table("变更记录", headers, cells), rows
