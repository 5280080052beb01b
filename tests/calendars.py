"""Fixtures about which years of the holiday schedule are recorded.

The tests of provisional (暂定) dates need a year that no installed package records. Today that is
2027 (chinesecalendar stops at 2026); ``until_2026`` keeps it so when a newer chinesecalendar that
records 2027 is installed, by limiting the package's years to 2004–2026 for the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.law import workdays

HOLIDAYS_2027 = """\
years:
  - year: 2027
    # Test data shaped like a State Council notice (the 2027 notice is not published yet).
    source: 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕99号）
    holidays:
      - {name: 元旦, start: "2027-01-01", end: "2027-01-03"}
      - {name: 春节, start: "2027-02-05", end: "2027-02-12"}
      - {name: 清明节, start: "2027-04-03", end: "2027-04-05"}
      - {name: 劳动节, start: "2027-05-01", end: "2027-05-05"}
      - {name: 端午节, start: "2027-06-09", end: "2027-06-09"}
      - {name: 中秋节, start: "2027-09-15", end: "2027-09-15"}
      - {name: 国庆节, start: "2027-10-01", end: "2027-10-07"}
    workdays:
      - {date: "2027-02-20", name: 春节调休}
"""
"""A recorded 2027 schedule (catalog/holidays.yaml) for the tests of years no package records."""


@pytest.fixture
def until_2026(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    recorded = workdays.package_years()
    assert 2026 in recorded, "chinesecalendar must record 2026 for these tests"
    monkeypatch.setattr(workdays, "package_years", lambda: frozenset(y for y in recorded if y <= 2026))
    yield
