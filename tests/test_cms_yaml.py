"""The form's YAML (``generator/cms/static/catalog-yaml.js``) against the project's own, byte for byte.

The browser code runs in Node with the vendored js-yaml the site ships. What the form writes must
be exactly what :func:`generator.load.yamlwrite.dump_resource` writes for the same data, and what it
reads must be what :mod:`generator.load.yamlfile` reads, so that saving a file in the form changes no
line the clerk did not change.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import REPO
from jsrun import run_js

from generator.load.yamlfile import parse
from generator.load.yamlwrite import dump_resource, key_order, scalar

SAMPLE = sorted((REPO / "catalog").glob("*/[0-9]*.yaml"))

REALISTIC = {
    "status": "在用",
    "code": "301004/000001",
    "name": "居住证签注信息",
    "classification": {"item": "桂川市公安局", "class": "部门", "heading": "人口管理"},
    "department": "gongan",
    "summary": "居住证持有人每年签注的记录。\n包括签注日期、签注机关和有效期限：\n  · 按年签注；\n  · 逾期未签注的证件失效。",
    "format": {"category": "接口", "type": "REST 接口"},
    "items": [
        {"name": "公民身份号码", "type": "C", "length": 18, "identifier": True},
        {"name": "签注次数", "type": "I"},
        {"name": "签注机关", "type": "C", "length": 100, "identifier": False, "description": "派出所名称，例如“江南区民主路派出所”"},
        {"name": "备注: 说明", "type": "M", "description": "#1 号说明, 含逗号"},
    ],
    "share": {
        "type": "有条件共享",
        "condition": "按单人核验方式提供，不提供批量数据",
        "basis": ["juzhuzheng-tiaoli-2", "pipl-34"],
        "scope": "承担随迁子女入学、社会保险职责的政务部门",
        "purpose": ["作为行政依据", "用于数据校核", "yes", "01"],
        "methods": ["数据接口", "联机查询"],
    },
    "open": {"type": "不予开放", "condition": "含个人信息", "basis": ["pipl-34"]},
    "update_cycle": "每日",
    "published": "2026-11-20",
    "related": ["301001/000001"],
    "source_business": "居住证签注",
    "subject_type": "自然人",
    "security_level": "敏感",
    "usage": "仅限履职使用：不得向第三方提供",
    "mounted": False,
    "consumers": ["jiaoyu", "renshe"],
    "unknown_b": 2.5,
    "unknown_a": [{"x": 1}, "y"],
}

SPECIAL = [
    "yes", "No", "on", "OFF", "true", "null", "Null", "~", "", "0", "0771", "0x1F", "0b101", "1_000", "1:20",
    "1.5", "1e3", "1.0e+3", "-.inf", ".NaN", "2024-01-01", "2024-1-1 10:00:00", "<<", "=", "!", "&", "*",
    "---", "...", "--- a", "- a", "-a", "? a", "?a", ": a", ":a", "a: b", "a:b", "a #b", "a#b", "#a", " a",
    "a ", "\na", "a\n", "a \nb", "a\n b", "a\tb", "中文，逗号", "全角：冒号", "a, b", "[a]", "{a}", "a]",
    "@a", "`a", "%a", "|a", ">a", "'a'", '"a"', "a'b", 'a"b', "a\\b", "\u00a0a", "a\u0085b", "a\u2028b",
    "\ufeffa", "a\x07b", "a\x1bb", "a\x7fb", "😀", "𠀀字", "\ue000", "\ufffd", "=a", "<a", "~a", "1:60",
]
ALPHABET = list("aZ09 -:#,[]{}&*!|>'\"%@`?\n\t\\.~=<_+exoy中文，：") + ["\u00a0", "\u0085", "\u2028", "\ufeff", "\x07", "😀", "𠀀", "\ue000"]


def tricky(count: int, seed: int = 14) -> list[str]:
    """``count`` strings mixing YAML's indicators, breaks, Chinese and non-BMP characters (fixed seed)."""
    chooser = random.Random(seed)
    return [
        "".join(chooser.choice(ALPHABET) for _ in range(chooser.randint(1, 8))) for _ in range(count)
    ]


def test_every_sample_file_reads_and_writes_back_to_the_same_bytes() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE]
    result = run_js("out(input.texts.map((t) => { const d = Y.read(t); return [d, Y.write(d, input.order)]; }))",
                    {"texts": texts, "order": key_order()})
    assert len(result) == len(SAMPLE) > 60
    for path, text, (data, written) in zip(SAMPLE, texts, result, strict=True):
        doc, problems = parse(path.read_bytes(), path.name)
        assert doc is not None and not problems
        assert data == doc.data, f"{path}: the form reads different data than the catalog loader"
        assert written == text, f"{path}: saving unchanged in the form would rewrite the file"


def test_a_realistic_resource_is_written_exactly_as_the_project_writes_it() -> None:
    written = run_js("out(Y.write(input.data, input.order))", {"data": REALISTIC, "order": key_order()})
    assert written == dump_resource(REALISTIC)
    assert '  - name: "备注: 说明"\n    type: M\n    description: "#1 号说明, 含逗号"\n' in written
    assert 'summary: "居住证持有人每年签注的记录。\\n包括' in written
    assert "  purpose: [作为行政依据, 用于数据校核, \"yes\", \"01\"]" in written
    assert written.endswith("consumers: [jiaoyu, renshe]\nstatus: 在用\nunknown_a:\n  - x: 1\n  - y\nunknown_b: 2.5\n")
    doc, problems = parse(written.encode("utf-8"), "x.yaml")
    assert doc is not None and not problems and doc.data == REALISTIC


@pytest.mark.parametrize("block", [True, False], ids=["block", "flow"])
def test_every_scalar_is_quoted_as_pyyaml_would(block: bool) -> None:
    values = SPECIAL + tricky(3000)
    written = run_js("out(input.values.map((v) => Y.scalar(v, input.block)))", {"values": values, "block": block})
    expected = [scalar(value, block=block) for value in values]
    wrong = [(v, w, e) for v, w, e in zip(values, written, expected, strict=True) if w != e]
    assert not wrong, f"{len(wrong)} scalars differ, e.g. {wrong[:5]}"


def test_strings_in_lists_and_keys_round_trip_through_both_writers() -> None:
    values = SPECIAL + tricky(400, seed=7)
    documents = [{"name": v, "share": {"purpose": [v, "x"]}, v or "k": [{"name": v}], "items": [{"description": v}]} for v in values]
    written = run_js("out(input.docs.map((d) => Y.write(d, input.order)))", {"docs": documents, "order": key_order()})
    for document, text in zip(documents, written, strict=True):
        assert text == dump_resource(document)


def test_plain_scalars_read_as_the_catalog_loader_reads_them() -> None:
    plain = ["yes", "No", "on", "1.5", "1e3", "1.0e+3", "-1.5",
             "+12", "~", "null", "2024-01-01", "2024-01-01 10:00:00", "0", "-0", ".5", "1.", "abc", "中文"]
    text = "".join(f"k{i}: {value}\n" for i, value in enumerate(plain)) + "empty:\n"
    data = run_js("out(Y.read(input.text))", {"text": text})
    doc, problems = parse(text.encode("utf-8"), "x.yaml")
    assert doc is not None and not problems
    assert data == doc.data
    assert data["k0"] is True and data["k10"] == "2024-01-01"


def test_yaml_1_1_number_forms_are_refused_by_the_loader_and_quoted_by_the_form() -> None:
    """The loader refuses ``0771``, ``0x1F``, ``1:20``… (F-014); the form never writes them plain."""
    forms = ["0771", "0x1F", "0b101", "1_000", "1:20", "190:20:30"]
    for value in forms:
        doc, problems = parse(f"k: {value}\n".encode(), "x.yaml")
        assert doc is None and [p.rule for p in problems] == ["F-014"], value
    written = run_js("out(input.map((v) => Y.scalar(v, true)))", forms)
    for value, shown in zip(forms, written, strict=True):
        doc, problems = parse(f"k: {shown}\n".encode(), "x.yaml")
        assert doc is not None and doc.data == {"k": value}, (value, shown, problems)


def test_fields_nobody_filled_in_are_left_out() -> None:
    data = {"code": "301004/000001", "provider_unit": "", "usage": None, "related": [], "share": {"type": "无条件共享", "basis": [], "scope": ""},
            "items": [{"name": "姓名", "type": "C", "length": 50, "description": ""}, {}], "mounted": False}
    pruned = run_js("out(Y.prune(input))", data)
    assert pruned == {"code": "301004/000001", "share": {"type": "无条件共享"}, "items": [{"name": "姓名", "type": "C", "length": 50}], "mounted": False}


def test_integral_and_fractional_numbers() -> None:
    numbers = [0, 18, -3, 1000000, 2.5, 0.1, 1e-05, 1.5e-10, 123456.789, 1e300]
    written = run_js("out(input.map((n) => Y.scalar(n, true)))", numbers)
    assert written == [scalar(n) for n in numbers]


def test_the_shipped_script_is_the_one_tested() -> None:
    """The admin pages copy ``static/catalog-yaml.js`` as is (no build step could change it)."""
    from generator.cms import admin

    assert "catalog-yaml.js" in admin.STATIC
    assert Path(admin.HERE / "static" / "catalog-yaml.js").read_bytes() == (REPO / "generator/cms/static/catalog-yaml.js").read_bytes()
