"""``generator.load.yamlwrite``: the canonical serialiser reproduces the base and sample catalog files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE

from generator.load.yamlfile import parse
from generator.load.yamlwrite import dump_resource, scalar

SAMPLE = BASE.parents[2].parent / "catalog"
RESOURCES = sorted(SAMPLE.glob("*/[0-9]*.yaml"))


@pytest.mark.parametrize("path", RESOURCES, ids=[f"{p.parent.name}/{p.stem}" for p in RESOURCES])
def test_sample_catalog_files_are_canonical(path: Path) -> None:
    raw = path.read_bytes()
    doc, problems = parse(raw, path.name)
    assert doc is not None and not problems
    assert dump_resource(doc.data).encode("utf-8") == raw


@pytest.mark.parametrize("path", sorted(BASE.glob("*/[0-9]*.yaml")), ids=lambda p: p.stem)
def test_canonical_form_reads_back_as_the_same_data(path: Path) -> None:
    doc, _ = parse(path.read_bytes(), path.name)
    text = dump_resource(doc.data)
    again, problems = parse(text.encode("utf-8"), path.name)
    assert not problems and again is not None and again.data == doc.data
    assert dump_resource(again.data) == text


@pytest.mark.parametrize(
    ("value", "block", "expected"),
    [
        ("户籍人口基本信息", True, "户籍人口基本信息"),
        ("2024-03-01", True, "2024-03-01"),  # the catalog loader keeps dates as text
        ("01", True, '"01"'),
        ("yes", True, '"yes"'),
        ("a, b", True, "a, b"),
        ("a, b", False, '"a, b"'),
        ("@test", False, '"@test"'),
        ("键: 值", True, '"键: 值"'),
        ("第一行\n第二行", True, '"第一行\\n第二行"'),
        (" 前导空格", True, '" 前导空格"'),
        ("", True, '""'),
        (True, True, "true"),
        (18, True, "18"),
    ],
)
def test_scalars_read_back_as_themselves(value: object, block: bool, expected: str) -> None:
    text = scalar(value, block=block)
    assert text == expected
    wrapped = f"k: {text}\n" if block else f"k: [{text}]\n"
    doc, problems = parse(wrapped.encode("utf-8"), "x.yaml")
    assert doc is not None and not problems
    assert (doc.data["k"] if block else doc.data["k"][0]) == value


def test_keys_follow_the_schema_and_unknown_keys_come_last() -> None:
    text = dump_resource({"zzz": 1, "status": "在用", "code": "301001/000001", "share": {"basis": ["a-b"], "type": "有条件共享"}})
    assert text == "code: 301001/000001\nshare:\n  type: 有条件共享\n  basis: [a-b]\nstatus: 在用\nzzz: 1\n"


def test_data_items_and_format_are_block_mappings() -> None:
    text = dump_resource({"format": {"type": "xlsx", "category": "电子表格"}, "items": [{"type": "D", "name": "日期"}]})
    assert text == "format:\n  category: 电子表格\n  type: xlsx\nitems:\n  - name: 日期\n    type: D\n"
