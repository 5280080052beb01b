"""Values written in traditional characters: in a choice list they are refused with the simplified
spelling; in names they get a warning with the simplified spelling.

The loader (:func:`generator.load.catalog.read_one`) calls :func:`find` for every file after its schema
check, like the personal-data rules; the schema's own complaint about a traditional-script choice
(S-003) is then replaced by this clearer one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.textsafety import simplified
from generator.load.yamlfile import Document, strings
from generator.problems import Problem
from generator.rules import rule

NAME_FIELDS = ("name", "item", "heading", "subheading", "source_business", "provider_unit")
"""Fields whose last key names something a reader searches for by name."""


@rule("R-035", "使用了繁体字", scope="schema")
def find(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """
    目录使用简体中文。从繁体网站或台湾、香港的资料复制来的文字常带繁体字，例如把“电梯维护”
    写成“電梯維護”。共享类型、开放类型、更新周期等只能取规定值的字段，写成繁体就不是规定值，
    是错误；资源名称、信息项名称、分类等名称中的繁体字是警告：按名称检索、比对需求清单时会找不到。
    提示中给出对应的简体写法（用 OpenCC 转换），请核对后改用简体。

    依据：政务信息资源目录编制指南（试行） 核心元数据；目录使用国家通用语言文字。

    不通过：

        name: 電梯維護保養記錄
        share:
          type: 無條件共享

    通过：

        name: 电梯维护保养记录
        share:
          type: 无条件共享
    """
    from generator.load.schemas import location, subschema

    for at, text in strings(document.data):
        plain = simplified(text)
        if plain == text or not at:
            continue
        node = subschema(root, at) or {}
        where = location(root, at) or "文件"
        line, column = document.where(*at)
        field = ".".join(map(str, at))
        choices = node.get("enum")
        if isinstance(choices, list):
            if text not in choices and plain in choices:
                message = f"{where}“{text}”是繁体字，请写作简体“{plain}”"
                yield Problem(document.path, line, column, "R-035", "error", message, field)
        elif isinstance(at[-1], str) and at[-1] in NAME_FIELDS:
            message = f"{where}“{text}”中有繁体字，简体写作“{plain}”：请改用简体，以便按名称检索和比对"
            yield Problem(document.path, line, column, "R-035", "warning", message, field)


def replacing_schema(found: list[Problem], hints: list[Problem]) -> list[Problem]:
    """``found`` without the S-003 complaints that a traditional-script hint explains better."""
    explained = {(p.line, p.column) for p in hints if p.level == "error"}
    return [p for p in found if not (p.rule == "S-003" and (p.line, p.column) in explained)]
