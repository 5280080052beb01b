"""Gitea API v1 (https://docs.gitea.com/api), as run by self-hosted forges on government intranets."""

from __future__ import annotations

import base64
import urllib.parse
from typing import Any

from generator.forge import Comment, Issue, PullRequest
from generator.forge.rest import Rest


class Gitea:
    def __init__(self, repo: str, token: str, api: str) -> None:
        self.repo = f"/repos/{repo}"
        self.rest = Rest(api, {"Authorization": f"token {token}"})
        self._login = ""

    def login(self) -> str:
        if not self._login:
            self._login = str(self.rest.call("GET", "/user")["login"])
        return self._login

    def default_branch(self) -> str:
        return str(self.rest.call("GET", self.repo)["default_branch"])

    def pulls(self, state: str = "open") -> list[PullRequest]:
        return [_pull(p) for p in self.rest.pages(f"{self.repo}/pulls", {"state": state}, "limit")]

    def pull(self, number: int) -> PullRequest:
        return _pull(self.rest.call("GET", f"{self.repo}/pulls/{number}"))

    def pull_files(self, number: int) -> list[str]:
        return [str(f["filename"]) for f in self.rest.pages(f"{self.repo}/pulls/{number}/files", {}, "limit")]

    def comments(self, number: int) -> list[Comment]:
        # Gitea returns all comments of an issue in one list (no pagination parameters).
        found = self.rest.call("GET", f"{self.repo}/issues/{number}/comments") or []
        return [Comment(int(c["id"]), str(c.get("body") or ""), str(c["user"]["login"])) for c in found]

    def add_comment(self, number: int, body: str) -> Comment:
        made = self.rest.call("POST", f"{self.repo}/issues/{number}/comments", {"body": body})
        return Comment(int(made["id"]), str(made.get("body") or ""), str(made["user"]["login"]))

    def edit_comment(self, comment_id: int, body: str) -> None:
        self.rest.call("PATCH", f"{self.repo}/issues/comments/{comment_id}", {"body": body})

    def issues(self) -> list[Issue]:
        found = self.rest.pages(f"{self.repo}/issues", {"state": "all", "type": "issues"}, "limit")
        return [Issue(int(i["number"]), str(i.get("title") or ""), str(i.get("body") or ""), str(i["state"])) for i in found]

    def open_issue(self, title: str, body: str) -> Issue:
        made = self.rest.call("POST", f"{self.repo}/issues", {"title": title, "body": body})
        return Issue(int(made["number"]), str(made.get("title") or ""), str(made.get("body") or ""), str(made["state"]))

    def branch_sha(self, branch: str) -> str | None:
        found = self.rest.call("GET", f"{self.repo}/branches/{_quote(branch)}", missing_ok=True)
        return str(found["commit"]["id"]) if isinstance(found, dict) else None

    def create_branch(self, branch: str, sha: str) -> None:
        self.rest.call("POST", f"{self.repo}/branches", {"new_branch_name": branch, "old_ref_name": sha})

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
