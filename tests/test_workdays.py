"""Working-day arithmetic under the State Council holiday schedule, with the registry's extra years.

The 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号), as used below:
元旦 1月1日–3日放假，1月4日（周日）上班；春节 2月15日–23日放假，2月14日（周六）、2月28日（周六）上班；
清明 4月4日–6日；劳动节 5月1日–5日，5月9日（周六）上班；端午 6月19日–21日；中秋 9月25日–27日；
国庆 10月1日–7日放假，9月20日（周日）、10月10日（周六）上班。
"""

from __future__ import annotations

import datetime as dt

import pytest
from calendars import (
    HOLIDAYS_2027,
    until_2026,  # noqa: F401  (fixture)
)

from generator.law import statutory
from generator.law.holidays import calendar_from_documents
from generator.law.workdays import CALENDAR, WORKING, Calendar, UnknownYear, missing_text
from generator.load.yamlfile import parse

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


@pytest.mark.usefixtures("until_2026")
def test_a_year_without_schedule_is_counted_provisionally() -> None:
    # 30 working days from Wed 2026-12-02: 12-03..12-31 → 1–21; 2027-01-01 元旦 (statutory);
    # 01-04..01-08 → 22–26; 01-11..01-14 → 27–30. The end is in 2027, which nobody has recorded.
    end = CAL.period_end(D("2026-12-02"), 30, WORKING)
    assert end == D("2027-01-14")
    assert CAL.missing_years(D("2026-12-02"), end) == (2027,)
    assert CAL.missing_years(D("2026-03-03"), D("2026-04-02")) == ()
    # 30 calendar days from 2026-12-02 is Friday 2027-01-01 (元旦): moved to Monday 01-04.
    assert CAL.period_end(D("2026-12-02"), 30, CALENDAR) == D("2027-01-04")
    assert "2027 年的节假日安排尚未收录" in missing_text((2027,))


@pytest.mark.usefixtures("until_2026")
def test_years_before_the_current_revision_are_never_guessed() -> None:
    with pytest.raises(UnknownYear) as caught:
        CAL.is_workday(D("2003-06-02"))
    assert caught.value.year == 2003 and "holidays.yaml" in str(caught.value)




@pytest.mark.usefixtures("until_2026")
def test_registry_file_adds_a_year() -> None:
    doc, _ = parse(HOLIDAYS_2027.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert problems == []
    # From Fri 2026-12-25: 12-28..12-31 → 1–4; 2027-01-01 holiday; Mon 01-04 → 5.
    assert calendar.period_end(D("2026-12-25"), 5, WORKING) == D("2027-01-04")
    assert calendar.is_workday(D("2027-02-20"))  # Saturday made a working day
    assert not calendar.is_workday(D("2027-02-11"))  # a bridge day off: only the recorded year knows it
    assert statutory.is_workday(D("2027-02-11"))
    assert calendar.missing_years(D("2026-12-02"), D("2027-01-14")) == ()
    assert calendar.missing_years(D("2027-12-02"), D("2028-01-14")) == (2028,)


@pytest.mark.usefixtures("until_2026")
def test_provisional_end_becomes_exact_once_the_year_is_recorded() -> None:
    doc, _ = parse(HOLIDAYS_2027.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, _ = calendar_from_documents([doc])
    # Provisional: 30 working days from 2026-12-02 end on 2027-01-14 (see above). With the year
    # recorded, 01-02 and 01-03 are a weekend anyway, so the end is the same day, now exact.
    assert calendar.period_end(D("2026-12-02"), 30, WORKING) == D("2027-01-14")
    # Across 春节 the recorded schedule moves the end. From Wed 2027-01-20, provisionally:
    #   01-21..02-04 → 1–11; 02-05..02-10 除夕 to 初三 and two 补假 (weekend inside); 02-11..02-12 → 12–13;
    #   02-15..03-05 → 14–28; 03-08, 03-09 → 29–30.
    # Recorded: 02-05..02-12 off, Sat 02-20 worked: 02-15..02-19 → 12–16; 02-20 → 17; 02-22..03-05 → 18–27;
    #   03-08..03-10 → 28–30.
    provisional = CAL.period_end(D("2027-01-20"), 30, WORKING)
    exact = calendar.period_end(D("2027-01-20"), 30, WORKING)
    assert (provisional, exact) == (D("2027-03-09"), D("2027-03-10"))
    assert CAL.missing_years(D("2027-01-20"), provisional) == (2027,)
    assert calendar.missing_years(D("2027-01-20"), exact) == ()


def test_registry_file_problems_have_lines() -> None:
    bad = HOLIDAYS_2027.replace('start: "2027-01-01"', 'start: "2027-02-30"')
    doc, _ = parse(bad.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert [(p.line, p.rule) for p in problems] == [(6, "R-040")]
    assert 2027 not in calendar.extra


@pytest.mark.parametrize(
    "source,rule,words",
    [
        ("国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）", "S-005", "不能写“X号”"),
        ("国务院办公厅关于2027年部分节假日安排的通知", "S-005", "文号"),
        ("测试用安排（非官方）", "S-005", "文号"),
        ("国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）", "R-040", "不是 2027 年的"),
        ("国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2020〕7号）", "R-040", "请核对文号"),
    ],
)
def test_a_year_must_cite_the_state_council_notice(source: str, rule: str, words: str) -> None:
    bad = HOLIDAYS_2027.replace("国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕99号）", source)
    doc, _ = parse(bad.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert [(p.rule, p.level, p.line) for p in problems] == [(rule, "error", 4)]
    assert words in problems[0].message
    assert 2027 not in calendar.extra


def test_a_recorded_year_that_contradicts_the_statutory_festivals_is_flagged() -> None:
    # 中秋 2027-09-15 left out, and a Wednesday written as a make-up working day: likely typing errors.
    bad = HOLIDAYS_2027.replace('      - {name: 中秋节, start: "2027-09-15", end: "2027-09-15"}\n', "")
    bad = bad.replace('"2027-02-20"', '"2027-02-17"')
    doc, _ = parse(bad.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert [(p.rule, p.level) for p in problems] == [("R-040", "warning")] * 2
    assert "2027-09-15 是中秋节" in problems[0].message
    assert "2027-02-17 不是周六或周日" in problems[1].message
    assert 2027 in calendar.extra  # warnings only: the reviewer decides


def test_the_real_2026_notice_recorded_matches_the_package() -> None:
    """The 2026 notice typed into holidays.yaml (the R-040 example) gives no warning and the same
    working days as chinesecalendar: the file format and the statutory cross-check fit a real year."""
    from generator.rules.calendar import holiday_file

    example = (holiday_file.__doc__ or "").split("通过：")[-1]
    text = "\n".join(line[8:] for line in example.splitlines() if line.strip())
    doc, _ = parse(text.encode(), "catalog/holidays.yaml")
    assert doc is not None
    calendar, problems = calendar_from_documents([doc])
    assert problems == [] and 2026 in calendar.extra
    day = D("2026-01-01")
    while day.year == 2026:
        assert calendar.is_workday(day) == CAL.is_workday(day), day
        day += dt.timedelta(days=1)
