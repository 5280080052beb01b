"""The sticky pull-request comment: one comment per pull request, found by its marker, edited in place."""

from __future__ import annotations

from generator.forge import Forge
from generator.report.markdown import COMMENT_LIMIT, MARKER


def prepare(report: str) -> str:
    """The comment body: marker first and only once, no raw mentions, HTML or links, within the
    forge's size limit.

    The report comes from a workflow run on the pull request's code, so it is treated as
    untrusted even though ``catalog check`` already neutralises what submitters wrote: a forged
    report could hold hidden HTML (``<details>``, ``<img>``, a second marker) or ping people.
    ``catalog check`` writes no ``<`` of its own besides the marker, nor any link, so escaping
    every ``<`` and breaking every ``://`` and ``](`` changes nothing in a genuine report.
    """
    body = report.replace(MARKER, "").lstrip("\n")
    body = body.replace("<", "&lt;").replace("://", ":&#8203;//").replace("](", "]&#8203;(")
    body = body.replace("@", "@&#8203;")
    if len(body) > COMMENT_LIMIT:
        body = body[:COMMENT_LIMIT] + "\n\n> 报告过长，已截断；完整内容见检查任务的摘要。\n"
    return f"{MARKER}\n{body}"


def post(forge: Forge, number: int, report: str, head_sha: str = "") -> str:
    """Create or update the bot's comment on pull request ``number``; returns what was done."""
    if head_sha:
        pull = forge.pull(number)
        if pull.head_sha != head_sha:
            raise ValueError(f"报告对应的提交 {head_sha[:7]} 不是拉取请求 #{number} 的最新提交 {pull.head_sha[:7]}，不发布")
    body = prepare(report)
    me = forge.login()
    for comment in forge.comments(number):
        if comment.body.startswith(MARKER) and comment.author == me:
            if comment.body != body:
                forge.edit_comment(comment.id, body)
                return f"已更新 #{number} 的检查报告评论"
            return f"#{number} 的检查报告评论没有变化"
    forge.add_comment(number, body)
    return f"已在 #{number} 发布检查报告评论"
