"""The GitHub and Gitea clients against the fake forge (documented request shapes), the sticky
comment, and neutralisation of submitter text."""

from __future__ import annotations

import pytest
from fakeforge import BOT, FakeForge

from generator.forge import ForgeError, from_env
from generator.forge.sticky import post
from generator.report.markdown import MARKER
from generator.report.neutral import text

FLAVOURS = ["github", "gitea"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_client_call_fits_the_documented_shapes(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        fake.files[("main", "catalog/a.yaml")] = "status: 公示中\n".encode()
        client = from_env(fake.env)
        assert client.login() == BOT
        assert client.default_branch() == "main"
        issue = client.open_issue("标题", "正文")
        comment = client.add_comment(issue.number, "评论")
        client.edit_comment(comment.id, "改过的评论")
        assert [c.body for c in client.comments(issue.number)] == ["改过的评论"]
        assert [i.title for i in client.issues()] == ["标题"]
        assert client.branch_sha("nope") is None
        client.create_branch("bot/x", client.branch_sha("main") or "")
        content, blob = client.file("catalog/a.yaml", "bot/x") or (b"", "")
        assert content.decode() == "status: 公示中\n"
        assert client.file("catalog/missing.yaml", "bot/x") is None
        client.put_file("catalog/a.yaml", "bot/x", "status: 已下线\n".encode(), "下线执行", blob)
        pull = client.open_pull("【下线执行】甲", "正文", "bot/x", "main")
        assert (pull.head, pull.base, pull.state) == ("bot/x", "main", "open")
        assert [p.number for p in client.pulls("open")] == [pull.number]
        assert client.pull(pull.number).head_sha == fake.branches["bot/x"]
        assert client.pull_files(pull.number) == []
        assert fake.violations == []
        assert fake.files[("bot/x", "catalog/a.yaml")] == "status: 已下线\n".encode()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_pagination_reads_every_page(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        for index in range(120):
            fake.add_pull(f"申请 {index}", head=f"b{index}")
        assert len(from_env(fake.env).pulls("open")) == 120
        assert fake.violations == []


def test_refused_request_is_a_chinese_error() -> None:
    with FakeForge("github") as fake:
        client = from_env(fake.env)
        with pytest.raises(ForgeError, match="代码托管平台拒绝了请求"):
            client.pull(99)


def test_configuration_from_environment() -> None:
    with pytest.raises(ForgeError, match="CATALOG_FORGE_TOKEN"):
        from_env({"CATALOG_FORGE": "github", "CATALOG_FORGE_REPO": "a/b"})
    with pytest.raises(ForgeError, match="CATALOG_FORGE_API"):
        from_env({"CATALOG_FORGE": "gitea", "CATALOG_FORGE_REPO": "a/b", "CATALOG_FORGE_TOKEN": "t"})
    github = from_env({"GITHUB_REPOSITORY": "a/b", "GITHUB_TOKEN": "t", "GITHUB_API_URL": "https://ghe.example/api/v3"})
    assert type(github).__name__ == "GitHub"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_sticky_comment_is_edited_in_place(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        number = fake.add_pull("【编目】甲", head="gongan/add")
        client = from_env(fake.env)
        # Someone quoting the marker in their own comment does not capture the bot's comment.
        fake.comments[1] = {"issue": number, "body": f"{MARKER}\n假报告", "user": "someone"}
        assert post(client, number, f"{MARKER}\n## 报告一\n") == f"已在 #{number} 发布检查报告评论"
        assert post(client, number, f"{MARKER}\n## 报告二 @everyone\n") == f"已更新 #{number} 的检查报告评论"
        assert post(client, number, f"{MARKER}\n## 报告二 @everyone\n") == f"#{number} 的检查报告评论没有变化"
        mine = [c for c in fake.comments.values() if c["user"] == BOT]
        assert len(mine) == 1
        assert mine[0]["body"].startswith(MARKER) and "@&#8203;everyone" in mine[0]["body"]
        with pytest.raises(ValueError, match="不是拉取请求"):
            post(client, number, "x", head_sha="f" * 40)
        assert fake.violations == []


def test_submitter_text_cannot_ping_inject_or_break_out() -> None:
    hostile = "甲 @everyone @org/team | 列 `x` ```\n# 标题 <img src=x onerror=alert(1)> <!-- catalog-check --> [点](javascript:x) https://evil.example"
    shown = text(hostile)
    assert "\n" not in shown
    assert "@everyone" not in shown and "@org" not in shown
    assert "<" not in shown and ">" not in shown
    assert "|" not in shown.replace("\\|", "")
    assert "`" not in shown.replace("\\`", "")
    assert "](" not in shown.replace("\\]\\(", "")
    assert "https://" not in shown
    assert len(text("长" * 1000)) <= 300


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_merged_pull_request_of_a_commit(flavour: str) -> None:
    """The forge's record of when a commit reached the default branch: the merged pull request that
    brought it (not a fork's unmerged one, not one merged into another branch)."""
    merge, other = "a" * 40, "b" * 40
    with FakeForge(flavour) as fake:
        fake.add_pull("【下线申请】甲", head="gongan/delist", commits=("c" * 40, merge), merged_at="2026-03-03T07:12:00Z")
        fake.add_pull("旧申请", head="x", head_repo="outsider/catalog", commits=(other,))
        fake.add_pull("发布分支", head="y", base="release", commits=(other,), merged_at="2026-01-01T00:00:00Z")
        client = from_env(fake.env)
        found = client.merged_pull(merge)
        assert found is not None and (found.merged_at, found.base, found.head_repo) == ("2026-03-03T07:12:00Z", "main", "bureau/catalog")
        assert client.merged_pull(other) is None
        assert client.merged_pull("d" * 40) is None
        assert fake.violations == []


def test_issue_and_pull_authors_and_forks_are_read() -> None:
    with FakeForge("github") as fake:
        fake.add_issue("【公示】伪造", "<!-- catalog-notice -->", author="outsider", state="closed")
        fake.add_pull("同名分支", head="catalog-bot/delist-1", head_repo="outsider/catalog", author="outsider")
        client = from_env(fake.env)
        assert [(i.author, i.state, i.created) for i in client.issues()] == [("outsider", "closed", "2026-11-02T02:00:00Z")]
        assert [(p.head, p.head_repo, p.author) for p in client.pulls("all")] == [("catalog-bot/delist-1", "outsider/catalog", "outsider")]
        assert client.repository() == "bureau/catalog"


HOSTILE = [
    ("html", 200, "text/html", b"<!DOCTYPE html><html><body>\xe7\x99\xbb\xe5\xbd\x95</body></html>", "返回了网页而不是 JSON"),
    ("html-as-json", 200, "application/json", b"<html><body>502</body></html>", "返回了网页而不是 JSON"),
    ("truncated", 200, "application/json", b'[{"number": 1, "title": "\xe5\x85', "不是完整的 JSON"),
    ("object-not-list", 200, "application/json", b'{"message": "rate limited"}', "应为列表，实际是对象"),
    ("missing-number", 200, "application/json", b'[{"title": "x", "body": "", "state": "open", "user": {"login": "a"}}]', "缺少编号字段 number"),
    ("list-of-strings", 200, "application/json", b'["1", "2"]', "格式不对：应为对象，实际是字符串"),
]


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("case,status,kind,body,words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_broken_answers_are_chinese_errors(flavour: str, case: str, status: int, kind: str, body: bytes, words: str) -> None:
    with FakeForge(flavour) as fake:
        fake.answers.append(("GET", r"/issues$", status, kind, body))
        with pytest.raises(ForgeError, match=words) as caught:
            from_env(fake.env).issues()
        assert "GET" in str(caught.value) or "议题" in str(caught.value)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_write_answered_without_number_is_an_error_after_the_forge_did_it(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        fake.answers.append(("POST", r"/issues$", 201, "application/json", b'{"title": "x", "state": "open"}'))
        with pytest.raises(ForgeError, match="缺少编号字段 number"):
            from_env(fake.env).open_issue("标题", "正文")
        assert [i["title"] for i in fake.issues.values()] == ["标题"], "the forge did open it"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_redirect_to_another_host_is_not_followed_with_the_token(flavour: str) -> None:
    with FakeForge(flavour, host="127.0.0.2") as elsewhere, FakeForge(flavour) as fake:
        fake.redirects.append(("GET", r"/issues$", f"{elsewhere.api}/repos/{fake.env['CATALOG_FORGE_REPO']}/issues"))
        with pytest.raises(ForgeError, match="重定向到另一个地址 http://127.0.0.2:") as caught:
            from_env(fake.env).issues()
        assert "保护访问令牌" in str(caught.value)
        assert elsewhere.seen == [], "nothing, least of all the token, reached the other host"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_redirect_within_the_api_is_followed(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        fake.add_issue("甲", "", author="someone")
        fake.redirects.append(("GET", r"/repos/old/name/issues$", f"{fake.api}/repos/{fake.env['CATALOG_FORGE_REPO']}/issues?state=all"))
        env = {**fake.env, "CATALOG_FORGE_REPO": "old/name"}
        fake.shapes = [(m, p.replace("{repo}", "(?:{repo}|old/name)"), r, o) for m, p, r, o in fake.shapes]
        found = from_env(env).rest.call("GET", "/repos/old/name/issues")  # type: ignore[attr-defined]
        assert [i["title"] for i in found] == ["甲"]
        assert len(fake.seen) == 2 and all(auth for _, _, auth in fake.seen)


def test_login_falls_back_to_the_actions_bot_only_when_the_token_may_not_ask() -> None:
    with FakeForge("github") as fake:
        fake.answers.append(("GET", r"^/user$", 403, "application/json", b'{"message": "Resource not accessible by integration"}'))
        assert from_env(fake.env).login() == "github-actions[bot]"
        fake.answers.append(("GET", r"^/user$", 500, "application/json", b'{"message": "boom"}'))
        with pytest.raises(ForgeError, match="HTTP 500"):
            from_env(fake.env).login()
