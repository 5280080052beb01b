"""The rule registry: every rule documented with its article and examples; S-008 fallback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import schemas
from generator.rules import RULES, documented
from generator.yamlfile import parse


def test_ids_are_stable_and_well_formed() -> None:
    ids = [rule.id for rule in documented()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[FSRP]-\d{3}", i) for i in ids)
    assert {"R-025", "R-026", "R-027", "R-028", "R-029", "R-033", "R-034", "R-035", "R-036", "R-037", "R-038", "R-041"} <= set(ids)
    assert {"F-001", "S-001", "R-001", "R-022"} <= set(ids)


def test_every_check_rule_cites_and_shows_examples() -> None:
    for rule in RULES.values():
        if rule.scope in ("resource", "department", "catalog"):
            assert re.search(r"\n不通过[：（]", rule.doc), rule.id
            assert re.search(r"\n通过[：（]", rule.doc.split("不通过")[-1]), rule.id
            assert re.search(r"\n依据[（：]", rule.doc), rule.id
            assert re.search(r"(贵州|吉林|滨州|修武|广西|GB|指南|法》|目录记录规则|国务院办公厅)", rule.doc), rule.id
        assert rule.doc and not rule.doc.isascii(), rule.id
        assert rule.title and not rule.title.isascii(), rule.id


def test_unhandled_schema_keyword_falls_back_to_s008(monkeypatch: object) -> None:
    doc, _ = parse(b"count: 3\n", "f.yaml")
    assert doc is not None
    schemas.schema.cache_clear()
    schemas._fast.cache_clear()
    schemas._full.cache_clear()
    original = schemas.schema
    fake = {"type": "object", "properties": {"count": {"title": "数量", "multipleOf": 2}}}
    try:
        schemas.schema = lambda kind: fake  # type: ignore[assignment]
        problems = schemas.validate("resource", doc)
    finally:
        schemas.schema = original  # type: ignore[assignment]
        schemas._fast.cache_clear()
        schemas._full.cache_clear()
    assert [(p.rule, p.line) for p in problems] == [("S-008", 1)]
    assert problems[0].message.startswith("「数量」不符合目录标准")


def test_rule_messages_name_no_article_the_profile_adds_it(tmp_path: Path) -> None:
    """The same failing resource cites 贵州 under guizhou and 滨州 under binzhou, never both."""
    from conftest import BASE

    from generator.validate import validate_folder

    messages = {}
    for profile in ("guizhou", "binzhou"):
        target = tmp_path / profile
        shutil.copytree(BASE, target)
        registry = target / "registry.yaml"
        registry.write_text(registry.read_text(encoding="utf-8").replace("profile: national", f"profile: {profile}"), encoding="utf-8")
        path = target / "gongan" / "301001-000001.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("  condition: 仅向承担人口服务管理职责的部门提供\n", ""), encoding="utf-8")
        _, problems = validate_folder(target, "catalog", "2026-11-22")
        messages[profile] = [p.message for p in problems if p.rule == "R-001"]
    assert messages["guizhou"] == ["有条件共享必须写明共享条件（share.condition）（贵州 第二十一条）"]
    assert messages["binzhou"] == [
        "有条件共享必须写明共享条件（share.condition）（滨州 第五条）。第五条只界定有条件共享类（可提供给相关政务部门共享使用"
        "或仅能够部分提供给所有政务部门共享使用），没有要求目录条目写明共享条件；写明条件便于使用部门申请，只作提示"
    ]


def test_an_off_rule_is_not_run_and_a_warning_profile_lowers_the_level() -> None:
    from generator.problems import Problem
    from generator.profiles import resolve

    national, _ = resolve("national", None)
    problem = Problem("a.yaml", 3, 1, "R-007", "error", "基础信息资源必须无条件共享")
    lowered = national.apply(problem)
    assert lowered.level == "warning" and "国发〔2016〕51号" in lowered.message and "只作建议" in lowered.message
    guizhou, _ = resolve("guizhou", None)
    assert guizhou.apply(problem).level == "error" and guizhou.apply(problem).message.endswith("（贵州 第二十二条）")
    assert not national.applies("R-010") and guizhou.applies("R-010")


@pytest.mark.parametrize(
    ("text", "rule", "level", "hint"),
    [
        ("  type: 有條件共享", "R-035", "error", "请写作简体“有条件共享”"),
        ("name: 電梯維護保養記錄", "R-035", "warning", "简体写作“电梯维护保养记录”"),
    ],
)
def test_traditional_script_gets_a_simplified_suggestion(base_catalog: Path, text: str, rule: str, level: str, hint: str) -> None:
    from generator.validate import validate_folder

    path = base_catalog / "gongan" / "301001-000001.yaml"
    original = path.read_text(encoding="utf-8")
    replaced = original.replace("  type: 有条件共享", text) if "type" in text else original.replace("name: 流动人口居住登记信息", text)
    path.write_text(replaced, encoding="utf-8")
    _, problems = validate_folder(base_catalog, "catalog", "2026-11-22")
    found = [p for p in problems if p.path.endswith("301001-000001.yaml")]
    assert [(p.rule, p.level) for p in found] == [(rule, level)], found
    assert hint in found[0].message and "S-003" not in [p.rule for p in found]


def test_traditional_base_item_gets_the_simplified_spelling(base_catalog: Path) -> None:
    from generator.validate import validate_folder

    path = base_catalog / "gongan" / "101001-000001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  item: 人口", "  item: 電子證照").replace("code: 101001", "code: 104001"), encoding="utf-8")
    (base_catalog / "gongan" / "101001-000001.yaml").rename(base_catalog / "gongan" / "104001-000001.yaml")
    _, problems = validate_folder(base_catalog, "catalog", "2026-11-22")
    r008 = [p for p in problems if p.rule == "R-008"]
    assert r008 and "“電子證照”是繁体字，简体写作“电子证照”" in r008[0].message


def test_a_national_recommendation_names_its_national_source() -> None:
    from generator.problems import Problem
    from generator.profiles import resolve

    national, _ = resolve("national", None)
    warned = national.apply(Problem("a.yaml", 3, 1, "R-001", "error", "有条件共享必须写明共享条件（share.condition）"))
    assert warned.level == "warning"
    assert warned.message == (
        "有条件共享必须写明共享条件（share.condition）（《政务信息资源目录编制指南（试行）》（发改高技〔2017〕1272号））。"
        "全国性文件的条文未收录在本目录中，此项只作建议"
    )
    kept = national.apply(Problem("a.yaml", 3, 1, "R-013", "error", "资源代码重复"))
    assert (kept.level, kept.message) == ("error", "资源代码重复")
