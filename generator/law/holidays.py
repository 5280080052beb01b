"""Read ``catalog/holidays.yaml`` (extra years of the holiday schedule) into a working-day calendar.

Each year cites the State Council notice that published it, by title and document number (the
schema refuses a placeholder such as ``〔2026〕X号``). A recorded year is also compared with the
statutory festivals of 《全国年节及纪念日放假办法》 (:mod:`generator.law.statutory`): a festival day that
is not a day off, or a make-up working day that is not a weekend, is most likely a typing error and
is flagged for the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from generator.law import statutory
from generator.law.workdays import Calendar, YearSchedule, schedule_from_raw
from generator.load import schemas
from generator.load.yamlfile import Document
from generator.problems import Level, Problem

RULE = "R-040"


def calendar_from(catalog: Any) -> tuple[Calendar, list[Problem]]:
    """The calendar of ``catalog`` (a :class:`generator.load.catalog.Catalog`) and the holiday file's problems."""
    return calendar_from_documents(catalog.extra.get("holidays", []))


def calendar_from_documents(docs: Iterable[Document]) -> tuple[Calendar, list[Problem]]:
    extra: dict[int, YearSchedule] = {}
    problems: list[Problem] = []
    for doc in docs:
        found = check(doc)
        problems.extend(found)
        if any(p.level == "error" for p in found):
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
        problems.extend(_source(doc, index, year, raw["source"]))
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
    if not problems:
        for index, raw in enumerate(doc.data["years"]):
            problems.extend(_statutory(doc, index, raw))
    return problems


_SOURCE = re.compile(r"关于(\d{4})年.*〔(\d{4})〕")


def _source(doc: Document, index: int, year: int, source: str) -> list[Problem]:
    """The notice's title names ``year`` and was issued that year or the year before."""
    found = _SOURCE.search(source)
    if found is None:
        return []
    titled, issued = int(found[1]), int(found[2])
    if titled != year:
        return [_at(doc, f"来源是 {titled} 年的节假日安排通知，不是 {year} 年的", "years", index, "source")]
    if issued not in (year - 1, year):
        return [_at(doc, f"{year} 年的节假日安排通知应在 {year - 1} 年或 {year} 年发布，文号中的年份是 {issued}，请核对文号", "years", index, "source")]
    return []


def _statutory(doc: Document, index: int, raw: dict[str, Any]) -> list[Problem]:
    """Warnings where a recorded year contradicts 《全国年节及纪念日放假办法》 (likely a typo)."""
    year = raw["year"]
    if year < statutory.FIRST_YEAR:
        return []
    schedule = schedule_from_raw(raw)
    problems = []
    for name, dates in statutory.festivals(year):
        for day in dates:
            rest = day in schedule.holidays or (day.weekday() >= 5 and day not in schedule.workdays)
            if not rest:
                message = f"{day} 是{name}（{statutory.SOURCE}），但这里没有写成放假日：请按通知原文核对放假安排"
                problems.append(_at(doc, message, "years", index, "holidays", level="warning"))
    for position, entry in enumerate(raw["workdays"]):
        if dt.date.fromisoformat(entry["date"]).weekday() < 5:
            message = f"调休上班日 {entry['date']} 不是周六或周日：平常的工作日不用写在这里，请按通知原文核对"
            problems.append(_at(doc, message, "years", index, "workdays", position, "date", level="warning"))
    return problems


def _at(doc: Document, message: str, *path: str | int, level: Level = "error") -> Problem:
    line, column = doc.where(*path)
    return Problem(doc.path, line, column, RULE, level, message, ".".join(map(str, path)))
