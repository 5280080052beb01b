"""The loader: positions, dates as strings, and every unreadable file as a problem, never a traceback."""

from __future__ import annotations

import pytest
import yaml

from generator.load import yamlfile
from generator.load.yamlfile import MAX_BYTES, parse


def test_values_keep_line_and_column() -> None:
    doc, problems = parse(b"a: 1\nb:\n  - x\n  - {c: 2024-01-01}\n", "f.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 1, "b": ["x", {"c": "2024-01-01"}]}
    assert doc.where("b", 1, "c") == (4, 6)
    assert doc.where("b", 0) == (3, 5)
    assert doc.where("missing", "deeper") == (1, 1)
    assert doc.where("b", 7) == (2, 1)


def test_dates_stay_strings() -> None:
    doc, _ = parse(b"published: 2024-03-01\nat: 2024-03-01 10:00:00\n", "f.yaml")
    assert doc is not None
    assert doc.data == {"published": "2024-03-01", "at": "2024-03-01 10:00:00"}


def test_duplicate_key_names_both_lines() -> None:
    doc, problems = parse("name: 甲\nx:\n  y: 1\nname: 乙\n".encode(), "f.yaml")
    assert doc is None
    assert [(p.rule, p.line, p.column) for p in problems] == [("F-002", 4, 1)]
    assert "第 1 行" in problems[0].message


def test_nested_duplicate_key() -> None:
    _, problems = parse(b"share:\n  type: a\n  type: b\n", "f.yaml")
    assert [(p.rule, p.line, p.column) for p in problems] == [("F-002", 3, 3)]


def test_utf8_bom_is_accepted() -> None:
    doc, problems = parse("\ufeffname: 户籍\n".encode(), "f.yaml")
    assert problems == [] and doc is not None and doc.data == {"name": "户籍"}


def test_gb18030_bytes_point_at_their_line() -> None:
    _, problems = parse("a: 1\nname: 户籍\n".encode("gb18030"), "f.yaml")
    assert [(p.rule, p.line, p.column) for p in problems] == [("F-003", 2, 7)]


def test_too_large_file() -> None:
    _, problems = parse(b"a: " + b"x" * MAX_BYTES + b"\n", "f.yaml")
    assert [p.rule for p in problems] == ["F-004"]


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    _, problems = parse("\n".join(lines).encode(), "f.yaml")
    assert [p.rule for p in problems] == ["F-004"]


def test_empty_and_comment_only_files() -> None:
    for raw in (b"", b"\n\n", b"# only a comment\n", b"---\n"):
        doc, problems = parse(raw, "f.yaml")
        assert doc is None and [p.rule for p in problems] == ["F-005"], raw


def test_custom_tags_and_merge_keys_are_refused() -> None:
    for raw in (b"a: !!python/object:os.system x\n", b"base: &b {x: 1}\nother:\n  <<: *b\n"):
        doc, problems = parse(raw, "f.yaml")
        assert doc is None and [p.rule for p in problems] == ["F-012"], raw
        assert "Traceback" not in problems[0].message


def test_syntax_errors_are_explained_in_chinese() -> None:
    cases = {
        b"a:\n\tb: 1\n": (2, "Tab"),
        "k: 户籍: 人口\n".encode(): (1, "冒号"),
        b"a: [1, 2\n": (2, "方括号"),
        b"a: 1\nb: 'x\nc: 2\nd: 3\n": (2, "引号没有闭合"),
        b'a: 1\nb: "x\nc: 2\n': (2, "引号没有闭合"),
        b'a: 1\nb: "x\nc: 2\nd: "y"\ne: 3\n': (2, "引号直到第 4 行才闭合，很可能是少写了结束的引号"),
        b"a: [1, 2\nb: 3\nc: 4\n": (2, "方括号“[ ]”没有闭合（从第 1 行开始）"),
        b"a: 1\n---\nb: 2\n": (2, "一个文件只能有一个"),
    }
    for raw, (line, words) in cases.items():
        _, problems = parse(raw, "f.yaml")
        assert [(p.rule, p.line) for p in problems] == [("F-001", line)], raw
        assert words in problems[0].message, problems[0].message


def test_a_quoted_value_over_several_lines_is_still_fine() -> None:
    doc, problems = parse(b'a: "one\n  two"\nb: 1\n', "f.yaml")
    assert problems == [] and doc is not None and doc.data == {"a": "one two", "b": 1}


@pytest.mark.parametrize("base", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)], ids=["python", "libyaml"])
def test_deep_nesting_is_f011_with_either_parser(base: type, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml 0.2.5+ stops at 1,000 levels itself ("exceeded maximum nesting depth"); PyYAML's
    own parser has no limit and the builder stops at MAX_DEPTH. Both are the same problem."""
    monkeypatch.setattr(yamlfile, "_Loader", yamlfile.loader_class(base))
    for raw in (b"a: " + b"[" * 200_000 + b"]" * 200_000, b"a: " + b"{b: " * 5000 + b"1" + b"}" * 5000):
        _, problems = parse(raw, "f.yaml")
        assert [(p.rule, p.line) for p in problems] == [("F-011", 1)], problems
        assert "嵌套超过" in problems[0].message


@pytest.mark.parametrize(
    ("written", "read_as", "advice"),
    [
        ("010", "8", "写成 10"),
        ("-012", "-10", "写成 -12"),
        ("0x20", "32", "十六进制"),
        ("0b11", "3", "二进制"),
        ("1:30", "90", "六十进制"),
        ("1_000", "1000", "下划线"),
        ("1:30.5", "90.5", "六十进制"),
    ],
)
def test_yaml_1_1_number_forms_are_refused(written: str, read_as: str, advice: str) -> None:
    """PyYAML reads these as octal, hex, binary, base 60 or without underscores; nothing else does."""
    doc, problems = parse(f"name: x\nlength: {written}\n".encode(), "f.yaml")
    assert doc is None
    assert [(p.rule, p.line, p.column) for p in problems] == [("F-014", 2, 9)]
    assert f"“{written}”" in problems[0].message and f"读成了 {read_as}" in problems[0].message
    assert advice in problems[0].message and f'"{written}"' in problems[0].message


def test_plain_numbers_and_quoted_forms_are_kept() -> None:
    doc, problems = parse(b"a: 10\nb: -3\nc: 0\nd: 1.5\ne: '010'\nf: \"1:30\"\ng: 0128\nh: 0o17\n", "f.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": 10, "b": -3, "c": 0, "d": 1.5, "e": "010", "f": "1:30", "g": "0128", "h": "0o17"}


@pytest.mark.parametrize(
    ("codec", "named"),
    [
        ("utf-16", "UTF-16 编码"),
        ("utf-32", "UTF-32 编码"),
        ("utf-16-le", "没有字节顺序标记（BOM）的 UTF-16"),
        ("utf-16-be", "没有字节顺序标记（BOM）的 UTF-16"),
        ("utf-32-le", "没有字节顺序标记（BOM）的 UTF-32"),
        ("utf-32-be", "没有字节顺序标记（BOM）的 UTF-32"),
    ],
)
def test_wide_encodings_are_named(codec: str, named: str) -> None:
    doc, problems = parse("code: 301001/000001\nname: 流动人口\n".encode(codec), "f.yaml")
    assert doc is None and [(p.rule, p.line) for p in problems] == [("F-003", 1)], problems
    assert named in problems[0].message and "UTF-8" in problems[0].message
    if codec in ("utf-16", "utf-32"):
        assert "BOM" not in problems[0].message and ("UTF-16" in problems[0].message) == (codec == "utf-16")


def test_binary_data_is_still_a_nul_byte() -> None:
    _, problems = parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "f.yaml")
    assert [p.rule for p in problems] == ["F-010"] and "空字节" in problems[0].message
