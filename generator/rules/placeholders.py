"""Placeholders (待补充) left by ``catalog import`` for the department to fill in.

The schema stage (:func:`generator.schemas.validate`) calls :func:`find`: each placeholder is one
R-023 problem naming the field, and the schema's own complaint about that value is dropped, so the
submitter reads "待补充" rather than "取值必须是 …". R-023 is a warning: a whole jurisdiction's
export can be onboarded and merged at once (``catalog import --by-provider``, issue 15), and the
catalog still validates and builds; the file itself stays out of the published catalog (the loader
keeps only schema-complete files) until its department has filled it in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.problems import Problem
from generator.rules import rule
from generator.yamlfile import Document, strings

PLACEHOLDER = "待补充"
"""The value written for a field the source did not give; ``待补充：<note>`` keeps a hint."""


def placeholder(note: str = "") -> str:
    """The placeholder text, with an optional note (e.g. the refused source value)."""
    return f"{PLACEHOLDER}：{note}" if note else PLACEHOLDER


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and (value == PLACEHOLDER or value.startswith(PLACEHOLDER + "："))


def paths(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every placeholder in ``data`` with its path of keys and indices."""
    return ((at, value) for at, value in strings(data) if is_placeholder(value))


@rule("R-023", "字段待补充", scope="schema", level="warning")
def find(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """
    从电子表格或开放平台导出导入时，来源中没有的字段（如共享属性、信息项、来源业务）和来源中
    无法识别的值，都写成“待补充”，由部门按目录标准补全。带“待补充”的条目可以合并（整个辖区的
    目录可一次导入），但在补全之前不发布：网站、清单和下载中都没有它，部门文件带“待补充”时，
    该部门的条目也不能发布。“待补充：”后面是导入时的说明，例如来源中的原值。

    依据：《政务信息资源目录编制指南（试行）》（发改高技〔2017〕1272号）：目录条目按标准写明各项
    元数据；本辖区办法另外要求的字段见相应规则（按规则配置）。

    不通过：

        share:
          type: 待补充
        update_cycle: "待补充：原值“每 2 日”不在别名表中"

    通过：

        share:
          type: 无条件共享
        update_cycle: 每月
    """
    from generator.schemas import location, subschema

    for at, value in paths(document.data):
        where = location(root, at) or "文件"
        node = subschema(root, at) or {}
        choices = node.get("enum")
        hint = f"，可选：{'、'.join(map(str, choices))}" if isinstance(choices, list) else ""
        note = value[len(PLACEHOLDER) + 1 :]
        line, column = document.where(*at)
        message = f"{where}待补充，请按目录标准填写{hint}" + (f"（{note}）" if note else "")
        yield Problem(document.path, line, column, "R-023", "warning", message, ".".join(map(str, at)))
