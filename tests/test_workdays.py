"""Working-day arithmetic under the State Council holiday schedule, with the registry's extra years.

The 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号), as used below:
元旦 1月1日–3日放假，1月4日（周日）上班；春节 2月15日–23日放假，2月14日（周六）、2月28日（周六）上班；
清明 4月4日–6日；劳动节 5月1日–5日，5月9日（周六）上班；端午 6月19日–21日；中秋 9月25日–27日；
国庆 10月1日–7日放假，9月20日（周日）、10月10日（周六）上班。
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.holidays import calendar_from_documents
from generator.workdays import CALENDAR, WORKING, Calendar, UnknownYear
from generator.yamlfile import parse

D = dt.date.fromisoformat
CAL = Calendar()


def test_make_up_days_and_holidays_2026() -> None:
    assert CAL.is_workday(D("2026-02-14"))  # Saturday, 春节调休
    assert CAL.is_workday(D("2026-09-20"))  # Sunday, 国庆调休
    assert not CAL.is_workday(D("2026-02-16"))  # Monday in 春节
    assert not CAL.is_workday(D("2026-10-05"))  # Monday in 国庆
    assert not CAL.is_workday(D("2026-11-21"))  # ordinary Saturday


def test_thirty_working_days_across_spring_festival() -> None:
    # Start Fri 2026-02-06 (day 0). Day 1 is the next working day:
    #   2-09..2-13 Mon–Fri → 1–5; 2-14 Sat 调休上班 → 6; 2-15..2-23 春节 → none;
    #   2-24..2-27 Tue–Fri → 7–10; 2-28 Sat 调休上班 → 11; 3-02..3-06 → 12–16;
    #   3-09..3-13 → 17–21; 3-16..3-20 → 22–26; 3-23..3-26 Mon–Thu → 27–30.
    assert CAL.period_end(D("2026-02-06"), 30, WORKING) == D("2026-03-26")
    # Weekends-only arithmetic would give 2026-03-19: one week too early.


def test_thirty_working_days_across_national_day() -> None:
    # Start Fri 2026-09-18 (day 0): 9-19 Sat rest; 9-20 Sun 调休上班 → 1; 9-21..9-24 → 2–5;
    #   9-25..9-27 中秋 → none; 9-28..9-30 Mon–Wed → 6–8; 10-01..10-07 国庆 → none;
    #   10-08 Thu → 9; 10-09 Fri → 10; 10-10 Sat 调休上班 → 11; 10-12..10-16 → 12–16;
    #   10-19..10-23 → 17–21; 10-26..10-30 → 22–26; 11-02..11-05 Mon–Thu → 27–30.
    assert CAL.period_end(D("2026-09-18"), 30, WORKING) == D("2026-11-05")


def test_calendar_days_end_moves_off_a_holiday() -> None:
    # 2026-09-05 + 30 days = 2026-10-05, inside 国庆: the period ends on the next working day
    # (民法典 第二百零三条), Thursday 2026-10-08.
    assert CAL.period_end(D("2026-09-05"), 30, CALENDAR) == D("2026-10-08")
    # 2026-03-03 + 30 = Thursday 2026-04-02, a working day: no move.
    assert CAL.period_end(D("2026-03-03"), 30, CALENDAR) == D("2026-04-02")


def test_days_between_counts_after_exclusive_until_inclusive() -> None:
    assert CAL.days_between(D("2026-03-20"), D("2026-03-26"), WORKING) == 4
    assert CAL.days_between(D("2026-03-20"), D("2026-03-26"), CALENDAR) == 6
    assert CAL.days_between(D("2026-03-26"), D("2026-03-20"), WORKING) == 0


def test_unknown_year_is_an_error_naming_the_year() -> None:
    with pytest.raises(UnknownYear) as caught:
        CAL.period_end(D("2026-12-10"), 30, WORKING)
    assert caught.value.year == 2027
    assert "2027 年的节假日安排尚未收录" in str(caught.value)
    assert "holidays.yaml" in str(caught.value)
    with pytest.raises(UnknownYear):
        CAL.period_end(D("2026-12-20"), 30, CALENDAR)


HOLIDAYS_2027 = """\
years:
  - year: 2027
    source: 测试用安排（非官方）
    holidays:
      - {name: 元旦, start: "2027-01-01", end: "2027-01-01"}
    workdays:
      - {date: "2027-01-09", name: 测试调休}
"""


def test_registry_file_adds_a_year() -> None:
    doc, _ = parse(HOLIDAYS_2027.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert problems == []
    # From Fri 2026-12-25: 12-28..12-31 → 1–4; 2027-01-01 holiday; Mon 01-04 → 5.
    assert calendar.period_end(D("2026-12-25"), 5, WORKING) == D("2027-01-04")
    assert calendar.is_workday(D("2027-01-09"))  # Saturday made a working day
    with pytest.raises(UnknownYear):
        calendar.is_workday(D("2028-01-03"))


def test_registry_file_problems_have_lines() -> None:
    bad = HOLIDAYS_2027.replace('start: "2027-01-01"', 'start: "2027-02-30"')
    doc, _ = parse(bad.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert [(p.line, p.rule) for p in problems] == [(5, "R-040")]
    assert 2027 not in calendar.extra
