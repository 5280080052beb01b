"""Safe YAML loading that keeps every value's line and column and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys and turns ``2024-01-01`` into a date; neither is
acceptable for a legal record. This module reads libyaml's parse events and builds plain Python
values itself, without recursion: dates stay strings (the schema checks them), a duplicate key, a
tag, a merge key, deep nesting or an alias bomb is a problem, and every value's position is
recorded by its path. libyaml's own composer recurses in C and crashes the process on a few
hundred thousand nested brackets, so it is never used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator import textsafety
from generator.problems import Problem
from generator.yamltext import Invalid as _Invalid
from generator.yamltext import decode as _decode

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
    try:
        builder = _Builder(loader)
        data = builder.document()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text) from None
    except yaml.YAMLError as err:
        raise _Invalid("F-001", _explain(err), 0, 0) from None
    finally:
        loader.dispose()
    if data is None:
        raise _Invalid("F-005", _EMPTY, 1, 1)
    return Document(path, data, builder.positions, builder.literals)


_TOO_DEEP = f"列表和映射嵌套超过 {MAX_DEPTH} 层，目录条目不需要这么深的结构，请检查括号和缩进"

_UNCLOSED = {
    "while scanning a quoted scalar": "这里开始的引号没有闭合：请在值的末尾补上同样的引号（' 或 \"）",
    "while parsing a flow sequence": "方括号“[ ]”没有闭合",
    "while parsing a flow mapping": "花括号“{ }”没有闭合",
}


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> _Invalid:
    """The problem for a YAML syntax error, placed where the user must look.

    An unclosed quote is found only at the end of the file; it is reported where the quote opens.
    An unclosed bracket is reported where the parser gave up, naming the line it opened on. A newer
    libyaml refuses deep nesting itself (at 1,000 levels, before the builder's own limit is
    reached): that is F-011 as well, whichever parser runs.
    """
    mark = err.problem_mark or err.context_mark
    start = err.context_mark
    if "maximum nesting depth" in str(err.problem) and mark:
        return _Invalid("F-011", _TOO_DEEP, *_at(mark))
    unclosed = _UNCLOSED.get(str(err.context))
    if unclosed and start and "end of stream" in str(err.problem) and "quoted" in str(err.context):
        return _Invalid("F-001", f"YAML 格式错误：{unclosed}", *_at(start))
    line, column = _at(mark) if mark else (0, 0)
    message = _explain(err)
    if unclosed and start and "did not find expected" in str(err.problem):
        opened = f"（从第 {start.line + 1} 行开始）" if start.line + 1 != line else ""
        message = f"YAML 格式错误：{unclosed}{opened}"
    if mark and text[mark.index : mark.index + 1] == "\t":
        message = "YAML 格式错误：不能用 Tab 键缩进，请改用空格"
    return _Invalid("F-001", message, line, column)


def _explain(err: yaml.YAMLError) -> str:
    text = str(err)
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"YAML 格式错误：{hint}"
    return "YAML 格式错误：请检查这一行附近的缩进、冒号和引号"


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


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Builder:
    """Plain values from parse events, with an explicit stack instead of recursion."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.literals: dict[Path_, str] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def document(self) -> Any:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self._value()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line, column = _at(loader.get_event().start_mark)
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
                self.positions[path] = _at(mark)
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
            line, column = _at(event.start_mark)
            raise _Invalid("F-004", "文件中的值过多（可能是滥用了锚点和引用）", line, column)

    def _key(self, parent: _Open, event: Any) -> None:
        line, column = _at(event.start_mark)
        if not isinstance(event, yaml.ScalarEvent):
            raise _Invalid("F-001", "YAML 格式错误：字段名不能是列表、映射或引用（*名称）", line, column)
        if event.tag not in (None, "!"):
            raise _Invalid("F-012", _tag_message(event.tag), line, column)
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
            line, column = _at(event.start_mark)
            raise _Invalid("F-001", "YAML 格式错误：引用了未定义的锚点（*名称）", line, column)
        value, size = self.anchors[event.anchor]
        self._count(size, event)
        return value

    def _collection(self, event: Any, stack: list[_Open]) -> None:
        line, column = _at(event.start_mark)
        if not event.implicit and event.tag is not None:
            raise _Invalid("F-012", _tag_message(event.tag), line, column)
        if len(stack) >= MAX_DEPTH:
            raise _Invalid("F-011", _TOO_DEEP, line, column)

    def _scalar(self, event: Any, path: Path_) -> Any:
        line, column = _at(event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        elif tag != _TAG + "str":
            raise _Invalid("F-012", _tag_message(tag), line, column)
        if tag == _MERGE:
            tag = _TAG + "str"
        if tag == _TAG + "str":
            if len(event.value) > MAX_TEXT:
                raise _Invalid("F-004", f"这个值有 {len(event.value)} 个字，超过 {MAX_TEXT} 个字的上限，请只保留目录信息", line, column)
            return event.value
        if tag not in _PLAIN_SCALARS:
            raise _Invalid("F-012", _tag_message(tag), line, column)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        self.literals[path] = event.value
        value = self.scalars.yaml_constructors[tag](self.scalars, node)
        trap = _number_form(tag, event.value, value)
        if trap:
            raise _Invalid("F-014", trap, line, column)
        return value


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")


def _number_form(tag: str, written: str, value: Any) -> str:
    """Why a number written in a YAML 1.1-only form is refused (``010``, ``0x20``, ``1:30``, ``1_000``).

    YAML 1.1 (PyYAML) reads these as octal, hexadecimal, binary, base-60 or with the underscores
    dropped; YAML 1.2 tools, spreadsheets and people read them differently. ``length: 010`` would be
    published as 8. Only plain decimal numbers are accepted; anything else must be quoted.
    """
    quoted = f"请加引号（写成 \"{written}\"）"
    if tag == _TAG + "int" and not _DECIMAL.match(written):
        digits = written.lstrip("+-").replace("_", "")
        if ":" in written:
            return f"“{written}”会被 YAML 当作六十进制数（如“时:分”），读成了 {value}；时间、比例等文字{quoted}"
        if digits[:2] in ("0x", "0b"):
            kind = "十六进制" if digits[:2] == "0x" else "二进制"
            return f"“{written}”是{kind}写法，YAML 读成了 {value}；数字请写成十进制（{value}），代码等文字{quoted}"
        if "_" in written and not digits.startswith("0"):
            return f"“{written}”中的下划线会被 YAML 忽略，读成了 {value}；数字请去掉下划线（{value}），文字{quoted}"
        plain = written[: len(written) - len(written.lstrip("+-"))] + str(int(digits))
        return (
            f"以 0 开头的整数会被 YAML 当作八进制数，“{written}”读成了 {value}；"
            f"数字请去掉开头的 0（写成 {plain}），代码、编号等文字{quoted}"
        )
    if tag == _TAG + "float" and (":" in written or "_" in written):
        return f"“{written}”会被 YAML 当作六十进制数或去掉下划线，读成了 {value}；数字请写成普通小数，文字{quoted}"
    return ""


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    return f"不支持 YAML 标签“{shown}”（以“!”开头的类型标记），请删去它，直接写出值；需要文字时请加引号"


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
