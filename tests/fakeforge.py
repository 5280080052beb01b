"""A fake forge: a local HTTP server speaking the subset of the GitHub REST and Gitea v1 APIs the
bot uses, keeping its state in memory and checking every request against the documented shapes.

The shapes (method, path, required and allowed body fields with their JSON types) are taken from
the forges' API documentation:

* GitHub: https://docs.github.com/en/rest (issues, issues/comments, pulls, git/refs, repos/contents)
* Gitea:  https://docs.gitea.com/api (swagger: CreateIssueOption, CreateIssueCommentOption,
  EditIssueCommentOption, CreateBranchRepoOption, UpdateFileOptions, CreatePullRequestOption)

A request that does not fit is answered ``422`` and recorded in ``violations``; tests assert that
list is empty. The real clients of ``generator.forge`` run against it unchanged.

The pull request of a commit (what dates a notice) follows the documented answers: GitHub's
``GET /repos/{owner}/{repo}/commits/{sha}/pulls`` lists "the merged pull request that introduced
the commit" (``pull-request-simple`` items with ``merged_at``, ``merge_commit_sha``, ``head.repo``,
``base.ref``); Gitea's ``GET /repos/{owner}/{repo}/commits/{sha}/pull`` answers that one
``PullRequest`` or 404. A hostile or broken forge is played with ``answers`` (a replacement answer,
once) and ``redirects`` (a redirect, once).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OWNER_REPO = "bureau/catalog"
TOKEN = "test-token"
BOT = "catalog-bot"

# (method, path pattern after the API base, required fields, optional fields)
Shape = tuple[str, str, dict[str, type], dict[str, type]]
GITHUB: list[Shape] = [
    ("GET", r"/repos/{repo}", {}, {}),
    ("GET", r"/user", {}, {}),
    ("GET", r"/repos/{repo}/pulls", {}, {}),
    ("GET", r"/repos/{repo}/pulls/\d+", {}, {}),
    ("GET", r"/repos/{repo}/pulls/\d+/files", {}, {}),
    ("GET", r"/repos/{repo}/commits/[0-9a-f]{40}/pulls", {}, {}),
    ("GET", r"/repos/{repo}/issues", {}, {}),
    ("GET", r"/repos/{repo}/issues/\d+/comments", {}, {}),
    ("POST", r"/repos/{repo}/issues/\d+/comments", {"body": str}, {}),
    ("PATCH", r"/repos/{repo}/issues/comments/\d+", {"body": str}, {}),
    ("POST", r"/repos/{repo}/issues", {"title": str}, {"body": str, "assignee": str, "milestone": int, "labels": list, "assignees": list}),
    ("GET", r"/repos/{repo}/git/ref/heads/.+", {}, {}),
    ("POST", r"/repos/{repo}/git/refs", {"ref": str, "sha": str}, {}),
    ("GET", r"/repos/{repo}/contents/.+", {}, {}),
    ("PUT", r"/repos/{repo}/contents/.+", {"message": str, "content": str}, {"sha": str, "branch": str, "committer": dict, "author": dict}),
    ("POST", r"/repos/{repo}/pulls", {"head": str, "base": str}, {"title": str, "body": str, "head_repo": str, "issue": int, "maintainer_can_modify": bool, "draft": bool}),
]
GITEA: list[Shape] = [
    ("GET", r"/repos/{repo}", {}, {}),
    ("GET", r"/user", {}, {}),
    ("GET", r"/repos/{repo}/pulls", {}, {}),
    ("GET", r"/repos/{repo}/pulls/\d+", {}, {}),
    ("GET", r"/repos/{repo}/pulls/\d+/files", {}, {}),
    ("GET", r"/repos/{repo}/commits/[0-9a-f]{40}/pull", {}, {}),
    ("GET", r"/repos/{repo}/issues", {}, {}),
    ("GET", r"/repos/{repo}/issues/\d+/comments", {}, {}),
    ("POST", r"/repos/{repo}/issues/\d+/comments", {"body": str}, {}),
    ("PATCH", r"/repos/{repo}/issues/comments/\d+", {"body": str}, {}),
    ("POST", r"/repos/{repo}/issues", {"title": str}, {"body": str, "assignee": str, "assignees": list, "closed": bool, "due_date": str, "labels": list, "milestone": int, "ref": str}),
    ("GET", r"/repos/{repo}/branches/.+", {}, {}),
    ("POST", r"/repos/{repo}/branches", {"new_branch_name": str}, {"old_branch_name": str, "old_ref_name": str}),
    ("GET", r"/repos/{repo}/contents/.+", {}, {}),
    ("PUT", r"/repos/{repo}/contents/.+", {"content": str, "sha": str}, {"message": str, "branch": str, "new_branch": str, "author": dict, "committer": dict, "dates": dict, "from_path": str, "signoff": bool}),
    ("POST", r"/repos/{repo}/pulls", {"head": str, "base": str}, {"title": str, "body": str, "assignee": str, "assignees": list, "labels": list, "milestone": int, "due_date": str, "reviewers": list, "team_reviewers": list}),
]
PAGE_SIZE = {"github": "per_page", "gitea": "limit"}


class Raw:
    """An answer sent as given (an HTML page, cut-off JSON)."""

    def __init__(self, kind: str, data: bytes) -> None:
        self.kind, self.data = kind, data


class Redirect:
    def __init__(self, location: str) -> None:
        self.location = location


class FakeForge:
    """Run with ``with FakeForge("github") as forge:``; ``forge.env`` configures the clients."""

    def __init__(self, flavour: str, host: str = "127.0.0.1") -> None:
        self.flavour = flavour
        self.shapes = GITHUB if flavour == "github" else GITEA
        self.prefix = "" if flavour == "github" else "/api/v1"
        self.requests: list[tuple[str, str, Any]] = []
        self.violations: list[str] = []
        self.branches: dict[str, str] = {"main": "0" * 40}
        self.files: dict[tuple[str, str], bytes] = {}
        self.issues: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, dict[str, Any]] = {}
        self.counter = 0
        self.outages: list[tuple[str, str, bool]] = []
        """Requests to fail once with 502: ``(method, path regex, done)``; ``done`` applies the request
        first (the answer is lost on the way back), otherwise the forge does nothing."""
        self.answers: list[tuple[str, str, int, str, bytes]] = []
        """Requests answered once with something else, after the forge did them:
        ``(method, path regex, status, content type, body)`` (an HTML page, cut-off JSON, …)."""
        self.redirects: list[tuple[str, str, str]] = []
        """Requests answered once with ``302 Location``: ``(method, path regex, location)``."""
        self.seen: list[tuple[str, str, str]] = []
        """Every request as ``(method, path, Authorization header)``, even those refused."""
        self.now = "2026-11-22T01:00:00Z"
        """Creation time the forge records for new issues and pull requests."""
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> FakeForge:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    @property
    def api(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    @property
    def env(self) -> dict[str, str]:
        return {
            "CATALOG_FORGE": self.flavour,
            "CATALOG_FORGE_REPO": OWNER_REPO,
            "CATALOG_FORGE_TOKEN": TOKEN,
            "CATALOG_FORGE_API": self.api,
        }

    def writes(self) -> list[tuple[str, str, Any]]:
        return [r for r in self.requests if r[0] != "GET"]

    # -- state helpers ---------------------------------------------------------------------
    def next_number(self) -> int:
        self.counter += 1
        return self.counter

    def add_pull(
        self, title: str, head: str, base: str = "main", created: str = "2026-11-02T02:00:00Z", author: str = "gongan-user",
        body: str = "", head_repo: str = OWNER_REPO, commits: tuple[str, ...] = (), merged_at: str | None = None,
    ) -> int:
        """A pull request; ``head_repo`` other than ours is a fork's, ``merged_at`` merges it (closed)
        and ``commits`` are the commits it brought (the merge commit included)."""
        number = self.next_number()
        self.issues[number] = {
            "title": title, "body": body, "state": "closed" if merged_at else "open", "user": author, "pull": True,
            "head": head, "base": base, "created": created, "files": [], "head_repo": head_repo,
            "commits": list(commits), "merged_at": merged_at,
        }
        if head_repo == OWNER_REPO:
            self.branches.setdefault(head, hashlib.sha1(head.encode()).hexdigest())
        return number

    def add_issue(self, title: str, body: str, author: str, state: str = "open", created: str = "2026-11-02T02:00:00Z") -> int:
        number = self.next_number()
        self.issues[number] = {"title": title, "body": body, "state": state, "user": author, "pull": False, "created": created}
        return number

    def add_comment(self, issue: int, body: str, author: str) -> int:
        comment_id = 1000 + len(self.comments)
        self.comments[comment_id] = {"issue": issue, "body": body, "user": author}
        return comment_id

    def pulls(self) -> list[dict[str, Any]]:
        return [dict(i, number=n) for n, i in sorted(self.issues.items()) if i["pull"]]

    # -- JSON views ------------------------------------------------------------------------
    def _pull_json(self, number: int) -> dict[str, Any]:
        item = self.issues[number]
        head_repo = item.get("head_repo", OWNER_REPO)
        commits = item.get("commits") or []
        return {
            "number": number, "title": item["title"], "body": item["body"], "state": item["state"],
            "created_at": item["created"], "user": {"login": item["user"]},
            "head": {
                "ref": item["head"], "sha": self.branches.get(item["head"], "") if head_repo == OWNER_REPO else "f" * 40,
                "repo": {"full_name": head_repo, "fork": head_repo != OWNER_REPO} if head_repo else None,
            },
            "base": {"ref": item["base"], "repo": {"full_name": OWNER_REPO, "fork": False}},
            "merged": bool(item.get("merged_at")), "merged_at": item.get("merged_at"),
            "merge_commit_sha": commits[-1] if commits and item.get("merged_at") else None,
        }

    def _issue_json(self, number: int) -> dict[str, Any]:
        item = self.issues[number]
        data: dict[str, Any] = {
            "number": number, "title": item["title"], "body": item["body"], "state": item["state"],
            "user": {"login": item["user"]}, "created_at": item.get("created", self.now),
        }
        if item["pull"]:
            data["pull_request"] = {"url": f"/pulls/{number}"}
        return data

    def _comment_json(self, comment_id: int) -> dict[str, Any]:
        item = self.comments[comment_id]
        return {"id": comment_id, "body": item["body"], "user": {"login": item["user"]}}

    # -- request handling ------------------------------------------------------------------
    def _check(self, method: str, path: str, headers: Any, body: Any) -> str | None:
        if self.flavour == "github":
            if headers.get("Authorization") != f"Bearer {TOKEN}":
                return "missing or wrong Authorization: Bearer"
            if headers.get("Accept") != "application/vnd.github+json" or not headers.get("X-GitHub-Api-Version"):
                return "GitHub requests need Accept: application/vnd.github+json and X-GitHub-Api-Version"
        elif headers.get("Authorization") != f"token {TOKEN}":
            return "missing or wrong Authorization: token"
        repo = re.escape(OWNER_REPO)
        for verb, pattern, required, optional in self.shapes:
            if verb != method or not re.fullmatch(pattern.replace("{repo}", repo), path):
                continue
            if method == "GET":
                return None if body is None else "GET with a body"
            if not isinstance(body, dict):
                return f"{method} {path}: body must be a JSON object"
            for key, kind in required.items():
                if not isinstance(body.get(key), kind):
                    return f"{method} {path}: required field {key!r} missing or not {kind.__name__}"
            for key, value in body.items():
                if key not in required and key not in optional:
                    return f"{method} {path}: field {key!r} is not in the documented shape"
                if key in optional and not isinstance(value, optional[key]):
                    return f"{method} {path}: field {key!r} is not {optional[key].__name__}"
            return None
        return f"{method} {path}: no such endpoint in the documented subset"

    def handle(self, method: str, raw_path: str, headers: Any, raw: bytes) -> tuple[int, Any]:
        parsed = urllib.parse.urlsplit(raw_path)
        path = urllib.parse.unquote(parsed.path)
        if not path.startswith(self.prefix):
            return 404, {"message": "Not Found"}
        path = path[len(self.prefix):]
        query = dict(urllib.parse.parse_qsl(parsed.query))
        body = json.loads(raw) if raw else None
        self.seen.append((method, path, headers.get("Authorization") or ""))
        self.requests.append((method, path, body))
        problem = self._check(method, path, headers, body)
        if problem:
            self.violations.append(problem)
            return 422, {"message": problem}
        redirect = next((r for r in self.redirects if r[0] == method and re.search(r[1], path)), None)
        if redirect is not None:
            self.redirects.remove(redirect)
            return 302, Redirect(redirect[2])
        outage = next((o for o in self.outages if o[0] == method and re.search(o[1], path)), None)
        if outage is not None:
            self.outages.remove(outage)
            if outage[2]:
                self._route(method, path.removeprefix(f"/repos/{OWNER_REPO}"), query, body)
            return 502, {"message": "Bad Gateway"}
        answer = next((a for a in self.answers if a[0] == method and re.search(a[1], path)), None)
        if answer is not None:
            self.answers.remove(answer)
            self._route(method, path.removeprefix(f"/repos/{OWNER_REPO}"), query, body)
            return answer[2], Raw(answer[3], answer[4])
        return self._route(method, path.removeprefix(f"/repos/{OWNER_REPO}"), query, body)

    def _page(self, items: list[Any], query: dict[str, str]) -> list[Any]:
        size = int(query.get(PAGE_SIZE[self.flavour], "30"))
        page = int(query.get("page", "1"))
        return items[(page - 1) * size : page * size]

    def _route(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:  # noqa: C901
        if path == "" and method == "GET":
            return 200, {"full_name": OWNER_REPO, "default_branch": "main"}
        if path == "/user":
            return 200, {"login": BOT}
        if m := re.fullmatch(r"/pulls/(\d+)/files", path):
            return 200, self._page([{"filename": f, "status": "modified"} for f in self.issues[int(m[1])]["files"]], query)
        if m := re.fullmatch(r"/commits/([0-9a-f]{40})/pulls?", path):
            merged = [n for n, i in sorted(self.issues.items()) if i["pull"] and m[1] in (i.get("commits") or [])]
            if self.flavour == "github":
                return 200, [self._pull_json(n) for n in merged]
            done = [n for n in merged if self.issues[n].get("merged_at")]
            return (200, self._pull_json(done[-1])) if done else (404, {"message": "Not Found"})
        if m := re.fullmatch(r"/pulls/(\d+)", path):
            number = int(m[1])
            return (200, self._pull_json(number)) if number in self.issues and self.issues[number]["pull"] else (404, {})
        if path == "/pulls" and method == "GET":
            state = query.get("state", "open")
            numbers = [p["number"] for p in self.pulls() if state == "all" or p["state"] == state]
            return 200, self._page([self._pull_json(n) for n in numbers], query)
        if path == "/pulls" and method == "POST":
            mine = [p for p in self.pulls() if p.get("head_repo", OWNER_REPO) == OWNER_REPO]
            if any(p["head"] == body["head"] and p["state"] == "open" for p in mine):
                return 422, {"message": "A pull request already exists"}
            if body["head"] not in self.branches:
                return 422, {"message": "head branch does not exist"}
            base_file = {f for (b, f) in self.files if b == body["base"]}
            if all(self.files.get((body["head"], f)) == self.files.get((body["base"], f)) for f in base_file | {f for (b, f) in self.files if b == body["head"]}):
                return 422, {"message": f"No commits between {body['base']} and {body['head']}"}
            number = self.next_number()
            self.issues[number] = {
                "title": body.get("title", ""), "body": body.get("body", ""), "state": "open", "user": BOT, "pull": True,
                "head": body["head"], "base": body["base"], "created": self.now, "files": [], "head_repo": OWNER_REPO,
            }
            return 201, self._pull_json(number)
        if path == "/issues" and method == "GET":
            numbers = sorted(self.issues)
            if self.flavour == "gitea" and query.get("type") == "issues":
                numbers = [n for n in numbers if not self.issues[n]["pull"]]
            return 200, self._page([self._issue_json(n) for n in numbers], query)
        if path == "/issues" and method == "POST":
            number = self.next_number()
            self.issues[number] = {"title": body["title"], "body": body.get("body", ""), "state": "open", "user": BOT, "pull": False, "created": self.now}
            return 201, self._issue_json(number)
        if m := re.fullmatch(r"/issues/(\d+)/comments", path):
            number = int(m[1])
            if method == "GET":
                found = [self._comment_json(i) for i, c in sorted(self.comments.items()) if c["issue"] == number]
                return 200, self._page(found, query) if self.flavour == "github" else found
            comment_id = 1000 + len(self.comments)
            self.comments[comment_id] = {"issue": number, "body": body["body"], "user": BOT}
            return 201, self._comment_json(comment_id)
        if m := re.fullmatch(r"/issues/comments/(\d+)", path):
            self.comments[int(m[1])]["body"] = body["body"]
            return 200, self._comment_json(int(m[1]))
        if m := re.fullmatch(r"/git/ref/heads/(.+)", path):
            sha = self.branches.get(m[1])
            return (200, {"ref": f"refs/heads/{m[1]}", "object": {"sha": sha, "type": "commit"}}) if sha else (404, {"message": "Not Found"})
        if path == "/git/refs":
            name = body["ref"].removeprefix("refs/heads/")
            return self._branch(name, body["sha"])
        if m := re.fullmatch(r"/branches/(.+)", path):
            sha = self.branches.get(m[1])
            return (200, {"name": m[1], "commit": {"id": sha}}) if sha else (404, {"message": "Not Found"})
        if path == "/branches":
            return self._branch(body["new_branch_name"], body.get("old_ref_name") or body.get("old_branch_name", ""))
        if m := re.fullmatch(r"/contents/(.+)", path):
            return self._contents(method, m[1], query, body)
        return 404, {"message": "Not Found"}

    def _branch(self, name: str, start: str) -> tuple[int, Any]:
        if name in self.branches:
            return 422, {"message": "Reference already exists"}
        source = next((b for b, sha in self.branches.items() if sha == start or b == start), None)
        if source is None:
            return 422, {"message": "Object does not exist"}
        self.branches[name] = self.branches[source]
        for (branch, file), content in list(self.files.items()):
            if branch == source:
                self.files[(name, file)] = content
        return 201, {"ref": f"refs/heads/{name}"}

    def _contents(self, method: str, file: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        branch = query.get("ref", "main") if method == "GET" else body.get("branch", "main")
        current = self.files.get((branch, file))
        blob = hashlib.sha1(current).hexdigest() if current is not None else ""
        if method == "GET":
            if current is None:
                return 404, {"message": "Not Found"}
            return 200, {"type": "file", "encoding": "base64", "path": file, "sha": blob, "content": base64.b64encode(current).decode()}
        if body.get("sha") != blob:
            return 409, {"message": "sha does not match"}
        self.files[(branch, file)] = base64.b64decode(body["content"])
        self.branches[branch] = hashlib.sha1(self.files[(branch, file)]).hexdigest()
        return 200, {"content": {"path": file}}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        forge = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, payload = forge.handle(self.command, self.path, self.headers, raw)
                kind, data = "application/json", b""
                if isinstance(payload, Raw):
                    kind, data = payload.kind, payload.data
                elif not isinstance(payload, Redirect):
                    data = json.dumps(payload).encode()
                self.send_response(status)
                if isinstance(payload, Redirect):
                    self.send_header("Location", payload.location)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = _serve

            def log_message(self, *args: object) -> None:
                pass

        return Handler
