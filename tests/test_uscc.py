"""统一社会信用代码: GB 32100 check character and the GB 11714 organisation code inside."""

from __future__ import annotations

import pytest

from generator.load.uscc import check_character, inspect, org_check_character


@pytest.mark.parametrize("code", ["11140800558745220K", "11410182005291054B"])
def test_real_codes_are_valid(code: str) -> None:
    assert inspect(code) == []


def test_wrong_check_character_is_serious() -> None:
    findings = inspect("91330106MA27Y4U47Y")
    assert [f.serious for f in findings] == [True]
    assert "第 18 位校验码应为 R" in findings[0].message


def test_organisation_code_checked_separately() -> None:
    body = "11410182" + "00529105" + "5"  # wrong GB 11714 check (should be 4)
    findings = inspect(body + check_character(body))
    assert [f.serious for f in findings] == [True]
    assert "GB 11714" in findings[0].message


def test_org_check_character_x_and_zero() -> None:
    assert org_check_character("00529105") == "4"
    values = {org_check_character(f"{n:08d}") for n in range(200)}
    assert "X" in values and "0" in values


def test_unknown_category_is_only_a_warning() -> None:
    body = "17990100001000037"
    findings = inspect(body + check_character(body))
    assert [f.serious for f in findings] == [False]


@pytest.mark.parametrize("code", ["", "1114080055874522", "11140800558745220I", "1114080055874522OK"])
def test_malformed_codes(code: str) -> None:
    assert [f.serious for f in inspect(code)] == [True]
