"""The status of the regulation text the profile follows: in force, expired, a draft, an excerpt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.problems import Problem
from generator.rules import Context, rule

RULE = "R-041"


def describe(profile: Any) -> str:
    """One Chinese sentence on the text's status, e.g. for the site footer; empty when in force."""
    status = profile.status
    if status.state in ("现行", "全国性文件"):
        return ""
    what = {
        "已失效": f"有效期至 {status.expired}，已经失效" if status.expired else "已经失效",
        "征求意见稿": "是征求意见稿，不是正式施行的办法",
        "节选": "在本目录中只有节选",
    }.get(status.state, status.state)
    where = f"（{status.citation}）" if status.citation else ""
    return f"《{profile.regulation}》{what}{where}。{status.note}".rstrip()


@rule(RULE, "规则配置所依据的办法已失效、是征求意见稿或节选", scope="catalog", level="warning")
def text_status(context: Context) -> Iterator[Problem]:
    """
    目录登记的规则配置（``registry.yaml`` 的 ``profile``）所依据的办法文本不是现行有效的全文时，
    每次校验给出一条警告，提醒提交人和审核人：滨州市的办法有效期至 2022-11-05（滨州 第三十三条），
    已经失效；广西的办法是征求意见稿；吉林的办法在本目录中只有节选。规则仍按该文本检查，但
    结论可能与现行规定不同，请主管部门确认是否应改用其他配置或在 ``overrides`` 中调整。

    依据（按规则配置）：各辖区办法关于施行日期和有效期的条款，例如滨州 第三十三条。

    不通过（警告）：

        profile: binzhou

    通过：

        profile: guizhou
    """
    registry = context.catalog.registry
    text = describe(context.catalog.profile)
    if registry is None or not text:
        return
    line, column = registry.doc.where("profile")
    message = f"本目录遵循的规则配置“{context.catalog.profile.name}”所依据的{text}"
    yield Problem(registry.doc.path, line, column, RULE, "warning", message, "profile")


def change_problem(profile: Any, prefix: str) -> list[Problem]:
    """The same warning once for a pull-request check (``catalog check``), at the registry."""
    text = describe(profile)
    if not text or not profile.applies(RULE):
        return []
    path = f"{prefix}/registry.yaml" if prefix else "registry.yaml"
    message = f"本目录遵循的规则配置“{profile.name}”所依据的{text}"
    return [profile.apply(Problem(path, 0, 0, RULE, "warning", message, "profile"))]
