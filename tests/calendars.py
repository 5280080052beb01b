"""Fixtures about which years of the holiday schedule are recorded.

The tests of provisional (暂定) dates need a year that no installed package records. Today that is
2027 (chinesecalendar stops at 2026); ``until_2026`` keeps it so when a newer chinesecalendar that
records 2027 is installed, by limiting the package's years to 2004–2026 for the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.law import workdays


@pytest.fixture
def until_2026(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    recorded = workdays.package_years()
    assert 2026 in recorded, "chinesecalendar must record 2026 for these tests"
    monkeypatch.setattr(workdays, "package_years", lambda: frozenset(y for y in recorded if y <= 2026))
    yield
