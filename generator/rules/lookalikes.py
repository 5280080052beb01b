"""Names that look right but are spelled with letters of another alphabet."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule
from generator.textsafety import lookalikes


@rule("R-024", "名称中混有形似的外文字母", level="warning")
def lookalike_letters(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    资源名称和信息项名称中出现了西里尔字母（俄文字母）或与拉丁字母形状相同的希腊字母，例如把
    “API”写成了西里尔字母“АРІ”。这些字母看起来和英文字母一模一样，但计算机认为它们不同：
    按名称检索、查重（一数一源，见 R-017）和与其他系统对接时都会出错，也可能被用来冒充另一个资源。
    通常是从网页、PDF 或输入法中复制粘贴带进来的。请在英文输入法下重新输入这几个字母。

    依据：政务信息资源目录编制指南（试行） 核心元数据“信息资源名称”；一数一源的依据见 R-017（按规则配置）。

    不通过（“АРІ”是西里尔字母）：

        name: 企业登记信息АРІ接口

    通过：

        name: 企业登记信息API接口
    """
    places: list[tuple[tuple[str | int, ...], str]] = [(("name",), resource.name)]
    places += [(("items", index, "name"), item.name) for index, item in enumerate(resource.items)]
    for path, text in places:
        found = lookalikes(text)
        if found:
            letters = "、".join(dict.fromkeys(f"“{c}”（U+{ord(c):04X}）" for c in found))
            yield at(resource.doc, "R-024", f"“{text}”中的 {letters} 是西里尔或希腊字母，看起来像英文字母却不相同；请在英文输入法下重新输入", *path)
