"""Jurisdiction profiles: the five example registries, and what differs between them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS, TODAY

from generator.profiles import BUILTIN, resolve
from generator.validate import validate_folder

EXAMPLES = TESTS / "profiles"


@pytest.mark.parametrize("name", ["guizhou", "jilin", "binzhou", "xiuwu", "guangxi"])
def test_example_registry_is_clean_under_its_profile(name: str) -> None:
    catalog, problems = validate_folder(EXAMPLES / name / "catalog", name, TODAY)
    assert problems == []
    assert catalog.profile.id == name
    assert len(catalog.resources) == 2


def test_every_builtin_profile_resolves() -> None:
    for name in BUILTIN:
        profile, problems = resolve(name, None)
        assert problems == [] and profile.id == name
        assert {"notice", "notice_mounted", "catalog_update"} <= set(profile.deadlines)


def test_deadlines_follow_the_regulations() -> None:
    """The table at the end of DOMAIN.md."""
    guizhou, jilin, binzhou, xiuwu, guangxi = (resolve(n, None)[0] for n in BUILTIN[1:])
    assert (guizhou.deadlines["catalog_update"].days, guizhou.deadlines["catalog_update"].unit) == (15, "工作日")
    assert guizhou.deadlines["conditional_share_answer"].days == 10
    assert binzhou.deadlines["conditional_share_answer"].days == 5
    assert xiuwu.deadlines["catalog_update"].days == 10
    assert xiuwu.deadlines["update_review"].days == 5
    assert guangxi.deadlines["catalog_update"].basis == "广西 第三十九条"
    assert (guangxi.deadlines["notice"].days, guangxi.deadlines["notice"].unit) == (30, "自然日")
    assert (guangxi.deadlines["notice_mounted"].days, guangxi.deadlines["notice_mounted"].unit) == (30, "工作日")
    assert guangxi.deadlines["review_answer"].days == 3
    assert guangxi.deadlines["review_answer_mounted"].days == 5
    assert "conditional_share_answer" not in jilin.deadlines


def test_share_types_and_base_sets_differ() -> None:
    profiles = {name: resolve(name, None)[0] for name in BUILTIN}
    assert profiles["guizhou"].share_types == ("无条件共享", "有条件共享")
    assert "不予共享" in profiles["binzhou"].share_types
    assert len(profiles["guizhou"].base_resources) == 4
    assert len(profiles["jilin"].base_resources) == 6
    assert len(profiles["binzhou"].base_resources) == 4
    assert len(profiles["xiuwu"].base_resources) == 4
    assert len(profiles["guangxi"].base_resources) == 5
    assert "宏观经济" in profiles["jilin"].base_resources
    assert "社会信用" in profiles["guangxi"].base_resources
    assert "社会信用" not in profiles["guizhou"].base_resources


def _move(resource: Path, into: str, tmp_path: Path) -> Path:
    target = tmp_path / into
    shutil.copytree(EXAMPLES / into / "catalog", target)
    shutil.copy(resource, target / "gongan" / resource.name)
    return target


def test_negative_share_is_refused_in_guizhou(tmp_path: Path) -> None:
    jilin_negative = EXAMPLES / "jilin" / "catalog" / "gongan" / "301001-000001.yaml"
    target = _move(jilin_negative, "guizhou", tmp_path)
    _, problems = validate_folder(target, "catalog", TODAY)
    assert [(p.rule, p.line) for p in problems] == [("R-006", 13)]
    assert "贵州 第二十条" in problems[0].message


def test_macroeconomy_is_a_base_resource_only_in_jilin(tmp_path: Path) -> None:
    macro = EXAMPLES / "jilin" / "catalog" / "gongan" / "106001-000001.yaml"
    target = _move(macro, "guizhou", tmp_path)
    _, problems = validate_folder(target, "catalog", TODAY)
    assert [p.rule for p in problems] == ["R-008"]
    assert "人口、法人单位、自然资源和空间地理、电子证照" in problems[0].message


def test_registry_override_changes_a_deadline(tmp_path: Path) -> None:
    target = tmp_path / "catalog"
    shutil.copytree(EXAMPLES / "guangxi" / "catalog", target)
    registry = target / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "overrides:\n  deadlines:\n    notice: {days: 45}\n",
        encoding="utf-8",
    )
    catalog, problems = validate_folder(target, "catalog", TODAY)
    assert problems == []
    assert catalog.profile.deadlines["notice"].days == 45
    assert catalog.profile.deadlines["notice"].unit == "自然日"


def test_invalid_override_is_reported_at_the_registry(tmp_path: Path) -> None:
    target = tmp_path / "catalog"
    shutil.copytree(EXAMPLES / "guangxi" / "catalog", target)
    registry = target / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + "overrides:\n  deadlines:\n    notice: {days: 三十}\n", encoding="utf-8")
    catalog, problems = validate_folder(target, "catalog", TODAY)
    assert [(p.path, p.rule) for p in problems] == [("catalog/registry.yaml", "S-004")]
    assert problems[0].line == text.count("\n") + 1
    assert "「配置覆盖」" in problems[0].message
    assert catalog.profile.deadlines["notice"].days == 30
