"""The personal-data detectors (generator/personal.py) behind rules R-030 to R-032."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from generator import personal
from generator.validate import validate_folder

VALID_ID = "11010519491231002X"
"""The GB 11643—1999 example: born 1949-12-31, check character X."""


def test_id_number_check_character_and_birth_date() -> None:
    assert personal.id_check_character(VALID_ID[:17]) == "X"
    assert personal.is_id_number(VALID_ID) and personal.is_id_number(VALID_ID.lower())
    assert not personal.is_id_number("110105194912310021"), "wrong check character"
    assert not personal.is_id_number("110105194913310029"), "month 13"
    assert not personal.is_id_number("110105202302290011"), "2023-02-29 does not exist"
    assert not personal.is_id_number("110105180001010011"), "born before 1900"
    assert not personal.is_id_number("01010519491231002X"), "no area code starts with 0"


@pytest.mark.parametrize("text", [f"例如{VALID_ID}。", f"身份证号：{VALID_ID.lower()}", f"{VALID_ID}"])
def test_id_number_found_in_text(text: str) -> None:
    assert [m.text.upper() for m in personal.id_numbers(text)] == [VALID_ID]


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # check character wrong
        f"9{VALID_ID}",  # part of a longer run
        f"{VALID_ID}0",
        "101001/000001 与 3010010010/000001",  # resource codes
        "11990100001000037H、91350100M000100Y43、11990100001000029N",  # 统一社会信用代码
        "2024-05-10，20240510，人口 12345678901234 人",
    ],
)
def test_no_id_number_false_positive(text: str) -> None:
    assert personal.id_numbers(text) == []


@pytest.mark.parametrize("text", ["电话13912345678", "+8613912345678", "+86 13912345678", "手机：19900001111。"])
def test_mobile_found(text: str) -> None:
    assert [m.text for m in personal.mobile_numbers(text)] in (["13912345678"], ["19900001111"])


@pytest.mark.parametrize(
    "text",
    ["12912345678", "213912345678", "139123456789", "0990-7654321", "8613912345678", "3.13912345678", VALID_ID, "A13912345678"],
)
def test_no_mobile_false_positive(text: str) -> None:
    assert personal.mobile_numbers(text) == []


def test_luhn() -> None:
    assert personal.luhn("4111111111111111") and personal.luhn("6222020200112233446")
    assert not personal.luhn("4111111111111112") and not personal.luhn("6222020200112233445")


@pytest.mark.parametrize("text", ["卡号 4111111111111111", "6222020200112233446", "4111 1111 1111 1111", "6222 0202 0011 2233 446"])
def test_bank_card_found(text: str) -> None:
    assert len(personal.bank_cards(text)) == 1


@pytest.mark.parametrize(
    "text",
    ["4111111111111112", "411111111111111", "41111111111111111111", VALID_ID, "17990100001000037Y", "2024-01-01 2024-01-01"],
)
def test_no_bank_card_false_positive(text: str) -> None:
    assert personal.bank_cards(text) == []


def test_mask_keeps_only_the_ends() -> None:
    assert personal.mask(VALID_ID) == "110*************2X"
    assert personal.mask("13912345678") == "139******78"


def test_warnings_name_the_field_and_never_repeat_the_number(base_catalog: Path) -> None:
    target = base_catalog / "gongan" / "101001-000001.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("name: 姓名, type: C", "name: 姓名, description: 联系 13912345678 或 4111111111111111, type: C"), encoding="utf-8")
    _, problems = validate_folder(base_catalog, "catalog", TODAY)
    found = sorted((p.rule, p.level) for p in problems)
    # Warnings leave the resource in the catalog: no R-015 for the resource that refers to it.
    assert found == [("R-031", "warning"), ("R-032", "warning")]
    for problem in problems:
        assert "第 2 个信息项" in problem.message
        assert "13912345678" not in problem.message and "4111111111111111" not in problem.message
