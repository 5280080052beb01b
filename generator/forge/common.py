"""What the GitHub and Gitea REST APIs share: repository contents, pulls, issues and comments.

Gitea's v1 API follows GitHub's shapes for these endpoints; the two clients differ only in
authentication, pagination, branches and who "we" are (see ``github.py`` and ``gitea.py``).
"""

from __future__ import annotations

import base64
import urllib.parse
from typing import Any

from generator.forge import Comment, ForgeError, Issue, PullRequest
from generator.forge.rest import Rest


class RestForge:
    """Endpoints whose paths and payloads are the same on GitHub and Gitea."""

    PAGE_PARAM = "per_page"
    """Name of the page-size query parameter."""

    def __init__(self, repo: str, rest: Rest) -> None:
        self.repo = f"/repos/{repo}"
        self.rest = rest

    def default_branch(self) -> str:
        return str(self.rest.call("GET", self.repo)["default_branch"])

    def pulls(self, state: str = "open") -> list[PullRequest]:
        return [pull_from(p) for p in self.rest.pages(f"{self.repo}/pulls", {"state": state}, self.PAGE_PARAM)]

    def pull(self, number: int) -> PullRequest:
        return pull_from(self.rest.call("GET", f"{self.repo}/pulls/{number}"))

    def pull_files(self, number: int) -> list[str]:
        found = self.rest.pages(f"{self.repo}/pulls/{number}/files", {}, self.PAGE_PARAM)
        return [str(f["filename"]) for f in found]

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
        return base64.b64decode(found["content"]), str(found["sha"])

    def put_file(self, path: str, branch: str, content: bytes, message: str, blob: str) -> None:
        body = {"message": message, "content": base64.b64encode(content).decode("ascii"), "sha": blob, "branch": branch}
        self.rest.call("PUT", f"{self.repo}/contents/{quote(path)}", body)

    def open_pull(self, title: str, body: str, head: str, base: str) -> PullRequest:
        made = self.rest.call("POST", f"{self.repo}/pulls", {"title": title, "body": body, "head": head, "base": base})
        return pull_from(made)


def quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def comment_from(raw: Any) -> Comment:
    return Comment(int(raw["id"]), str(raw.get("body") or ""), str(raw["user"]["login"]))


def issue_from(raw: Any) -> Issue:
    return Issue(int(raw["number"]), str(raw.get("title") or ""), str(raw.get("body") or ""), str(raw["state"]))


def pull_from(raw: Any) -> PullRequest:
    if not isinstance(raw, dict):
        raise ForgeError("代码托管平台返回的拉取请求格式不对")
    return PullRequest(
        number=int(raw["number"]),
        title=str(raw.get("title") or ""),
        head=str(raw["head"]["ref"]),
        base=str(raw["base"]["ref"]),
        state=str(raw["state"]),
        created=str(raw["created_at"]),
        author=str(raw["user"]["login"]),
        head_sha=str(raw["head"].get("sha") or ""),
        body=str(raw.get("body") or ""),
    )
