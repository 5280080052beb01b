"""The statutory holidays of a year, computed from 《全国年节及纪念日放假办法》, for provisional dates.

The State Council publishes each year's schedule (放假调休) around November of the year before. Until
it is recorded (``chinesecalendar`` or ``catalog/holidays.yaml``), a deadline that runs into that
year is counted provisionally (暂定) from the 办法 itself, as revised on 2024-11-10 and in force
since 2025-01-01:

* 第二条: 元旦 1 天（1月1日）；春节 4 天（农历除夕、正月初一至初三）；清明节 1 天（农历清明当日）；
  劳动节 2 天（5月1日、2日）；端午节 1 天（农历端午当日）；中秋节 1 天（农历中秋当日）；
  国庆节 3 天（10月1日至3日）。
* 第六条: 全体公民放假的假日，如果适逢周六、周日，应当在工作日补假 — taken here as the first working
  days after the festival.

The lunar dates (除夕 is the day before 正月初一) and the solar term 清明 are computed by ``tyme4py``
(寿星天文历 algorithms); ``tests/test_statutory.py`` checks them against every year ``chinesecalendar``
records. What a provisional year lacks is the State Council's 调休: bridge days off and the weekend
days worked instead, so a provisional date can be a few days off either way.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from tyme4py.lunar import LunarDay
from tyme4py.solar import SolarDay, SolarTerm

FIRST_YEAR = 2025
"""The first year of the current (2024) revision: provisional years start here."""

SOURCE = "《全国年节及纪念日放假办法》（2024年11月10日修订）第二条、第六条"


def _date(day: SolarDay) -> dt.date:
    return dt.date(day.get_year(), day.get_month(), day.get_day())


def lunar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a day of the lunar year that begins in ``year``."""
    return _date(LunarDay.from_ymd(year, month, day).get_solar_day())


def qingming(year: int) -> dt.date:
    """The day of the solar term 清明 in ``year`` (Beijing time)."""
    return _date(SolarTerm.from_name(year, "清明").get_solar_day())


def festivals(year: int) -> list[tuple[str, list[dt.date]]]:
    """The festivals of 第二条 in ``year`` with their statutory days off, in date order."""
    new_year = lunar(year, 1, 1)
    days = [
        ("元旦", [dt.date(year, 1, 1)]),
        ("春节", [new_year + dt.timedelta(days=n) for n in range(-1, 3)]),
        ("清明节", [qingming(year)]),
        ("劳动节", [dt.date(year, 5, 1), dt.date(year, 5, 2)]),
        ("端午节", [lunar(year, 5, 5)]),
        ("中秋节", [lunar(year, 8, 15)]),
        ("国庆节", [dt.date(year, 10, n) for n in (1, 2, 3)]),
    ]
    return sorted(days, key=lambda item: item[1][0])


@cache
def days_off(year: int) -> dict[dt.date, str]:
    """Every statutory day off of ``year`` besides weekends, with the festival's name.

    A festival day on a Saturday or Sunday gives one 补假 on the next working day (第六条).
    """
    off: dict[dt.date, str] = {}
    listed = festivals(year)
    for name, dates in listed:
        off.update((day, name) for day in dates)
    for name, dates in listed:
        owed = sum(day.weekday() >= 5 for day in dates)
        day = max(dates)
        while owed:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in off:
                off[day] = f"{name}补假"
                owed -= 1
    return off


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day by the 办法 alone (weekends and statutory days off)."""
    return day.weekday() < 5 and day not in days_off(day.year)
