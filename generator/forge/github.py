"""GitHub REST API v3 (https://docs.github.com/en/rest), for github.com and GitHub Enterprise."""

from __future__ import annotations

import base64
import urllib.parse
from typing import Any

from generator.forge import Comment, ForgeError, Issue, PullRequest
from generator.forge.rest import Rest

ACTIONS_BOT = "github-actions[bot]"


class GitHub:
    def __init__(self, repo: str, token: str, api: str = "https://api.github.com", login: str = "") -> None:
        self.repo = f"/repos/{repo}"
        self.rest = Rest(
            api,
            {
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {token}",
                "X-GitHub-Api-Version": "2022-11-28",
            },
        )
        self._login = login

    def login(self) -> str:
        # An Actions token cannot read /user; its comments are by github-actions[bot].
        if not self._login:
            try:
                me = self.rest.call("GET", "/user")
            except ForgeError:
                me = None
            self._login = str(me["login"]) if isinstance(me, dict) and "login" in me else ACTIONS_BOT
        return self._login

    def default_branch(self) -> str:
        return str(self.rest.call("GET", self.repo)["default_branch"])

    def pulls(self, state: str = "open") -> list[PullRequest]:
        return [_pull(p) for p in self.rest.pages(f"{self.repo}/pulls", {"state": state}, "per_page")]

    def pull(self, number: int) -> PullRequest:
        return _pull(self.rest.call("GET", f"{self.repo}/pulls/{number}"))

    def pull_files(self, number: int) -> list[str]:
        return [str(f["filename"]) for f in self.rest.pages(f"{self.repo}/pulls/{number}/files", {}, "per_page")]

    def comments(self, number: int) -> list[Comment]:
        found = self.rest.pages(f"{self.repo}/issues/{number}/comments", {}, "per_page")
        return [Comment(int(c["id"]), str(c.get("body") or ""), str(c["user"]["login"])) for c in found]

    def add_comment(self, number: int, body: str) -> Comment:
        made = self.rest.call("POST", f"{self.repo}/issues/{number}/comments", {"body": body})
        return Comment(int(made["id"]), str(made.get("body") or ""), str(made["user"]["login"]))

    def edit_comment(self, comment_id: int, body: str) -> None:
        self.rest.call("PATCH", f"{self.repo}/issues/comments/{comment_id}", {"body": body})

    def issues(self) -> list[Issue]:
        found = self.rest.pages(f"{self.repo}/issues", {"state": "all"}, "per_page")
        return [_issue(i) for i in found if "pull_request" not in i]

    def open_issue(self, title: str, body: str) -> Issue:
        return _issue(self.rest.call("POST", f"{self.repo}/issues", {"title": title, "body": body}))

    def branch_sha(self, branch: str) -> str | None:
        ref = self.rest.call("GET", f"{self.repo}/git/ref/heads/{_quote(branch)}", missing_ok=True)
        return str(ref["object"]["sha"]) if isinstance(ref, dict) else None

    def create_branch(self, branch: str, sha: str) -> None:
        self.rest.call("POST", f"{self.repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": sha})

    def file(self, path: str, ref: str) -> tuple[bytes, str] | None:
        found = self.rest.call("GET", f"{self.repo}/contents/{_quote(path)}", query={"ref": ref}, missing_ok=True)
        if not isinstance(found, dict) or found.get("type") != "file":
            return None
        return base64.b64decode(found["content"]), str(found["sha"])

    def put_file(self, path: str, branch: str, content: bytes, message: str, blob: str) -> None:
        body = {"message": message, "content": base64.b64encode(content).decode("ascii"), "sha": blob, "branch": branch}
        self.rest.call("PUT", f"{self.repo}/contents/{_quote(path)}", body)

    def open_pull(self, title: str, body: str, head: str, base: str) -> PullRequest:
        made = self.rest.call("POST", f"{self.repo}/pulls", {"title": title, "body": body, "head": head, "base": base})
        return _pull(made)


def _quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def _pull(raw: Any) -> PullRequest:
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


def _issue(raw: Any) -> Issue:
    return Issue(int(raw["number"]), str(raw.get("title") or ""), str(raw.get("body") or ""), str(raw["state"]))
