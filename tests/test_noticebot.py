"""The notice bot (``catalog notice --apply``) against the fake forge, on real repositories.

The bot runs once a day (08:30 Beijing time); these tests run it on the days that matter, with the
fake forge's clock on the same day.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from calendars import until_2026  # noqa: F401  (fixture)
from fakeforge import BOT, OWNER_REPO, FakeForge
from gitbuild import GitRepo, catalog_repo
from golden import assert_golden
from test_notice import HUJI, LIUDONG, land, record_2027

from generator.cli import main
from generator.notices.statusedit import StatusError, set_status

HUJI_PULL = "catalog-bot/delist-101001-000001"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = catalog_repo(tmp_path / "repo")
    land(repo, "delist-huji", HUJI, "2026-02-05", "2026-02-06")  # mounted: 30 working days to 03-26
    land(repo, "delist-liudong", LIUDONG, "2026-03-02", "2026-03-03")  # 30 days to 04-02
    return repo


class Bot:
    """Runs ``catalog notice --apply`` on a day, against a fake forge holding main's files."""

    def __init__(self, repo: GitRepo, forge: FakeForge, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.repo, self.forge, self.capsys = repo, forge, capsys
        monkeypatch.chdir(repo.root)
        for key, value in forge.env.items():
            monkeypatch.setenv(key, value)

    def sync(self, rev: str = "main") -> None:
        for path in (HUJI, LIUDONG):
            self.forge.files[("main", path)] = self.repo.git("show", f"{rev}:{path}").encode() + b"\n"

    def run(self, day: str, code: int = 0, at: str = "08:30") -> tuple[str, str]:
        """The bot's run on ``day`` at ``at`` (Beijing time; the schedule is 08:30), on main as it was then."""
        rev = self.repo.git("rev-list", "-1", "--first-parent", f"--before={day}T{at}:00+08:00", "main")
        self.sync(rev)
        self.forge.now = f"{day}T{at}:00+08:00"
        assert main(["notice", "--today", day, "--apply", "--rev", rev]) == code
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return out, err


def bot_issues(forge: FakeForge) -> list[dict[str, object]]:
    return [i for i in forge.issues.values() if not i["pull"] and i["user"] == BOT]


def bot_pulls(forge: FakeForge) -> list[dict[str, object]]:
    return [p for p in forge.pulls() if p["user"] == BOT]


@pytest.mark.parametrize("flavour", ["github", "gitea"])
def test_announce_remind_and_open_the_delisting_pull_request_once(
    flavour: str, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeForge(flavour) as forge:
        late = forge.add_pull("【下线申请】某资源", head="gongan-delist", created="2026-03-02T02:00:00Z")
        forge.issues[late]["files"] = [LIUDONG]
        bot = Bot(repo, forge, monkeypatch, capsys)
        outputs = [bot.run(day)[0] for day in ("2026-02-07", "2026-03-04", "2026-03-27")]
        assert forge.violations == []
        assert [p["head"] for p in bot_pulls(forge)] == [HUJI_PULL]
        changed = forge.files[(HUJI_PULL, HUJI)].decode()
        assert "status: 已下线" in changed and "status: 公示中" not in changed
        announcements = bot_issues(forge)
        assert len(announcements) == 2 and any("使用部门：shichang" in str(i["body"]) for i in announcements)
        reminders = [c for c in forge.comments.values() if "提醒：" in c["body"]]
        assert len(reminders) == 1 and "2026-04-02" in reminders[0]["body"]  # 301001: 7 days before its end
        assert f"#{late}「【下线申请】某资源」于 2026-03-02 提交，应最迟于 2026-03-05（含）答复" in outputs[2]
        writes = len(forge.writes())
        again = bot.run("2026-03-27")[0]
        assert len(forge.writes()) == writes, "a second run must change nothing"
        assert "已开启" not in again and "已发布" not in again and "已在" not in again
    assert_golden(f"notice/apply-{flavour}.txt", "".join(outputs) + written(forge))


def written(forge: FakeForge) -> str:
    """What the bot wrote on the forge, in order: issues, comments and pull requests."""
    parts = ["", "=== 机器人在代码托管平台上写的内容 ==="]
    for number, item in sorted(forge.issues.items()):
        if item["user"] == BOT:
            kind = "拉取请求" if item["pull"] else "议题"
            parts += [f"--- {kind} #{number}：{item['title']}", str(item["body"]).rstrip()]
    for comment_id, comment in sorted(forge.comments.items()):
        if comment["user"] == BOT:
            parts += [f"--- #{comment['issue']} 的评论 {comment_id}", comment["body"].rstrip()]
    return "\n".join(parts) + "\n"


def forge_state(forge: FakeForge) -> tuple[object, ...]:
    """What the bot leaves on the forge, without numbers (which depend on the order of events)."""
    issues = sorted((i["title"], i["body"], i["state"], i.get("head", "")) for i in forge.issues.values())
    comments = sorted(c["body"] for c in forge.comments.values())
    files = sorted((branch, path, content) for (branch, path), content in forge.files.items())
    return issues, comments, files, sorted(forge.branches)


WRITES = [("POST", r"/issues$"), ("POST", r"/comments$"), ("POST", r"/(git/refs|branches)$"), ("PUT", r"/contents/"), ("POST", r"/pulls$")]
DAYS = ("2026-02-07", "2026-03-04", "2026-03-27")


@pytest.mark.parametrize("done", [False, True], ids=["refused", "answer-lost"])
@pytest.mark.parametrize("method,path", WRITES, ids=["issue", "comment", "branch", "file", "pull"])
def test_apply_resumes_after_a_failure_at_any_step(
    method: str, path: str, done: bool, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The forge fails one write (before doing it, or after doing it with the answer lost): that
    notice's step is reported as failed, the other notices go on, and the next run finishes the job
    without doing anything twice."""
    states = []
    for outage in (None, (method, path, done)):
        with FakeForge("github") as forge:
            bot = Bot(repo, forge, monkeypatch, capsys)
            for day in DAYS:
                if outage and day == (DAYS[0] if method == "POST" and path == r"/issues$" else DAYS[2]):
                    forge.outages.append(outage)
                    out, err = bot.run(day, code=1)
                    assert "502" in err and "重新运行即可" in err
                    assert forge.outages == [], "the failure was injected"
                    if path == r"/pulls$":  # what was done before the failure is still reported
                        assert "已在" in out
                bot.run(day)
            writes = len(forge.writes())
            bot.run(DAYS[-1])
            assert len(forge.writes()) == writes, "a further run changes nothing"
            assert forge.violations == []
            states.append(forge_state(forge))
    assert states[1] == states[0]


def test_apply_without_forge_settings_is_a_clear_error(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo.root)
    for key in ("CATALOG_FORGE", "CATALOG_FORGE_REPO", "CATALOG_FORGE_TOKEN", "GITHUB_REPOSITORY", "GITHUB_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    assert main(["notice", "--today", "2026-03-27", "--apply"]) == 1
    assert "未配置代码托管平台" in capsys.readouterr().err


def test_the_forge_merge_time_dates_a_fast_forwarded_backdated_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The request's commit says 2026-01-06 and was fast-forwarded into main; the forge merged the
    pull request on 2026-03-03. The bot counts from 03-03: nothing is due on 03-20."""
    repo = catalog_repo(tmp_path / "repo")
    repo.branch("backdated")
    from gitbuild import request_delisting

    request_delisting(repo, LIUDONG)
    sha = repo.commit("下线申请", "2026-01-06")
    repo.checkout("main")
    repo.fast_forward("backdated")
    with FakeForge("github") as forge:
        forge.add_pull("【下线申请】流动人口", head="backdated", commits=(sha,), merged_at="2026-03-03T02:00:00Z")
        bot = Bot(repo, forge, monkeypatch, capsys)
        out, _ = bot.run("2026-03-20")
        assert "公示开始：2026-03-03（次日为第 1 天；依据代码托管平台记录的合并时间（拉取请求 #1））" in out
        assert "公示期至 2026-04-02（北京时间），还剩 13 个自然日" in out
        assert bot_pulls(forge) == [] and len(bot_issues(forge)) == 1
    with FakeForge("github") as forge:  # the forge has no merged pull request for it: no start at all
        bot = Bot(repo, forge, monkeypatch, capsys)
        out, _ = bot.run("2026-03-20", code=1)
        assert "不是代码托管平台的合并提交" in out and "未发布公示通知" in out
        assert bot_issues(forge) == [] and forge.writes() == []


def test_only_the_bots_own_markers_and_branches_count(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeForge("github") as forge:
        bot = Bot(repo, forge, monkeypatch, capsys)
        bot.sync()
        # Someone else's notice "announcement" (closed), a forged reminder and a fork's pull request
        # from a branch named like the bot's.
        forge.add_issue("【公示】假的", "<!-- catalog-notice code=101001/000001 start=2026-02-06 -->", author="outsider", state="closed")
        forge.add_issue("【公示】假的", "<!-- catalog-notice code=301001/000001 start=2026-03-03 -->", author="outsider")
        forge.add_pull("【下线执行】假的", head=HUJI_PULL, head_repo="outsider/catalog", author="outsider")
        bot.run("2026-02-07")
        bot.run("2026-03-04")
        mine = {str(i["body"]).split("\n")[0]: n for n, i in forge.issues.items() if not i["pull"] and i["user"] == BOT}
        liudong = mine["<!-- catalog-notice code=301001/000001 start=2026-03-03 -->"]
        forge.add_comment(liudong, "<!-- catalog-notice-reminder code=301001/000001 start=2026-03-03 -->\n假提醒", author="outsider")
        out, _ = bot.run("2026-03-27")
        assert len(mine) == 2, "both notices announced despite the outsider's markers"
        reminders = [c for c in forge.comments.values() if c["user"] == BOT and "提醒：" in c["body"]]
        assert len(reminders) == 1 and reminders[0]["issue"] == liudong
        ours = [p for p in bot_pulls(forge) if p["head"] == HUJI_PULL]
        assert len(ours) == 1 and ours[0]["head_repo"] == OWNER_REPO and "已开启下线执行拉取请求" in out
        assert forge.violations == []


@pytest.mark.parametrize(
    "line", ['"status": 公示中', "status : 公示中", "status: '公示中'  # 公示中"], ids=["quoted-key", "space-before-colon", "quoted-value"]
)
def test_the_status_is_changed_whatever_way_it_is_written(
    line: str, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.replace(HUJI, "status: 公示中", line)
    repo.commit("改写状态行", "2026-03-10")
    with FakeForge("github") as forge:
        bot = Bot(repo, forge, monkeypatch, capsys)
        bot.run("2026-02-07")
        out, _ = bot.run("2026-03-27")
        assert "已开启下线执行拉取请求" in out
        changed = forge.files[(HUJI_PULL, HUJI)].decode()
        before = (repo.root / HUJI).read_text(encoding="utf-8")
        assert changed == before.replace(line, line.replace("公示中", "已下线", 1) if "'" not in line else "status: 已下线  # 公示中")
        assert forge.violations == []


def test_one_failing_notice_does_not_stop_the_others(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """HUJI's file on the forge has no readable status: its execution fails with a reason, no empty
    pull request is attempted, and LIUDONG's reminder still goes out."""
    with FakeForge("github") as forge:
        bot = Bot(repo, forge, monkeypatch, capsys)
        bot.run("2026-02-07")
        bot.run("2026-03-04")
        bot.sync()
        forge.files[("main", HUJI)] = forge.files[("main", HUJI)].replace("status: 公示中".encode(), b"state: x")
        bot.sync = lambda rev="main": None  # type: ignore[method-assign]
        out, err = bot.run("2026-03-27", code=1)
        assert "户籍人口基本信息（101001/000001）：catalog/gongan/101001-000001.yaml 中没有顶层的状态字段 status" in err
        assert "已在" in out and "提醒使用部门" in out
        assert bot_pulls(forge) == [] and forge.violations == []


@pytest.mark.parametrize(
    "answer,words",
    [
        (("GET", r"/issues$", 200, "text/html", b"<html>login</html>"), "返回了网页而不是 JSON"),
        (("GET", r"/issues$", 200, "application/json", b'{"message": "x"}'), "应为列表，实际是对象"),
        (("GET", r"/issues$", 200, "application/json", b'[{"number": 1, "ti'), "不是完整的 JSON"),
    ],
    ids=["html", "object", "truncated"],
)
def test_a_broken_forge_answer_is_a_clear_error(
    answer: tuple[str, str, int, str, bytes], words: str, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeForge("github") as forge:
        forge.answers.append(answer)
        _, err = Bot(repo, forge, monkeypatch, capsys).run("2026-02-07", code=1)
        assert words in err and "机器人操作" not in err


def test_an_announcement_answered_without_number_is_not_repeated(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeForge("github") as forge:
        forge.answers.append(("POST", r"/issues$", 201, "application/json", b'{"title": "x", "state": "open"}'))
        bot = Bot(repo, forge, monkeypatch, capsys)
        out, err = bot.run("2026-02-07", code=1)
        assert "缺少编号字段 number" in err and "重新运行即可" in err
        bot.run("2026-02-07")
        assert len(bot_issues(forge)) == 1, "the forge did open it; the next run finds it by its marker"


@pytest.mark.usefixtures("until_2026")
def test_a_notice_into_an_unrecorded_year_is_announced_now_and_dated_exactly_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today is 2026-12-02, no 2027 schedule: the bot announces with a 暂定 end and @-mentions the
    consumer's reviewers; when the schedule is recorded it gives the exact end once; it executes
    only after the exact end."""
    repo = catalog_repo(tmp_path / "repo")
    repo.write("catalog/shichang/department.yaml", repo.read("catalog/shichang/department.yaml") + 'reviewers: ["@test-shichang"]\n')
    repo.commit("市场监管局审核人", "2026-11-02")
    land(repo, "late", HUJI, "2026-12-01", "2026-12-02")
    with FakeForge("github") as forge:
        bot = Bot(repo, forge, monkeypatch, capsys)
        out, _ = bot.run("2026-12-02", at="18:00")  # run by hand after the merge
        (issue,) = bot_issues(forge)
        assert issue["title"] == "【公示】户籍人口基本信息（101001/000001）拟下线，公示期至 2027-01-14（暂定）"
        assert "2027 年的节假日安排尚未收录" in str(issue["body"]) and "@test-shichang" in str(issue["body"])
        assert bot.run("2027-01-18")[0].count("暂定截止日 2027-01-14 已过") == 1
        assert bot_pulls(forge) == []
        record_2027(repo, "2027-01-18")
        out, _ = bot.run("2027-01-19")
        exact = [c for c in forge.comments.values() if "截止日已确定" in c["body"]]
        assert len(exact) == 1 and "2027-01-14" in exact[0]["body"] and "@test-shichang" in exact[0]["body"]
        assert [p["head"] for p in bot_pulls(forge)] == [HUJI_PULL]
        bot.run("2027-01-20")
        assert len([c for c in forge.comments.values() if "截止日已确定" in c["body"]]) == 1


def test_a_late_first_announcement_runs_a_full_notice_before_execution(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bot's first run is on 2026-03-27, after HUJI's notice ended on paper: it announces, and
    the execution waits until 30 working days from the announcement have passed."""
    with FakeForge("github") as forge:
        bot = Bot(repo, forge, monkeypatch, capsys)
        out, _ = bot.run("2026-03-27")
        assert "已发布公示通知" in out and "已开启" not in out
        huji = next(i for i in bot_issues(forge) if "101001/000001" in str(i["title"]))
        assert "本通知晚于公示开始发布" in str(huji["body"])
        # Day 1 is the announcement day: 03-27 → 1; 03-30..04-03 → 2–6; 清明 04-04..04-06; 04-07..04-30
        # → 7–24; 劳动节 05-01..05-05; 05-06..05-08 → 25–27; Saturday 05-09 worked → 28; 05-11, 05-12 → 29, 30.
        assert "公示期至 2026-05-12" in str(huji["title"])
        assert bot_pulls(forge) == []
        bot.run("2026-05-12")
        assert HUJI_PULL not in [p["head"] for p in bot_pulls(forge)]
        bot.run("2026-05-13")
        assert HUJI_PULL in [p["head"] for p in bot_pulls(forge)]


def test_set_status_edits_by_structure() -> None:
    raw = 'code: 1\n# 注释\nstatus: 公示中   # 备注\ndelisting:\n  reason: "status: 公示中"\n'.encode()
    assert set_status(raw, "已下线") == 'code: 1\n# 注释\nstatus: 已下线   # 备注\ndelisting:\n  reason: "status: 公示中"\n'.encode()
    assert set_status('{code: "1", "status": 公示中}\n'.encode(), "已下线") == '{code: "1", "status": 已下线}\n'.encode()
    assert set_status('\ufeffnested:\n  status: 在用\r\nstatus : 公示中\r\n'.encode(), "已下线") == '\ufeffnested:\n  status: 在用\r\nstatus : 已下线\r\n'.encode()
    for bad in ("code: 1\n", "status:\n  - 公示中\n", "status: [\n"):
        with pytest.raises(StatusError):
            set_status(bad.encode(), "已下线")
