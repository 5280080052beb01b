"""Safe YAML loading that keeps every value's line and column and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys and turns ``2024-01-01`` into a date; neither is
acceptable for a legal record. This module composes the node tree with libyaml (safe tags only),
then builds plain Python values itself: dates stay strings (the schema checks them), a duplicate key
is a problem, and every value's position is recorded by its path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import Problem

MAX_BYTES = 1_048_576
"""Largest catalog file accepted (1 MiB); a resource file is normally a few KiB."""

MAX_NODES = 200_000
"""Guard against alias bombs: no legitimate catalog file has this many values."""

Path_ = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader without the timestamp resolver: dates stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_STR = "tag:yaml.org,2002:str"

_YAML_HINTS = (
    ("cannot start any token", "这一行有不能出现在开头的字符（如 Tab、@、`），缩进请用空格，特殊字符请加引号"),
    ("did not find expected ',' or ']'", "方括号“[ ]”没有闭合"),
    ("did not find expected ',' or '}'", "花括号“{ }”没有闭合"),
    ("mapping values are not allowed", "此处不能出现冒号“:”；值里含有冒号时，请用引号把整个值括起来"),
    ("could not find expected ':'", "缺少冒号“:”，每个字段应写成“字段名: 值”"),
    ("did not find expected key", "缩进不一致，或列表项缺少“- ”"),
    ("expected <block end>", "缩进不一致，同一层的字段必须左对齐"),
    ("did not find expected '-'", "列表项缺少“- ”或缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("expected a single document", "一个文件只能有一个 YAML 文档，不要用“---”分隔多个文档"),
    ("found unknown escape character", "双引号中的反斜杠“\\”用法不对，可改用单引号"),
    ("found unhashable key", "字段名不能是列表或映射"),
    ("could not determine a constructor", "不支持的 YAML 标签（以“!”开头）"),
)


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its value and the position of every value in it."""

    path: str
    """Repository-relative path with forward slashes."""
    data: Any
    """The plain value: dicts, lists, str, int, float, bool, None."""
    positions: Mapping[Path_, tuple[int, int]] = field(repr=False)
    """1-based (line, column) of each value, keyed by its path of keys and indices."""

    def where(self, *keys: str | int) -> tuple[int, int]:
        """Position of the value at ``keys``, or of its nearest existing parent."""
        path: Path_ = tuple(keys)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Invalid(Exception):
    def __init__(self, rule: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column = rule, message, line, column


def parse(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes. Returns the document, or ``None`` and the reasons it cannot be read."""
    try:
        return _parse(raw, path), []
    except _Invalid as bad:
        return None, [Problem(path, bad.line, bad.column, bad.rule, "error", bad.message)]


def load(file_path: str, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse a file from disk; ``display_path`` is how problems name it."""
    try:
        with open(file_path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        message = f"无法读取文件：{err.strerror or err}"
        return None, [Problem(display_path, 0, 0, "F-001", "error", message)]
    return parse(raw, display_path)


def _parse(raw: bytes, path: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise _Invalid("F-004", f"文件超过 {MAX_BYTES // 1024} KiB，不像是一个目录条目，请检查是否放错了文件", 0, 0)
    text = _decode(raw)
    if not text.strip() or all(
        line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        raise _Invalid("F-005", "文件是空的：应写成“字段名: 值”的映射", 1, 1)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = _explain(err)
        if mark and text[mark.index : mark.index + 1] == "\t":
            message = "YAML 格式错误：不能用 Tab 键缩进，请改用空格"
        raise _Invalid("F-001", message, line, column) from None
    except yaml.YAMLError as err:
        raise _Invalid("F-001", _explain(err), 0, 0) from None
    finally:
        loader.dispose()
    if node is None:
        raise _Invalid("F-005", "文件是空的：应写成“字段名: 值”的映射", 1, 1)
    positions: dict[Path_, tuple[int, int]] = {}
    data = _Builder(positions).build(node, ())
    if data is None:
        raise _Invalid("F-005", "文件是空的：应写成“字段名: 值”的映射", 1, 1)
    return Document(path, data, positions)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise _Invalid(
            "F-003",
            "文件不是 UTF-8 编码（可能是用 GBK/GB18030 保存的），请用 UTF-8 重新保存",
            line,
            column,
        ) from None


def _explain(err: yaml.YAMLError) -> str:
    text = str(err)
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"YAML 格式错误：{hint}"
    return "YAML 格式错误：请检查这一行附近的缩进、冒号和引号"


class _Builder:
    def __init__(self, positions: dict[Path_, tuple[int, int]]) -> None:
        self.positions = positions
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path_, mark: yaml.Mark | None = None) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Invalid("F-004", "文件中的值过多（可能是滥用了锚点和引用）", 0, 0)
        start = mark or node.start_mark
        self.positions[path] = (start.line + 1, start.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _STR:
            return node.value
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise _Invalid("F-001", _explain(err), start.line + 1, start.column + 1) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Invalid("F-001", "YAML 格式错误：字段名不能是列表或映射", line, column)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Invalid("F-001", "不支持合并键“<<”，请把字段直接写出来", line, column)
            key = str(key_node.value)
            if key in result:
                first = self.positions[(*path, key)][0]
                raise _Invalid(
                    "F-002", f"字段「{key}」重复出现（第一次在第 {first} 行），请删去一个", line, column
                )
            result[key] = self.build(value_node, (*path, key), key_node.start_mark)
        return result
