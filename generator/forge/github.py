"""GitHub REST API v3 (https://docs.github.com/en/rest), for github.com and GitHub Enterprise."""

from __future__ import annotations

from generator.forge import Comment, ForgeError, Issue
from generator.forge.common import RestForge, comment_from, issue_from, quote
from generator.forge.rest import Rest

ACTIONS_BOT = "github-actions[bot]"


class GitHub(RestForge):
    def __init__(self, repo: str, token: str, api: str = "https://api.github.com", login: str = "") -> None:
        headers = {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        super().__init__(repo, Rest(api, headers))
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

    def comments(self, number: int) -> list[Comment]:
        found = self.rest.pages(f"{self.repo}/issues/{number}/comments", {}, self.PAGE_PARAM)
        return [comment_from(c) for c in found]

    def issues(self) -> list[Issue]:
        found = self.rest.pages(f"{self.repo}/issues", {"state": "all"}, self.PAGE_PARAM)
        return [issue_from(i) for i in found if "pull_request" not in i]

    def branch_sha(self, branch: str) -> str | None:
        ref = self.rest.call("GET", f"{self.repo}/git/ref/heads/{quote(branch)}", missing_ok=True)
        return str(ref["object"]["sha"]) if isinstance(ref, dict) else None

    def create_branch(self, branch: str, sha: str) -> None:
        self.rest.call("POST", f"{self.repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": sha})
