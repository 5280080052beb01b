"""Safe YAML loading that keeps every value's line and column and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys and turns ``2024-01-01`` into a date; neither is
acceptable for a legal record. This module reads libyaml's parse events and builds plain Python
values itself, without recursion: dates stay strings (the schema checks them), a duplicate key, a
tag, a merge key, a YAML 1.1-only number (``010``, ``1:30``), deep nesting or an alias bomb is a
problem (messages in :mod:`generator.load.yamlerrors`), and every value's position is recorded by its path. libyaml's own composer recurses in C and crashes the process on a few
hundred thousand nested brackets, so it is never used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.load import textsafety, yamlerrors
from generator.load.yamltext import Invalid as _Invalid
from generator.load.yamltext import decode as _decode
from generator.problems import Problem

MAX_BYTES = 1_048_576
"""Largest catalog file accepted (1 MiB); a resource file is normally a few KiB."""

MAX_NODES = 200_000
"""Guard against alias bombs: no legitimate catalog file has this many values."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; the schemas need five levels."""

MAX_TEXT = 20_000
"""Longest single value, in characters; the longest field of the standard allows 2,000."""

Path_ = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def loader_class(base: type) -> type:
    """A safe loader on ``base`` (libyaml's or PyYAML's own) without the timestamp resolver."""

    class Loader(base):  # type: ignore[misc,valid-type]
        """Safe loader without the timestamp resolver: dates stay strings."""

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


_Loader = loader_class(_BaseLoader)

@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its value and the position of every value in it."""

    path: str
    """Repository-relative path with forward slashes."""
    data: Any
    """The plain value: dicts, lists, str, int, float, bool, None."""
    positions: Mapping[Path_, tuple[int, int]] = field(repr=False)
    """1-based (line, column) of each value, keyed by its path of keys and indices."""
    literals: Mapping[Path_, str] = field(default_factory=dict, repr=False, compare=False)
    """The text as written of each value YAML read as a number, true/false or null (``0123``, ``no``)."""

    def where(self, *keys: str | int) -> tuple[int, int]:
        """Position of the value at ``keys``, or of its nearest existing parent."""
        path: Path_ = tuple(keys)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


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


_EMPTY = "文件是空的：应写成“字段名: 值”的映射"


def _parse(raw: bytes, path: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise _Invalid("F-004", f"文件超过 {MAX_BYTES // 1024} KiB，不像是一个目录条目，请检查是否放错了文件", 0, 0)
    text = _decode(raw)
    if not text.strip() or all(
        line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        raise _Invalid("F-005", _EMPTY, 1, 1)
    loader = _Loader(text)
    builder = _Builder(loader)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as err:
        raise yamlerrors.syntax_error(err, text, MAX_DEPTH, builder.spanning_quote) from None
    except yaml.YAMLError as err:
        raise _Invalid("F-001", yamlerrors.explain(err), 0, 0) from None
    finally:
        loader.dispose()
    if data is None:
        raise _Invalid("F-005", _EMPTY, 1, 1)
    return Document(path, data, builder.positions, builder.literals)


_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_PLAIN_SCALARS = {_TAG + name for name in ("str", "int", "float", "bool", "null")}


class _Open:
    """A list or mapping being built."""

    __slots__ = ("anchor", "first", "key", "key_mark", "path", "value")

    def __init__(self, value: list[Any] | dict[str, Any], path: Path_, anchor: str | None, first: int) -> None:
        self.value, self.path, self.anchor, self.first = value, path, anchor, first
        self.key: str | None = None
        self.key_mark: Any = None


class _Builder:
    """Plain values from parse events, with an explicit stack instead of recursion."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.literals: dict[Path_, str] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()
        self.spanning_quote: Any = None
        """The first quoted value that runs over several lines: often a quote left open."""

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self._value()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line, column = yamlerrors.at(loader.get_event().start_mark)
            raise _Invalid("F-001", "YAML 格式错误：一个文件只能有一个 YAML 文档，不要用“---”分隔多个文档", line, column)
        return value

    def _value(self) -> Any:
        stack: list[_Open] = []
        while True:
            event = self.loader.get_event()
            parent = stack[-1] if stack else None
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, self.count - done.first + 1)
                value: Any = done.value
                parent = stack[-1] if stack else None
            else:
                if parent is not None and isinstance(parent.value, dict) and parent.key is None:
                    self._key(parent, event)
                    continue
                path, mark = self._place_of(parent, event)
                self.positions[path] = yamlerrors.at(mark)
                self._count(1, event)
                if isinstance(event, yaml.AliasEvent):
                    value = self._alias(event)
                elif isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(event, path)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                else:
                    self._collection(event, stack)
                    stack.append(_Open({} if isinstance(event, yaml.MappingStartEvent) else [], path, event.anchor, self.count))
                    continue
            if parent is None:
                return value
            if isinstance(parent.value, list):
                parent.value.append(value)
            else:
                parent.value[str(parent.key)] = value
                parent.key = None

    def _place_of(self, parent: _Open | None, event: Any) -> tuple[Path_, yaml.Mark]:
        if parent is None:
            return (), event.start_mark
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value)), event.start_mark
        return (*parent.path, str(parent.key)), parent.key_mark or event.start_mark

    def _count(self, size: int, event: Any) -> None:
        self.count += size
        if self.count > MAX_NODES:
            line, column = yamlerrors.at(event.start_mark)
            raise _Invalid("F-004", "文件中的值过多（可能是滥用了锚点和引用）", line, column)

    def _key(self, parent: _Open, event: Any) -> None:
        line, column = yamlerrors.at(event.start_mark)
        if not isinstance(event, yaml.ScalarEvent):
            raise _Invalid("F-001", "YAML 格式错误：字段名不能是列表、映射或引用（*名称）", line, column)
        if event.tag not in (None, "!"):
            raise _Invalid("F-012", yamlerrors.tag_message(event.tag), line, column)
        if self.loader.resolve(yaml.ScalarNode, event.value, event.implicit) == _MERGE:
            raise _Invalid("F-012", "不支持合并键“<<”，请把字段直接写出来", line, column)
        key = event.value
        if len(key) > MAX_TEXT:
            raise _Invalid("F-004", f"字段名超过 {MAX_TEXT} 个字，请检查是否放错了内容", line, column)
        assert isinstance(parent.value, dict)
        if key in parent.value:
            first = self.positions[(*parent.path, key)][0]
            raise _Invalid("F-002", f"字段「{key}」重复出现（第一次在第 {first} 行），请删去一个", line, column)
        parent.key, parent.key_mark = key, event.start_mark

    def _alias(self, event: Any) -> Any:
        if event.anchor not in self.anchors:
            line, column = yamlerrors.at(event.start_mark)
            raise _Invalid("F-001", "YAML 格式错误：引用了未定义的锚点（*名称）", line, column)
        value, size = self.anchors[event.anchor]
        self._count(size, event)
        return value

    def _collection(self, event: Any, stack: list[_Open]) -> None:
        line, column = yamlerrors.at(event.start_mark)
        if not event.implicit and event.tag is not None:
            raise _Invalid("F-012", yamlerrors.tag_message(event.tag), line, column)
        if len(stack) >= MAX_DEPTH:
            raise _Invalid("F-011", yamlerrors.too_deep(MAX_DEPTH), line, column)

    def _scalar(self, event: Any, path: Path_) -> Any:
        line, column = yamlerrors.at(event.start_mark)
        if self.spanning_quote is None and event.style in ("'", '"') and event.end_mark.line > event.start_mark.line:
            self.spanning_quote = event
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        elif tag != _TAG + "str":
            raise _Invalid("F-012", yamlerrors.tag_message(tag), line, column)
        if tag == _MERGE:
            tag = _TAG + "str"
        if tag == _TAG + "str":
            if len(event.value) > MAX_TEXT:
                raise _Invalid("F-004", f"这个值有 {len(event.value)} 个字，超过 {MAX_TEXT} 个字的上限，请只保留目录信息", line, column)
            return event.value
        if tag not in _PLAIN_SCALARS:
            raise _Invalid("F-012", yamlerrors.tag_message(tag), line, column)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        self.literals[path] = event.value
        value = self.scalars.yaml_constructors[tag](self.scalars, node)
        trap = yamlerrors.number_form(tag, event.value, value)
        if trap:
            raise _Invalid("F-014", trap, line, column)
        return value


def strings(data: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string value in ``data`` (a parsed document's value) with its path of keys and indices."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*at, index))
    elif isinstance(data, str):
        yield at, data


def hidden_characters(doc: Document, name: Callable[[Path_], str] = lambda path: "") -> list[Problem]:
    """F-009: zero-width, bidi and other invisible characters in any key or text value.

    ``name`` gives the Chinese name of the field at a path (from its schema), if known.
    """
    problems: list[Problem] = []
    stack: list[tuple[Path_, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append(((*path, key), item))
                problems.extend(_hidden_in(doc, (*path, key), key, "字段名", name))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            problems.extend(_hidden_in(doc, path, value, "内容", name))
    return sorted(problems)


def _hidden_in(doc: Document, path: Path_, text: str, what: str, name: Callable[[Path_], str]) -> list[Problem]:
    for index, char in textsafety.hidden(text):
        line, column = doc.where(*path)
        dotted = ".".join(map(str, path))
        shown = f"{name(path) or '字段'}（{dotted}）"
        message = (
            f"{shown}的{what}中第 {index + 1} 个字符是看不见的{textsafety.describe(char)}：它会让文字"
            "看起来和实际内容不同，或被当作另一个名称；请删除后重新输入"
        )
        return [Problem(doc.path, line, column, "F-009", "error", message, dotted)]
    return []
