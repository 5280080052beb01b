"""统一社会信用代码 (unified social credit code) checks, GB 32100—2015 with GB 11714 inside.

The 18 characters are: registration department (1), organisation category (1), administrative
division (6), organisation code (9, GB 11714: 8 body characters and a check character) and a check
character over the first 17.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Registration departments and the organisation categories each may issue (GB 32100 附录).
CATEGORIES: dict[str, dict[str, str]] = {
    "1": {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    "2": {"1": "外国常住新闻机构", "9": "其他"},
    "3": {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构", "5": "仲裁委员会", "9": "其他"},
    "4": {"1": "外国在华文化中心", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "6": {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"},
    "7": {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"},
    "8": {"1": "基层工会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
    "A": {"1": "军队事业单位", "9": "其他"},
    "N": {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    "Y": {"1": "其他"},
}


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a code; ``serious`` findings make it invalid."""

    serious: bool
    message: str


def check_character(body: str) -> str:
    """The 18th character for the first 17."""
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_character(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(_org_value(ch) * weight for ch, weight in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _org_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def inspect(code: str) -> list[Finding]:
    """Everything wrong with ``code``; an empty list means it is valid and known."""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return [Finding(True, "应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）")]
    findings = []
    expected = check_character(code[:17])
    if code[17] != expected:
        findings.append(Finding(True, f"第 18 位校验码应为 {expected}，现在是 {code[17]}，可能有输错的字符"))
    org = code[8:17]
    if not all(ch.isdigit() or "A" <= ch <= "Z" for ch in org[:8]) or org_check_character(org[:8]) != org[8]:
        findings.append(Finding(True, f"第 9—17 位的组织机构代码 {org} 校验不通过（GB 11714）"))
    categories = CATEGORIES.get(code[0])
    if categories is None:
        findings.append(Finding(False, f"第 1 位登记管理部门代码“{code[0]}”不在 GB 32100 代码表中"))
    elif code[1] not in categories:
        findings.append(Finding(False, f"第 2 位机构类别代码“{code[1]}”不属于登记管理部门“{code[0]}”"))
    return findings
