"""The applicability table (generator/applicability.py) and ``catalog rules``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BASE, REPO

from generator import applicability
from generator.cli import main
from generator.profiles import BUILTIN, resolve

DOC = REPO / "docs" / "about" / "profiles.md"
REGIONS = ("贵州", "吉林", "滨州", "修武", "广西")


def rules_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["rules", "--format", "json", *args]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


@pytest.mark.parametrize("name", BUILTIN)
def test_json_shape_and_own_citations(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = rules_json(capsys, "--profile", name)
    assert rows and all(set(row) == {"rule", "level", "citation", "checked", "reason"} for row in rows)
    assert all(row["level"] in ("error", "warning", "off") for row in rows)
    assert all(row["checked"] == (row["level"] != "off") for row in rows)
    own = {resolve(name, None)[0].short} - {""}
    for row in rows:
        assert applicability.jurisdictions(str(row["citation"]) + str(row["reason"]), REGIONS) <= own, row
    unchecked = [row for row in rows if str(row["rule"]).startswith("U-")]
    assert all(str(row["reason"]).startswith("不检查：") for row in unchecked)


def test_a_rule_that_must_not_fire_is_off_or_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    guizhou = {row["rule"]: row for row in rules_json(capsys, "--profile", "guizhou")}
    guangxi = {row["rule"]: row for row in rules_json(capsys, "--profile", "guangxi")}
    assert guangxi["P-003"]["level"] == "error" and guizhou["P-003"]["level"] == "off"
    assert guizhou["P-004"]["citation"] == "贵州 第二十五条" and guangxi["P-004"]["citation"].startswith("广西 第二十二条")
    assert guizhou["R-026"]["level"] == "error" and guangxi["R-026"]["level"] == "off"
    assert guangxi["R-007"]["level"] == "warning" and "国发〔2016〕51号" in guangxi["R-007"]["citation"]


def test_the_catalog_s_own_profile_with_its_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(BASE, tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    rows = {row["rule"]: row for row in rules_json(capsys)}
    assert rows["R-010"]["level"] == "off" and rows["R-034"]["level"] == "error"
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert "规则配置：national（全国基线）" in text and "notice  30 个自然日（测试市政务数据资源目录管理细则 第十二条）" in text


def test_without_a_catalog_or_a_profile_it_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    assert "--profile" in capsys.readouterr().err


def test_docs_page_is_the_generated_table() -> None:
    """``docs/about/profiles.md`` is written by ``catalog rules --all --format markdown``."""
    from generator.site.pages import profiles_document

    assert DOC.read_text(encoding="utf-8") == profiles_document()


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [text for value in node.values() for text in _descriptions(value)]
    if isinstance(node, list):
        return [text for value in node for text in _descriptions(value)]
    return []


def test_text_shown_under_every_profile_cites_no_region() -> None:
    """Docstrings' 依据 lines, the schemas' descriptions (form hints and the field reference) and the
    federation page are the same under every profile: they cite national sources, the record rule,
    or say "按规则配置" (the rules page shows the profile's own citation per rule)."""
    from generator import rules
    from generator.site.fields import REFERENCE_KINDS

    for entry in rules.documented():
        for line in entry.doc.split("\n\n"):
            if line.startswith("依据：") or line.startswith("依据（") and not line.startswith("依据（按规则配置"):
                assert not applicability.jurisdictions(line, REGIONS), (entry.id, line)
    for kind, _ in REFERENCE_KINDS:
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for text in _descriptions(schema):
            assert not applicability.jurisdictions(text, REGIONS), (kind, text)
    members = (REPO / "generator" / "templates" / "site" / "members.html").read_text(encoding="utf-8")
    assert not applicability.jurisdictions(members, REGIONS)
