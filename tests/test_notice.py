"""Notices dated from git history, their end dates, ``catalog notice`` output and the bot (--apply)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakeforge import FakeForge
from gitbuild import GitRepo, catalog_repo, request_delisting
from golden import assert_golden

from generator import gitrepo
from generator.catalog import load
from generator.cli import main
from generator.notice import find_notices
from generator.noticebot import set_status

HUJI = "catalog/gongan/101001-000001.yaml"  # mounted, consumers [shichang]: 30 working days
LIUDONG = "catalog/gongan/301001-000001.yaml"  # not mounted: 30 calendar days


def land(repo: GitRepo, branch: str, path: str, submitted: str, merged: str) -> None:
    """A delisting application on ``branch``, submitted and merged into main on the given days."""
    repo.branch(branch)
    request_delisting(repo, path)
    repo.commit(f"下线申请 {path}", submitted)
    repo.checkout("main")
    repo.merge(branch, merged)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = catalog_repo(tmp_path / "repo")
    land(repo, "delist-huji", HUJI, "2026-02-05", "2026-02-06")  # Friday before 春节
    land(repo, "delist-liudong", LIUDONG, "2026-03-02", "2026-03-03")
    # An edit during the notice does not restart it.
    repo.replace(HUJI, "reason: 职能调整", "reason: 机构改革职能调整")
    repo.commit("补充下线理由", "2026-03-10")
    return repo


def notices(repo: GitRepo, today: str) -> dict[str, object]:
    git = gitrepo.open_repo(repo.root)
    catalog, _ = load(gitrepo.read_tree(git, "HEAD", "catalog"))
    return {n.code: n for n in find_notices(git, "catalog", catalog, today)}


def test_start_is_the_merge_day_on_main_and_edits_do_not_restart_it(repo: GitRepo) -> None:
    found = notices(repo, "2026-03-20")
    huji, liudong = found["101001/000001"], found["301001/000001"]
    assert (huji.notice_start, huji.unit, huji.days) == ("2026-02-06", "工作日", 30)  # type: ignore[attr-defined]
    # 30 working days after Fri 2026-02-06 across 春节 (see test_workdays): Thu 2026-03-26.
    assert (huji.notice_end, huji.days_left, huji.due) == ("2026-03-26", 4, False)  # type: ignore[attr-defined]
    assert (liudong.notice_start, liudong.notice_end, liudong.days_left) == ("2026-03-03", "2026-04-02", 13)  # type: ignore[attr-defined]


def test_due_from_the_day_after_the_end(repo: GitRepo) -> None:
    assert not notices(repo, "2026-03-26")["101001/000001"].due  # type: ignore[attr-defined]
    last = notices(repo, "2026-03-27")["101001/000001"]
    assert (last.due, last.days_left) == (True, -1)  # type: ignore[attr-defined]


def test_withdrawal_and_new_request_restart_the_clock(repo: GitRepo) -> None:
    repo.replace(LIUDONG, "status: 公示中", "status: 在用")
    text = repo.read(LIUDONG)
    repo.write(LIUDONG, text[: text.index("delisting:")])
    repo.commit("撤销下线", "2026-03-05")
    request_delisting(repo, LIUDONG)
    repo.commit("重新申请下线", "2026-03-09")
    assert notices(repo, "2026-03-20")["301001/000001"].notice_start == "2026-03-09"  # type: ignore[attr-defined]


def test_notice_text_and_json(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo.root)
    assert main(["notice", "--today", "2026-03-27"]) == 0
    assert_golden("notice/notice.txt", capsys.readouterr().out)
    assert main(["notice", "--today", "2026-03-27", "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [(n["code"], n["due"]) for n in data] == [("101001/000001", True), ("301001/000001", False)]
    assert {"code", "department", "notice_start", "notice_end", "due"} <= set(data[0])
    assert all(len(n["commit"]) == 40 for n in data)
    for entry in data:  # commit ids change whenever the base corpus does; the golden file masks them
        entry["commit"] = "<commit>"
    assert_golden("notice/notice.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_unknown_year_is_reported_not_guessed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = catalog_repo(tmp_path / "repo")
    land(repo, "late", HUJI, "2026-12-01", "2026-12-02")
    monkeypatch.chdir(repo.root)
    assert main(["notice", "--today", "2026-12-03"]) == 1
    assert "2027 年的节假日安排尚未收录" in capsys.readouterr().out


def test_set_status_changes_only_the_status_line() -> None:
    raw = "code: 1\n# 注释\nstatus: 公示中   # 备注\ndelisting:\n  reason: status: 公示中\n".encode()
    assert set_status(raw, "已下线") == "code: 1\n# 注释\nstatus: 已下线   # 备注\ndelisting:\n  reason: status: 公示中\n".encode()


@pytest.mark.parametrize("flavour", ["github", "gitea"])
def test_apply_opens_the_delisting_pull_request_once(
    flavour: str, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo.root)
    with FakeForge(flavour) as forge:
        for path in (HUJI, LIUDONG):
            forge.files[("main", path)] = (repo.root / path).read_bytes()
        late = forge.add_pull("【下线申请】某资源", head="gongan-delist", created="2026-03-02T02:00:00Z")
        forge.issues[late]["files"] = [LIUDONG]
        for key, value in forge.env.items():
            monkeypatch.setenv(key, value)

        assert main(["notice", "--today", "2026-03-27", "--apply"]) == 0
        first = capsys.readouterr().out
        assert forge.violations == []
        pulls = [p for p in forge.pulls() if p["head"].startswith("catalog-bot/")]
        assert [(p["head"], p["base"], p["state"]) for p in pulls] == [("catalog-bot/delist-101001-000001", "main", "open")]
        changed = forge.files[("catalog-bot/delist-101001-000001", HUJI)].decode()
        assert "status: 已下线" in changed and "status: 公示中" not in changed
        announcements = [i for i in forge.issues.values() if not i["pull"]]
        assert len(announcements) == 2
        assert any("使用部门：shichang" in i["body"] for i in announcements)
        reminders = [c for c in forge.comments.values()]
        assert len(reminders) == 1 and "2026-04-02" in reminders[0]["body"]  # 301001: 7 days before its end
        assert f"#{late}「【下线申请】某资源」于 2026-03-02 提交，应在 2026-03-05 前答复" in first
        writes = len(forge.writes())

        assert main(["notice", "--today", "2026-03-27", "--apply"]) == 0
        second = capsys.readouterr().out
        assert len(forge.writes()) == writes, "a second run must change nothing"
        assert "已开启" not in second and "已发布" not in second and "已在" not in second
        assert forge.violations == []
    assert_golden(f"notice/apply-{flavour}.txt", first)


def forge_state(forge: FakeForge) -> tuple[object, ...]:
    """What the bot leaves on the forge, without numbers (which depend on the order of events)."""
    issues = sorted((i["title"], i["body"], i["state"], i.get("head", "")) for i in forge.issues.values())
    comments = sorted(c["body"] for c in forge.comments.values())
    files = sorted((branch, path, content) for (branch, path), content in forge.files.items())
    return issues, comments, files, sorted(forge.branches)


WRITES = [("POST", r"/issues$"), ("POST", r"/comments$"), ("POST", r"/(git/refs|branches)$"), ("PUT", r"/contents/"), ("POST", r"/pulls$")]


@pytest.mark.parametrize("done", [False, True], ids=["refused", "answer-lost"])
@pytest.mark.parametrize("method,path", WRITES, ids=["issue", "comment", "branch", "file", "pull"])
def test_apply_resumes_after_a_failure_at_any_step(
    method: str, path: str, done: bool, repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The forge fails one write (before doing it, or after doing it with the answer lost): the run
    stops with a clear error, and the next run finishes the job without doing anything twice."""
    monkeypatch.chdir(repo.root)
    states = []
    for outage in (None, (method, path, done)):
        with FakeForge("github") as forge:
            for file in (HUJI, LIUDONG):
                forge.files[("main", file)] = (repo.root / file).read_bytes()
            for key, value in forge.env.items():
                monkeypatch.setenv(key, value)
            if outage:
                forge.outages.append(outage)
                assert main(["notice", "--today", "2026-03-27", "--apply"]) == 1
                out, err = capsys.readouterr()
                if path == r"/pulls$":  # what was done before the failure is still reported
                    assert "已发布公示通知" in out
                assert "502" in err and "Traceback" not in err and "重新运行即可" in err
                assert forge.outages == [], "the failure was injected"
            assert main(["notice", "--today", "2026-03-27", "--apply"]) == 0
            writes = len(forge.writes())
            assert main(["notice", "--today", "2026-03-27", "--apply"]) == 0
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


def test_renaming_the_department_folder_does_not_restart_the_clock(repo: GitRepo) -> None:
    # A reorganisation moves the department's folder while the notice runs; the notice still
    # started on the day the status landed (the rename commit is not a new application).
    repo.git("mv", "catalog/gongan", "catalog/gonganju")
    repo.commit("部门文件夹改名", "2026-03-12")
    git = gitrepo.open_repo(repo.root)
    from generator.notice import notice_start

    assert notice_start(git, "HEAD", "catalog/gonganju/301001-000001.yaml")[0] == "2026-03-03"  # type: ignore[index]
    assert notice_start(git, "HEAD", "catalog/gonganju/101001-000001.yaml")[0] == "2026-02-06"  # type: ignore[index]
