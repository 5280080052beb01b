"""Chinese messages for what the YAML loader refuses: syntax errors, number forms, tags.

Each message says what is wrong and how to fix it, in a clerk's words; :func:`syntax_error` also
chooses the position a user must look at (an unclosed quote is found at the end of the file but
reported where it opens).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.load.yamltext import Invalid

TAG = "tag:yaml.org,2002:"


def at(mark: yaml.Mark) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark."""
    return mark.line + 1, mark.column + 1


def too_deep(limit: int) -> str:
    """The F-011 message."""
    return f"列表和映射嵌套超过 {limit} 层，目录条目不需要这么深的结构，请检查括号和缩进"


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


_UNCLOSED = {
    "while scanning a quoted scalar": "这里开始的引号没有闭合：请在值的末尾补上同样的引号（' 或 \"）",
    "while parsing a flow sequence": "方括号“[ ]”没有闭合",
    "while parsing a flow mapping": "花括号“{ }”没有闭合",
}


def syntax_error(err: yaml.MarkedYAMLError, text: str, depth: int, quote: Any = None) -> Invalid:
    """The problem for a YAML syntax error, placed where the user must look.

    An unclosed quote is found only at the end of the file, or where the next quote happens to
    close it; either way it is reported where the quote opens (``quote`` is the first quoted value
    read so far that spans lines). An unclosed bracket is reported where the parser gave up, naming
    the line it opened on. A newer
    libyaml refuses deep nesting itself (at 1,000 levels, before the builder's own limit is
    reached): that is F-011 as well, whichever parser runs.
    """
    mark = err.problem_mark or err.context_mark
    start = err.context_mark
    if "maximum nesting depth" in str(err.problem) and mark:
        return Invalid("F-011", too_deep(depth), *at(mark))
    unclosed = _UNCLOSED.get(str(err.context))
    if unclosed and start and "end of stream" in str(err.problem) and "quoted" in str(err.context):
        return Invalid("F-001", f"YAML 格式错误：{unclosed}", *at(start))
    line, column = at(mark) if mark else (0, 0)
    message = explain(err)
    if unclosed and start and "did not find expected" in str(err.problem):
        opened = f"（从第 {start.line + 1} 行开始）" if start.line + 1 != line else ""
        message = f"YAML 格式错误：{unclosed}{opened}"
    if mark and text[mark.index : mark.index + 1] == "\t":
        message = "YAML 格式错误：不能用 Tab 键缩进，请改用空格"
    elif quote is not None and quote.start_mark.line + 1 < line:
        closed = quote.end_mark.line + 1
        message = (
            f"YAML 格式错误：这里开始的引号直到第 {closed} 行才闭合，很可能是少写了结束的引号，"
            f"请在值的末尾补上同样的引号（' 或 \"）；第 {line} 行因此出错：{message.removeprefix('YAML 格式错误：')}"
        )
        line, column = at(quote.start_mark)
    return Invalid("F-001", message, line, column)


def explain(err: yaml.YAMLError) -> str:
    text = str(err)
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"YAML 格式错误：{hint}"
    return "YAML 格式错误：请检查这一行附近的缩进、冒号和引号"


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")


def number_form(tag: str, written: str, value: Any) -> str:
    """Why a number written in a YAML 1.1-only form is refused (``010``, ``0x20``, ``1:30``, ``1_000``).

    YAML 1.1 (PyYAML) reads these as octal, hexadecimal, binary, base-60 or with the underscores
    dropped; YAML 1.2 tools, spreadsheets and people read them differently. ``length: 010`` would be
    published as 8. Only plain decimal numbers are accepted; anything else must be quoted.
    """
    quoted = f"请加引号（写成 \"{written}\"）"
    if tag == TAG + "int" and not _DECIMAL.match(written):
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
    if tag == TAG + "float" and (":" in written or "_" in written):
        return f"“{written}”会被 YAML 当作六十进制数或去掉下划线，读成了 {value}；数字请写成普通小数，文字{quoted}"
    return ""


def tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag
    return f"不支持 YAML 标签“{shown}”（以“!”开头的类型标记），请删去它，直接写出值；需要文字时请加引号"
