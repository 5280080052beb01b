"""The rule registry: every rule documented with its article and examples; S-008 fallback."""

from __future__ import annotations

import re

from generator import schemas
from generator.rules import RULES, documented
from generator.yamlfile import parse


def test_ids_are_stable_and_well_formed() -> None:
    ids = [rule.id for rule in documented()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[FSRP]-\d{3}", i) for i in ids)
    assert {"F-001", "S-001", "R-001", "R-022"} <= set(ids)


def test_every_check_rule_cites_and_shows_examples() -> None:
    for rule in RULES.values():
        if rule.scope in ("resource", "department", "catalog"):
            assert re.search(r"\n不通过[：（]", rule.doc), rule.id
            assert re.search(r"\n通过[：（]", rule.doc.split("不通过")[-1]), rule.id
            assert re.search(r"(贵州|吉林|滨州|修武|广西|GB|指南|一数一源|保存|日历|目录中)", rule.doc), rule.id
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
