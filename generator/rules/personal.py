"""Personal data written into catalog files: the catalog describes data, it must not contain it.

The loader (:func:`generator.load.catalog.read_one`) calls :func:`find` for every file after its schema
check, so these rules look at every text field of every kind of file (resources, departments,
needs, legal bases), in ``catalog validate``, ``catalog check`` and the site build alike.
The schema has no example or default values for 信息项, so there is no field where such a number
would be refused outright: every finding is a warning for the reviewer, with the number masked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from generator.load import personal
from generator.load.yamlfile import Document, strings
from generator.problems import Problem
from generator.rules import rule

BASIS = "《中华人民共和国个人信息保护法》第十条、第二十五条"
"""National law only: the same citation under every profile (no other jurisdiction's article)."""


@rule("R-030", "疑似居民身份证号码", scope="schema", level="warning")
def id_numbers(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """
    目录描述数据，不包含数据本身。文本字段中出现了一个像真实居民身份证号码的 18 位号码：前 17 位
    是数字，出生日期真实存在。第 18 位校验码不符合 GB 11643—1999 的也报告（注明“校验码不符”）：
    那多半是输错了一位的真实号码，而不是银行卡号。目录条目、清单和下载在网站上公开，
    写进目录的身份证号码就被公开了。请删除，或改写成不可能是真实号码的说明，例如“18 位，末位可为 X”。
    统一社会信用代码和资源代码不会被当作身份证号码。

    本目录的结构中没有“示例值”或“默认值”字段，所以这条规则在所有文本字段上都是警告，由审核人
    确认；提示中的号码只显示首尾几位。

    依据：《中华人民共和国个人信息保护法》第十条（不得非法公开他人个人信息）、第二十五条（不得公开
    其处理的个人信息，取得个人单独同意的除外）。

    不通过：

        items:
          - {name: 公民身份号码, type: C, length: 18, description: 例如 11010519491231002X}

    通过：

        items:
          - {name: 公民身份号码, type: C, length: 18, description: 18 位，末位可为 X}
    """
    yield from _report(document, root, "R-030", _candidates(document))


@rule("R-031", "疑似手机号码", scope="schema", level="warning")
def mobile_numbers(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """
    文本字段中出现了一个像中国大陆手机号码的 11 位号码（以 13 至 19 开头，前后不再连着数字）。
    手机号码能识别到个人，不应写进公开的目录；部门联系方式请填写办公电话。

    这条规则在所有文本字段上都是警告（目录没有示例值或默认值字段），提示中的号码只显示首尾几位。

    依据：《中华人民共和国个人信息保护法》第十条、第二十五条。

    不通过：

        contact:
          phone: "13912345678"

    通过：

        contact:
          phone: 0990-7654321
    """
    yield from _report(document, root, "R-031", _candidates(document))


@rule("R-032", "疑似银行卡号", scope="schema", level="warning")
def bank_cards(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """
    文本字段中出现了一个像银行卡号的号码：16 至 19 位数字（或每 4 位一组用空格分开），通过
    卡号校验（Luhn 算法）。银行卡号属于金融账户信息，是敏感个人信息，不应写进公开的目录。

    这条规则在所有文本字段上都是警告（目录没有示例值或默认值字段），提示中的号码只显示首尾几位。

    依据：《中华人民共和国个人信息保护法》第十条、第二十五条、第二十八条（金融账户信息属于敏感个人信息）。

    不通过：

        items:
          - {name: 银行账号, type: C, length: 19, description: 如 6222020200112233446}

    通过：

        items:
          - {name: 银行账号, type: C, length: 19, description: 16 至 19 位数字}
    """
    yield from _report(document, root, "R-032", _candidates(document))


_CANDIDATE = re.compile(r"\d{11}|\d{4} \d{4}")
"""Every number the three rules look for has eleven digits in a row or four, a space and four."""

_FINDERS: dict[str, tuple[str, Callable[[str], list[personal.Match]]]] = {
    "R-030": ("居民身份证号码", personal.id_numbers),
    "R-031": ("手机号码", personal.mobile_numbers),
    "R-032": ("银行卡号", personal.bank_cards),
}

Texts = list[tuple[tuple[str | int, ...], str]]


def find(document: Document, root: dict[str, Any]) -> Iterator[Problem]:
    """R-030, R-031 and R-032 over every text field of ``document``, walking it once."""
    texts = _candidates(document)
    for rule_id in _FINDERS if texts else ():
        yield from _report(document, root, rule_id, texts)


def _candidates(document: Document) -> Texts:
    return [(at, text) for at, text in strings(document.data) if _CANDIDATE.search(text)]


def _report(document: Document, root: dict[str, Any], rule_id: str, texts: Texts) -> Iterator[Problem]:
    from generator.load.schemas import location

    what, finder = _FINDERS[rule_id]
    for at, text in texts:
        for match in finder(text):
            where = location(root, at) or "文件"
            line, column = document.where(*at)
            odd = f"，{match.note}" if match.note else ""
            message = (
                f"{where}中有疑似{what}（{personal.mask(match.text)}{odd}）：目录只描述数据，不得写入个人信息，"
                f"请删除或改为格式说明（{BASIS}）"
            )
            yield Problem(document.path, line, column, rule_id, "warning", message, ".".join(map(str, at)))
