"""A valid catalog entry whose every free-text field is an attack, for the safe-output tests.

Each value is one a submitter can write in a pull request: script and event-handler HTML, a
``javascript:`` Markdown link, ``</script>`` and ``-->`` to break out of a script element or an
HTML comment, the bot's own comment marker, spreadsheet formulas, @-mentions and hidden HTML.
The entry passes the schema and every rule, so it reaches the site, the downloads and the report.
"""

from __future__ import annotations

from typing import Any

import yaml

CODE = "302001/000009"
STEM = "302001-000009"
DEPARTMENT = "shichang"

NAME = "<script>alert(1)</script>恶意 @someone"
SUMMARY = (
    "摘要<script>alert(2)</script>[点我](javascript:alert(3)) </script><script>alert(4)</script> "
    '<img src=x onerror=alert(5)> " onmouseover="alert(6) --> <!-- catalog-check --> '
    "<details><summary>展开</summary>隐藏</details> **粗体** @reviewer-team #1 https://evil.example/x"
)
FORMULAS = ('=HYPERLINK("https://evil.example","点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1")
SCOPE = "</script><script>alert(7)</script>"
SOURCE = "<details><summary>x</summary>hidden</details>业务"
USAGE = "[点我](javascript:alert(8)) <a href=\"javascript:alert(9)\">链接</a>"

MARKERS = ("<script", "<img", "<details", "<a href", "<!--", "-->", "javascript:alert(8)\">")
"""Raw markup from the values above that must never reach HTML unescaped."""


def resource() -> dict[str, Any]:
    return {
        "code": CODE,
        "name": NAME,
        "classification": {"class": "部门", "item": "测试市市场监督管理局"},
        "department": DEPARTMENT,
        "summary": SUMMARY,
        "format": {"category": "电子文件", "type": "<b>OFD</b>"},
        "items": [
            {"name": formula, "type": "C", "length": 18, "description": formula}
            for formula in FORMULAS
        ],
        "share": {"type": "无条件共享", "scope": SCOPE, "purpose": ["=1+2", "@cmd"]},
        "open": {"type": "无条件开放"},
        "update_cycle": "实时",
        "published": "2023-04-06",
        "source_business": SOURCE,
        "usage": USAGE,
        "subject_type": "其他",
        "security_level": "公开",
        "mounted": False,
        "status": "在用",
    }


def resource_yaml() -> str:
    return yaml.safe_dump(resource(), allow_unicode=True, sort_keys=False, width=1000)
