"""Read ``catalog/holidays.yaml`` (extra years of the holiday schedule) into a working-day calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from generator import schemas
from generator.problems import Problem
from generator.workdays import Calendar, YearSchedule, schedule_from_raw
from generator.yamlfile import Document

RULE = "R-040"


def calendar_from(catalog: Any) -> tuple[Calendar, list[Problem]]:
    """The calendar of ``catalog`` (a :class:`generator.catalog.Catalog`) and the holiday file's problems."""
    return calendar_from_documents(catalog.extra.get("holidays", []))


def calendar_from_documents(docs: Iterable[Document]) -> tuple[Calendar, list[Problem]]:
    extra: dict[int, YearSchedule] = {}
    problems: list[Problem] = []
    for doc in docs:
        found = check(doc)
        problems.extend(found)
        if found:
            continue
        for raw in doc.data["years"]:
            extra.setdefault(int(raw["year"]), schedule_from_raw(raw))
    return Calendar(extra), problems


def check(doc: Document) -> list[Problem]:
    """Schema problems, then dates that do not exist, lie outside their year or repeat a year."""
    problems = schemas.validate("holidays", doc)
    if problems:
        return problems
    seen: dict[int, int] = {}
    for index, raw in enumerate(doc.data["years"]):
        year = raw["year"]
        if year in seen:
            problems.append(_at(doc, f"{year} 年重复出现（第一次是第 {seen[year] + 1} 项）", "years", index, "year"))
        seen.setdefault(year, index)
        for kind, key_names in (("holidays", ("start", "end")), ("workdays", ("date",))):
            for position, entry in enumerate(raw[kind]):
                days = []
                for key in key_names:
                    path = ("years", index, kind, position, key)
                    try:
                        day = dt.date.fromisoformat(entry[key])
                    except ValueError:
                        problems.append(_at(doc, f"日期 {entry[key]} 在日历上不存在", *path))
                        continue
                    if day.year != year:
                        problems.append(_at(doc, f"日期 {entry[key]} 不在 {year} 年内", *path))
                    days.append(day)
                if len(days) == 2 and days[0] > days[1]:
                    problems.append(_at(doc, "放假末日早于放假首日", "years", index, kind, position, "end"))
    return problems


def _at(doc: Document, message: str, *path: str | int) -> Problem:
    line, column = doc.where(*path)
    return Problem(doc.path, line, column, RULE, "error", message, ".".join(map(str, path)))
