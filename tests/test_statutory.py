"""The provisional calendar of 《全国年节及纪念日放假办法》, checked against every year chinesecalendar records.

The lunar festivals and 清明 are computed (tyme4py), never typed in: for 2004–2026 each computed date
must be a day off in the State Council schedules that chinesecalendar records (清明, 端午 and 中秋
have been holidays since 2008), and for 2025–2026, the years of the current revision, every
statutory day off and 补假 computed must be a rest day of the real schedule.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from chinese_calendar.constants import Holiday

from generator.law import statutory
from generator.law.workdays import package_years

D = dt.date.fromisoformat
KNOWN = sorted(package_years())


def test_the_package_records_the_years_checked_here() -> None:
    assert KNOWN[0] <= 2004 and KNOWN[-1] >= 2026


@pytest.mark.parametrize("year", range(2004, 2027))
def test_computed_festivals_are_days_off_in_the_recorded_schedules(year: int) -> None:
    new_year = statutory.lunar(year, 1, 1)
    checks = [(new_year, {Holiday.spring_festival})]
    if year >= 2008:
        checks += [
            (statutory.qingming(year), {Holiday.tomb_sweeping_day}),
            (statutory.lunar(year, 5, 5), {Holiday.dragon_boat_festival}),
            # 中秋 falls inside 国庆 in some years (2006, 2017, 2020, 2025).
            (statutory.lunar(year, 8, 15), {Holiday.mid_autumn_festival, Holiday.national_day}),
        ]
    for day, names in checks:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        assert on_holiday, f"{day} should be a day off"
        assert name in {h.value for h in names} or (name is None and day.weekday() >= 5), (day, name)


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_off_of_the_current_revision_are_rest_days(year: int) -> None:
    off = statutory.days_off(year)
    assert [name for name in off.values() if not name.endswith("补假")].count("春节") == 4
    assert list(off.values()).count("劳动节") == 2
    assert list(off.values()).count("国庆节") == 3
    for day, name in off.items():
        assert not chinese_calendar.is_workday(day), f"{day} ({name}) is a working day in {year}"


def test_2026_by_hand() -> None:
    # 国办发明电〔2025〕7号: 春节 2月15日–23日 (除夕 2月16日); 清明 4月5日 is a Sunday → 补假 Monday 4月6日;
    # 劳动节 5月1日–2日 (Fri, Sat) → 补假 Monday 5月4日; 国庆 10月1日–3日 (Thu–Sat) → 补假 Monday 10月5日.
    off = statutory.days_off(2026)
    assert [d for d, n in off.items() if n == "春节"] == [D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19")]
    assert (off[D("2026-04-06")], off[D("2026-05-04")], off[D("2026-10-05")]) == ("清明节补假", "劳动节补假", "国庆节补假")
    assert len(off) == 13 + 3


def test_2027_is_computed_not_guessed() -> None:
    # 2027: 正月初一 is Saturday 2月6日, so 除夕 is Friday 2月5日; 初一 and 初二 fall on the weekend and
    # give two 补假 days (Tuesday 2月9日, Wednesday 2月10日). 清明 4月5日 (Mon), 端午 6月9日 (Wed),
    # 中秋 9月15日 (Wed); 国庆 10月1日–3日 (Fri–Sun) → 补假 Monday 10月4日 and Tuesday 10月5日.
    off = statutory.days_off(2027)
    assert [d for d, n in off.items() if n.startswith("春节")] == [
        D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08"), D("2027-02-09"), D("2027-02-10"),
    ]
    assert (statutory.qingming(2027), statutory.lunar(2027, 5, 5), statutory.lunar(2027, 8, 15)) == (
        D("2027-04-05"), D("2027-06-09"), D("2027-09-15"),
    )
    assert off[D("2027-10-04")] == off[D("2027-10-05")] == "国庆节补假"
    assert statutory.is_workday(D("2027-01-04")) and not statutory.is_workday(D("2027-01-01"))
    assert not statutory.is_workday(D("2027-01-09"))  # a Saturday: no 调休 in a provisional year
