"""What the GitHub and Gitea REST APIs share: repository contents, pulls, issues and comments.

Gitea's v1 API follows GitHub's shapes for these endpoints; the two clients differ only in
authentication, pagination, branches, the pull request of a commit and who "we" are (see
``github.py`` and ``gitea.py``). Every answer is read through :class:`Fields`, so a missing or
mistyped field is a :class:`ForgeError` naming it, never a ``KeyError``.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from typing import Any

from generator.forge import Comment, ForgeError, Issue, PullRequest
from generator.forge.rest import Rest, shape


class RestForge:
    """Endpoints whose paths and payloads are the same on GitHub and Gitea."""

    PAGE_PARAM = "per_page"
    """Name of the page-size query parameter."""

    def __init__(self, repo: str, rest: Rest) -> None:
        self.name = repo
        self.repo = f"/repos/{repo}"
        self.rest = rest
        self._default = ""

    def repository(self) -> str:
        return self.name

    def default_branch(self) -> str:
        if not self._default:
            self._default = Fields(self.rest.call("GET", self.repo), "仓库信息").text("default_branch")
        return self._default

    def pulls(self, state: str = "open") -> list[PullRequest]:
        return [pull_from(p) for p in self.rest.pages(f"{self.repo}/pulls", {"state": state}, self.PAGE_PARAM)]

    def pull(self, number: int) -> PullRequest:
        return pull_from(self.rest.call("GET", f"{self.repo}/pulls/{number}"))

    def pull_files(self, number: int) -> list[str]:
        found = self.rest.pages(f"{self.repo}/pulls/{number}/files", {}, self.PAGE_PARAM)
        return [Fields(f, "拉取请求的文件").text("filename") for f in found]

    def add_comment(self, number: int, body: str) -> Comment:
        return comment_from(self.rest.call("POST", f"{self.repo}/issues/{number}/comments", {"body": body}))

    def edit_comment(self, comment_id: int, body: str) -> None:
        self.rest.call("PATCH", f"{self.repo}/issues/comments/{comment_id}", {"body": body})

    def open_issue(self, title: str, body: str) -> Issue:
        return issue_from(self.rest.call("POST", f"{self.repo}/issues", {"title": title, "body": body}))

    def file(self, path: str, ref: str) -> tuple[bytes, str] | None:
        found = self.rest.call("GET", f"{self.repo}/contents/{quote(path)}", query={"ref": ref}, missing_ok=True)
        if not isinstance(found, dict) or found.get("type") != "file":
            return None
        fields = Fields(found, "文件内容")
        try:
            content = base64.b64decode(fields.text("content"), validate=False)
        except (binascii.Error, ValueError):
            raise ForgeError(f"代码托管平台返回的文件 {path} 内容不是有效的 base64 编码") from None
        return content, fields.text("sha")

    def put_file(self, path: str, branch: str, content: bytes, message: str, blob: str) -> None:
        body = {"message": message, "content": base64.b64encode(content).decode("ascii"), "sha": blob, "branch": branch}
        self.rest.call("PUT", f"{self.repo}/contents/{quote(path)}", body)

    def open_pull(self, title: str, body: str, head: str, base: str) -> PullRequest:
        made = self.rest.call("POST", f"{self.repo}/pulls", {"title": title, "body": body, "head": head, "base": base})
        return pull_from(made)


def quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


class Fields:
    """A JSON object from the forge, read field by field with a Chinese error for what is missing."""

    def __init__(self, raw: Any, what: str) -> None:
        if not isinstance(raw, dict):
            raise ForgeError(f"代码托管平台返回的{what}格式不对：应为对象，实际是{shape(raw)}")
        self.raw, self.what = raw, what

    def get(self, *keys: str) -> Any:
        value: Any = self.raw
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def text(self, *keys: str, optional: bool = False) -> str:
        value = self.get(*keys)
        if isinstance(value, str):
            return value
        if value is None and optional:
            return ""
        raise ForgeError(f"代码托管平台返回的{self.what}缺少字段 {'.'.join(keys)}（或不是字符串）")

    def number(self, key: str) -> int:
        value = self.raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        raise ForgeError(f"代码托管平台返回的{self.what}缺少编号字段 {key}（或不是正整数）")


def comment_from(raw: Any) -> Comment:
    fields = Fields(raw, "评论")
    return Comment(fields.number("id"), fields.text("body", optional=True), fields.text("user", "login"))


def issue_from(raw: Any) -> Issue:
    fields = Fields(raw, "议题")
    return Issue(
        number=fields.number("number"),
        title=fields.text("title", optional=True),
        body=fields.text("body", optional=True),
        state=fields.text("state"),
        author=fields.text("user", "login"),
        created=fields.text("created_at", optional=True),
    )


def pull_from(raw: Any) -> PullRequest:
    fields = Fields(raw, "拉取请求")
    return PullRequest(
        number=fields.number("number"),
        title=fields.text("title", optional=True),
        head=fields.text("head", "ref"),
        base=fields.text("base", "ref"),
        state=fields.text("state"),
        created=fields.text("created_at"),
        author=fields.text("user", "login"),
        head_sha=fields.text("head", "sha", optional=True),
        body=fields.text("body", optional=True),
        head_repo=fields.text("head", "repo", "full_name", optional=True),
        merged_at=fields.text("merged_at", optional=True),
    )


def merged_into(pulls: list[PullRequest], branch: str) -> PullRequest | None:
    """The pull request merged into ``branch``; the latest merge when there are several (a later
    start only lengthens a notice)."""
    merged = [p for p in pulls if p.merged_at and p.base == branch]
    return max(merged, key=lambda p: p.merged_at) if merged else None
