"""The personal-data detectors (generator/load/personal.py) behind rules R-030 to R-032."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from generator.load import personal
from generator.validate.files import validate_folder

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


def _mistyped_card_like_id() -> str:
    """An ID number with a wrong check character that also passes the bank-card (Luhn) check."""
    for digit in "0123456789":
        number = VALID_ID[:17] + digit
        if personal.luhn(number) and not personal.is_id_number(number):
            return number
    raise AssertionError("no such number")


def test_id_number_with_wrong_check_character_is_an_id_not_a_bank_card() -> None:
    number = _mistyped_card_like_id()
    assert personal.bank_cards(f"例如 {number}") == []
    found = personal.id_numbers(f"例如 {number}")
    assert [m.text for m in found] == [number] and "校验码不符" in found[0].note
    assert personal.id_numbers(VALID_ID)[0].note == ""


def test_wrong_check_character_is_reported_as_id_number(base_catalog: Path) -> None:
    number = _mistyped_card_like_id()
    target = base_catalog / "gongan" / "101001-000001.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("name: 姓名, type: C", f"name: 姓名, description: 例如 {number}, type: C"), encoding="utf-8")
    _, problems = validate_folder(base_catalog, "catalog", TODAY)
    assert [(p.rule, p.level) for p in problems] == [("R-030", "warning")]
    assert "疑似居民身份证号码" in problems[0].message and "校验码不符" in problems[0].message
    assert "疑似银行卡号" not in problems[0].message and number not in problems[0].message


PERSON_OPEN = """code: 301001/000009
name: 居民户籍登记信息
classification: {class: 部门, item: 测试市公安局}
department: gongan
summary: 居民户籍登记的姓名和公民身份号码等信息。
format: {category: 数据库, type: 达梦数据库}
items:
  - {name: 公民身份号码, type: C, length: 18, identifier: true}
  - {name: 姓名, type: C, length: 50}
share: {type: 无条件共享}
open: {type: 无条件开放}
update_cycle: 每月
published: "2024-05-10"
source_business: 户口登记
subject_type: 自然人
security_level: 公开
mounted: false
status: 在用
"""


@pytest.mark.parametrize("profile", ["national", "guizhou", "jilin", "binzhou", "xiuwu", "guangxi"])
def test_natural_person_data_cannot_be_unconditionally_open(base_catalog: Path, profile: str) -> None:
    """The resource of issue 12 §4 passed before: now R-034 refuses it under every profile, citing
    the personal-information law's article that is registered in catalog/legal_bases.yaml."""
    registry = base_catalog / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("profile: national", f"profile: {profile}"), encoding="utf-8")
    (base_catalog / "gongan" / "301001-000009.yaml").write_text(PERSON_OPEN, encoding="utf-8")
    _, problems = validate_folder(base_catalog, "catalog", TODAY)
    found = [p for p in problems if p.rule == "R-034"]
    assert [(p.path, p.line, p.level) for p in found] == [("catalog/gongan/301001-000009.yaml", 11, "error")]
    assert "“公民身份号码”、“姓名”" in found[0].message and "安全级别为“公开”" in found[0].message
    assert "《中华人民共和国个人信息保护法》第二十五条" in found[0].message


def test_the_cited_article_is_registered_in_the_sample_legal_bases() -> None:
    from conftest import REPO

    from generator.load.catalog import load, read_folder

    catalog, _ = load(read_folder(REPO / "catalog"))
    basis = catalog.legal_bases["pipl-25"]
    assert (basis.name, basis.article, basis.kind) == ("中华人民共和国个人信息保护法", "第二十五条", "法律")


def test_open_data_without_personal_items_may_be_open(base_catalog: Path) -> None:
    text = PERSON_OPEN.replace("  - {name: 公民身份号码, type: C, length: 18, identifier: true}\n  - {name: 姓名, type: C, length: 50}", "  - {name: 户籍人口数, type: I}")
    (base_catalog / "gongan" / "301001-000009.yaml").write_text(text.replace("subject_type: 自然人", "subject_type: 其他"), encoding="utf-8")
    _, problems = validate_folder(base_catalog, "catalog", TODAY)
    assert [p.rule for p in problems if p.path.endswith("301001-000009.yaml")] == []


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
