"""Working days (工作日) under the State Council holiday schedule, including make-up days (调休).

Years come from the ``chinesecalendar`` package, or from the registry's ``catalog/holidays.yaml``
for years the package does not know yet (a year listed there replaces the package's data). A year
known to neither is counted provisionally (暂定) from the statutory holidays of
《全国年节及纪念日放假办法》 (:mod:`generator.law.statutory`): weekends, the festivals and their 补假, without
the State Council's 调休. Whoever shows a date counted that way labels it 暂定
(:meth:`Calendar.missing_years` tells which years were provisional); the date becomes exact once the
year's schedule is recorded. Only a year before the 办法's current revision that neither source
knows raises :class:`UnknownYear`.

How a period is counted (documented for users in ``docs/pr-workflow.md``):

* the day the period starts on does not count; day 1 is the next day (民法典 第二百零一条);
* ``工作日``: the period ends on the N-th working day after the start day;
* ``自然日``: it ends on start + N days; when that day is a rest day (weekend or holiday not turned
  into a working day), it ends on the next working day instead (民法典 第二百零三条);
* a period lasts until the end of its last day; what waits for it may happen from the next day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import chinese_calendar
from chinese_calendar import constants

from generator.law import statutory

WORKING, CALENDAR = "工作日", "自然日"


class UnknownYear(Exception):
    """A date falls in a year before the current 办法 whose holiday schedule nobody has recorded."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"无法计算期限：{year} 年的节假日安排没有收录。请按国务院办公厅公布的 {year} 年节假日"
            "安排补充 catalog/holidays.yaml。"
        )


def missing_text(years: tuple[int, ...]) -> str:
    """Why a date is 暂定, in Chinese, for users (no package names or file paths)."""
    shown = "、".join(f"{year} 年" for year in years)
    return f"{shown}的节假日安排尚未收录，暂按《全国年节及纪念日放假办法》规定的节日（不含调休）推算"


@cache
def package_years() -> frozenset[int]:
    """Years whose schedule the installed ``chinesecalendar`` knows."""
    years = {day.year for day in (*constants.holidays, *constants.workdays)}
    return frozenset(range(min(years), max(years) + 1))


@dataclass(frozen=True)
class YearSchedule:
    """One year's schedule from ``catalog/holidays.yaml``."""

    year: int
    source: str
    """The State Council notice that published it."""
    holidays: frozenset[dt.date]
    """Days off, weekends inside a holiday included."""
    workdays: frozenset[dt.date]
    """Weekend days that are working days (调休)."""


@dataclass(frozen=True)
class Calendar:
    """The working-day calendar: the package's years plus the registry's extra years."""

    extra: Mapping[int, YearSchedule] = field(default_factory=dict)

    def known(self, year: int) -> bool:
        """Whether the year's State Council schedule is recorded (dates in it are exact)."""
        return year in self.extra or year in package_years()

    def missing_years(self, first: dt.date, last: dt.date) -> tuple[int, ...]:
        """Years from ``first`` to ``last`` (either order) counted provisionally: empty when exact."""
        low, high = sorted((first.year, last.year))
        return tuple(year for year in range(low, high + 1) if not self.known(year))

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; provisional (statutory holidays only) in unknown years."""
        schedule = self.extra.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            return day.weekday() < 5 and day not in schedule.holidays
        if day.year in package_years():
            return bool(chinese_calendar.is_workday(day))
        if day.year < statutory.FIRST_YEAR:
            raise UnknownYear(day.year)
        return statutory.is_workday(day)

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_workdays(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself for 0)."""
        day, left = start, days
        while left > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def period_end(self, start: dt.date, days: int, unit: str) -> dt.date:
        """Last day of a period of ``days`` ``unit`` that starts on ``start`` (see module doc)."""
        if unit == WORKING:
            return self.add_workdays(start, days)
        if unit != CALENDAR:
            raise ValueError(f"unknown unit {unit!r}")
        return self.next_workday(start + dt.timedelta(days=days))

    def days_between(self, after: dt.date, until: dt.date, unit: str) -> int:
        """Days of ``unit`` in ``(after, until]``; 0 when ``until`` is not after ``after``."""
        if until <= after:
            return 0
        if unit == CALENDAR:
            return (until - after).days
        count, day = 0, after
        while day < until:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count


def schedule_from_raw(raw: Mapping[str, object]) -> YearSchedule:
    """Build a year from one schema-valid ``years`` entry (dates already checked)."""
    holidays: set[dt.date] = set()
    for entry in _entries(raw.get("holidays")):
        day, end = dt.date.fromisoformat(entry["start"]), dt.date.fromisoformat(entry["end"])
        while day <= end:
            holidays.add(day)
            day += dt.timedelta(days=1)
    workdays = {dt.date.fromisoformat(entry["date"]) for entry in _entries(raw.get("workdays"))}
    return YearSchedule(
        int(str(raw["year"])), str(raw["source"]), frozenset(holidays), frozenset(workdays)
    )


def _entries(value: object) -> Iterable[dict[str, str]]:
    return value if isinstance(value, list) else []


def parse_date(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date; raises ``ValueError`` with a Chinese message."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"日期格式应为 YYYY-MM-DD 且真实存在：{text}") from None
