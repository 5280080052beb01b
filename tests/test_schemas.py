"""The schema stage: both validators give one verdict, and every message names the field and the fix."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
import pytest
from conftest import REPO

from generator import SCHEMA_DIR
from generator.load import schemas
from generator.load.yamlfile import parse, strings

BASE = REPO / "tests" / "corpus" / "base" / "catalog"


def _patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


def _catalog_strings() -> set[str]:
    texts: set[str] = set()
    for path in sorted(BASE.rglob("*.yaml")):
        doc, _ = parse(path.read_bytes(), str(path))
        assert doc is not None
        texts |= {text for _, text in strings(doc.data)}
    return texts


PATTERNS = sorted(set().union(*(_patterns(json.loads(p.read_text(encoding="utf-8"))) for p in SCHEMA_DIR.glob("*.json"))))
EXAMPLES = {
    "a@b.cn", "0771-1234567", "@test-gongan", "org/team", "https://flk.npc.gov.cn/", "2024-05-10", "101001/000001",
    "11990100001000029N", "gongan", "pipl-13", "45", "450100", "share.type", "１０１００１/０００００１", "x", "",
    "R-007", "U-001",  # rule ids in the profiles' applicability tables, unchecked provisions
    "国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）", "https://www.gov.cn/zhengce/content/",
}
PROBES = sorted(
    {variant for text in _catalog_strings() | EXAMPLES for variant in (text, text + "\n", text + "\r\n", "\n" + text, text + " ", text + "\u3000")}
)


def test_the_schemas_have_patterns_and_the_probes_match_some() -> None:
    assert len(PATTERNS) >= 10
    full = schemas.Reference({"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
    assert full.is_valid("2024-05-10") and not full.is_valid("2024-05-10\n")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_both_validators_agree_on_every_pattern(pattern: str) -> None:
    """jsonschema-rs follows ECMA-262 (``$`` is the end of the text); the reference validator must too."""
    node = {"type": "string", "pattern": pattern}
    fast, full = schemas.validators(node)
    assert isinstance(fast, type(jsonschema_rs.validator_for({})))
    disagree = [probe for probe in PROBES if fast.is_valid(probe) != full.is_valid(probe)]
    assert disagree == []
    assert any(full.is_valid(probe) for probe in PROBES) or pattern.startswith("^[a-z_]+(")


def test_ecma_pattern_rewrites_only_the_anchor() -> None:
    assert schemas.ecma_pattern(r"^a$") == r"^a\Z"
    assert schemas.ecma_pattern(r"^a\$[$]b$") == r"^a\$[$]b\Z"
    assert schemas.ecma_pattern(r"^(a|b$)") == r"^(a|b\Z)"


def _problems(kind: str, text: str) -> list[tuple[str, int, str]]:
    doc, problems = parse(text.encode(), f"{kind}.yaml")
    assert doc is not None, problems
    return [(p.rule, p.line, p.message) for p in schemas.validate(kind, doc)]


DEPARTMENT = (BASE / "gongan" / "department.yaml").read_text(encoding="utf-8")
RESOURCE = (BASE / "gongan" / "301001-000001.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("phone: 0990-1234567", 'phone: "0990-1234567\\n"', 7),
        ('reviewers: ["@test-gongan"]', 'reviewers: ["@test-gongan\\n"]', 8),
    ],
)
def test_a_value_ending_in_a_line_end_is_refused(old: str, new: str, line: int) -> None:
    assert old in DEPARTMENT
    [(rule, at, message)] = _problems("department", DEPARTMENT.replace(old, new))
    assert (rule, at) == ("S-005", line)
    assert "\\n”（末尾多了 1 个换行符 U+000A）" in message and "\n" not in message


def test_an_email_and_a_url_ending_in_a_line_end_are_refused() -> None:
    email = DEPARTMENT.replace("phone: 0990-1234567", 'phone: 0990-1234567\n  email: "office@gongan.example\\n"')
    [(rule, _, message)] = _problems("department", email)
    assert rule == "S-005" and "「电子邮箱」" in message
    bases = (BASE / "legal_bases.yaml").read_text(encoding="utf-8")
    assert "url:" not in bases and "  article: 第十三条\n" in bases
    broken = bases.replace("  article: 第十三条\n", '  article: 第十三条\n  url: "https://flk.npc.gov.cn/\\n"\n', 1)
    [(rule, _, message)] = _problems("legal_bases", broken)
    assert rule == "S-005" and "末尾多了 1 个换行符" in message


def test_a_trailing_full_width_space_is_named() -> None:
    [(rule, line, message)] = _problems("resource", RESOURCE.replace("status: 在用", 'status: "在用\u3000"'))
    assert (rule, line) == ("S-003", 27)
    assert message.endswith("现在是 “在用\u3000”（末尾多了 1 个全角空格 U+3000）")


def test_a_misspelt_key_gets_a_suggestion() -> None:
    [(rule, line, message)] = _problems("resource", RESOURCE.replace("update_cycle:", "update_cylce:").replace("status: 在用", "status: 在用\nupdate_cycle: 每月"))
    assert (rule, line) == ("S-002", 20)
    assert "不认识的字段「update_cylce」；您是否要写 update_cycle（更新周期）？" in message
    [(_, _, by_title)] = _problems("resource", RESOURCE.replace("mounted: false", "已挂载数据: false\nmounted: false"))
    assert "您是否要写 mounted（已挂载数据）？" in by_title


def test_fields_behind_a_reference_and_in_conditions_have_chinese_names() -> None:
    share = _problems("resource", RESOURCE.replace("  basis: [pipl-13]\nopen:", "  basis: [pipl-13]\n  basiss: [x]\nopen:"))
    [(rule, _, message)] = share
    assert rule == "S-002" and "basis（法律依据）" in message and "您是否要写 basis（法律依据）？" in message
    no_length = RESOURCE.replace("{name: 居住地址, type: C, length: 200}", "{name: 居住地址, type: C}")
    [(rule, line, message)] = _problems("resource", no_length)
    assert (rule, line) == ("S-001", 11)
    assert message == "第 2 个信息项（居住地址）缺少必填字段「数据长度」（length）"


def test_every_property_has_a_chinese_title() -> None:
    for path in SCHEMA_DIR.glob("*.json"):
        root = json.loads(path.read_text(encoding="utf-8"))
        for where, node in _properties(root, ()):
            resolved = schemas.resolve_ref(root, node) or {}
            assert resolved.get("title") and not str(resolved["title"]).isascii(), (path.name, where)


def _properties(node: Any, at: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict) and at[-1:] not in (("if",), ("then",), ("not",)):
                found += [((*at, name), sub) for name, sub in value.items()]
            found += _properties(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _properties(value, (*at, str(index)))
    return found


def test_validators_that_disagree_never_let_a_value_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the explaining validator finds nothing where the fast one failed, the file still fails."""
    doc, _ = parse(b"code: x\n", "f.yaml")
    assert doc is not None

    class Refuses:
        def is_valid(self, _: object) -> bool:
            return False

    monkeypatch.setattr(schemas, "_fast", lambda kind: Refuses())
    monkeypatch.setattr(schemas, "_full", lambda kind: schemas.Reference({}))
    assert [p.rule for p in schemas.validate("resource", doc)] == ["S-008"]
