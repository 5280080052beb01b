"""Notices dated from git history by the forge's merges, their terms and end dates, ``catalog notice``.

The bot (``--apply``) is in ``test_noticebot.py``; the site in ``test_notice_site.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from calendars import (
    HOLIDAYS_2027,
    until_2026,  # noqa: F401  (fixture)
)
from gitbuild import GitRepo, catalog_repo, request_delisting
from golden import assert_golden

from generator import gitrepo
from generator.cli import main
from generator.load.catalog import load
from generator.notices.rules import Notice
from generator.notices.start import MergeClock, find_notices, find_start

HUJI = "catalog/gongan/101001-000001.yaml"  # mounted, consumers [shichang]: 30 working days
LIUDONG = "catalog/gongan/301001-000001.yaml"  # not mounted: 30 calendar days
FORGE = "代码托管平台 <forge@example.gov.cn>"


def land(repo: GitRepo, branch: str, path: str, submitted: str, merged: str) -> str:
    """A delisting application on ``branch``, submitted and merged into main by the forge; the merge's id."""
    repo.branch(branch)
    request_delisting(repo, path)
    repo.commit(f"下线申请 {path}", submitted)
    repo.checkout("main")
    return repo.merge(branch, merged)


def edit(repo: GitRepo, branch: str, path: str, old: str, new: str, day: str) -> str:
    """An application changing one line of ``path``, merged by the forge on ``day``."""
    repo.branch(branch)
    repo.replace(path, old, new)
    repo.commit(f"修改 {path}", day)
    repo.checkout("main")
    return repo.merge(branch, day)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = catalog_repo(tmp_path / "repo")
    land(repo, "delist-huji", HUJI, "2026-02-05", "2026-02-06")  # Friday before 春节
    land(repo, "delist-liudong", LIUDONG, "2026-03-02", "2026-03-03")
    # An edit during the notice does not restart it.
    repo.replace(HUJI, "reason: 职能调整", "reason: 机构改革职能调整")
    repo.commit("补充下线理由", "2026-03-10")
    return repo


def notices(repo: GitRepo, today: str) -> dict[str, Notice]:
    git = gitrepo.open_repo(repo.root)
    catalog, _ = load(gitrepo.read_tree(git, "HEAD", "catalog"))
    return {n.code: n for n in find_notices(git, "catalog", catalog, today)}


def test_start_is_the_merge_day_on_main_and_edits_do_not_restart_it(repo: GitRepo) -> None:
    found = notices(repo, "2026-03-20")
    huji, liudong = found["101001/000001"], found["301001/000001"]
    assert (huji.notice_start, huji.unit, huji.days, huji.start_source) == ("2026-02-06", "工作日", 30, "代码托管平台的合并提交")
    # 30 working days after Fri 2026-02-06 across 春节 (see test_workdays): Thu 2026-03-26.
    assert (huji.notice_end, huji.days_left, huji.due, huji.provisional) == ("2026-03-26", 4, False, False)
    assert (liudong.notice_start, liudong.notice_end, liudong.days_left) == ("2026-03-03", "2026-04-02", 13)


def test_due_from_the_day_after_the_end(repo: GitRepo) -> None:
    last = notices(repo, "2026-03-26")["101001/000001"]
    assert (last.due, last.executable_from) == (False, "2026-03-27")
    after = notices(repo, "2026-03-27")["101001/000001"]
    assert (after.due, after.days_left) == (True, -1)


def test_withdrawal_and_new_request_restart_the_clock(repo: GitRepo) -> None:
    repo.branch("withdraw")
    repo.replace(LIUDONG, "status: 公示中", "status: 在用")
    text = repo.read(LIUDONG)
    repo.write(LIUDONG, text[: text.index("delisting:")])
    repo.commit("撤销下线", "2026-03-05")
    repo.checkout("main")
    repo.merge("withdraw", "2026-03-05")
    land(repo, "again", LIUDONG, "2026-03-08", "2026-03-09")
    assert notices(repo, "2026-03-20")["301001/000001"].notice_start == "2026-03-09"


def test_a_backdated_fast_forward_gives_no_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The applicant backdates the commit (GIT_COMMITTER_DATE 2026-01-06) and it is fast-forwarded
    into main in March: the commit's own date is not a start, so the notice is never due."""
    repo = catalog_repo(tmp_path / "repo")
    repo.branch("backdated")
    request_delisting(repo, LIUDONG)
    repo.commit("下线申请", "2026-01-06")
    repo.checkout("main")
    repo.fast_forward("backdated")
    found = notices(repo, "2026-03-20")["301001/000001"]
    assert (found.notice_start, found.notice_end, found.due) == ("", "", False)
    assert "不是代码托管平台的合并提交" in found.error and "测试提交人 <tester@example.gov.cn>" in found.error
    monkeypatch.chdir(repo.root)
    assert main(["notice", "--today", "2026-03-20"]) == 1
    out = capsys.readouterr().out
    assert "无法确定公示期：“公示中”状态由提交" in out and "公示期至" not in out


def test_narrowing_the_terms_does_not_shorten_the_notice(repo: GitRepo) -> None:
    """Two weeks into a 30-working-day notice the application drops ``mounted`` and the consumer:
    the notice still runs 30 working days and still names the consumer."""
    edit(repo, "narrow", HUJI, "mounted: true\nconsumers: [shichang]\n", "mounted: false\nconsumers: []\n", "2026-02-20")
    huji = notices(repo, "2026-03-20")["101001/000001"]
    assert (huji.notice_start, huji.unit, huji.notice_end, huji.due) == ("2026-02-06", "工作日", "2026-03-26", False)
    assert (huji.mounted, huji.consumers) == (True, ("shichang",))
    # 30 calendar days from 2026-02-06 would have ended on Monday 2026-03-09.
    assert not notices(repo, "2026-03-10")["101001/000001"].due


def test_widening_the_terms_restarts_the_notice(repo: GitRepo) -> None:
    """A consumer added (and data mounted) on 2026-03-20: the notice starts again that day and now
    runs 30 working days, so the new consumer gets a full notice."""
    edit(repo, "widen", LIUDONG, "mounted: false\n", "mounted: true\nconsumers: [shichang]\n", "2026-03-20")
    liudong = notices(repo, "2026-03-27")["301001/000001"]
    assert (liudong.notice_start, liudong.unit, liudong.consumers) == ("2026-03-20", "工作日", ("shichang",))
    # From Fri 03-20: 03-23..04-03 → 1–10; 清明 04-04..04-06; 04-07..04-30 → 11–28; 劳动节 05-01..05-05;
    # 05-06, 05-07 → 29, 30.
    assert (liudong.notice_end, liudong.due) == ("2026-05-07", False)


def test_notice_text_and_json(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo.root)
    assert main(["notice", "--today", "2026-03-27"]) == 0
    assert_golden("notice/notice.txt", capsys.readouterr().out)
    assert main(["notice", "--today", "2026-03-27", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(n["code"], n["due"]) for n in data] == [("101001/000001", True), ("301001/000001", False)]
    assert {"code", "department", "notice_start", "notice_end", "provisional", "executable_from", "due"} <= set(data[0])
    assert all(len(n["commit"]) == 40 for n in data)
    for entry in data:  # commit ids change whenever the base corpus does; the golden file masks them
        entry["commit"] = "<commit>"
    assert_golden("notice/notice.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")




def record_2027(repo: GitRepo, day: str) -> None:
    """The bureau records the 2027 schedule: a reviewed pull request adding catalog/holidays.yaml."""
    repo.branch("holidays-2027")
    repo.write("catalog/holidays.yaml", HOLIDAYS_2027)
    repo.commit("补充2027年节假日安排", day)
    repo.checkout("main")
    repo.merge("holidays-2027", day)


@pytest.mark.usefixtures("until_2026")
def test_a_notice_into_a_year_without_schedule_has_a_provisional_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today is 2026-12-02 and no 2027 schedule is recorded: the notice gets a 暂定 end, ``notice``
    exits 0; once the schedule is recorded the end is exact."""
    repo = catalog_repo(tmp_path / "repo")
    land(repo, "late", HUJI, "2026-12-01", "2026-12-02")
    monkeypatch.chdir(repo.root)
    assert main(["notice", "--today", "2026-12-02"]) == 0
    out = capsys.readouterr().out
    assert "公示期至 2027-01-14（暂定，北京时间），还剩 30 个工作日" in out
    assert "暂定：2027 年的节假日安排尚未收录，暂按《全国年节及纪念日放假办法》规定的节日（不含调休）推算" in out
    assert "1 项截止日暂定" in out
    assert main(["notice", "--today", "2026-12-02", "--format", "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert {k: entry[k] for k in ("notice_end", "provisional", "executable_from", "due", "missing_years")} == {
        "notice_end": "2027-01-14", "provisional": True, "executable_from": "2027-01-15", "due": False, "missing_years": [2027],
    }
    # The provisional end has passed, but a provisional end never makes a notice due.
    assert main(["notice", "--today", "2027-01-20", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["due"] is False

    record_2027(repo, "2026-12-10")
    assert main(["notice", "--today", "2027-01-20", "--format", "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert (entry["notice_end"], entry["provisional"], entry["due"], entry["missing_years"]) == ("2027-01-14", False, True, [])


def test_renaming_the_department_folder_does_not_restart_the_clock(repo: GitRepo) -> None:
    # A reorganisation moves the department's folder while the notice runs; the notice still
    # started on the day the status landed (the rename commit is not a new application).
    repo.git("mv", "catalog/gongan", "catalog/gonganju")
    repo.commit("部门文件夹改名", "2026-03-12")
    git = gitrepo.open_repo(repo.root)
    clock = MergeClock(git, (FORGE,))
    moved = find_start(git, "HEAD", "catalog/gonganju/301001-000001.yaml", clock)
    assert moved is not None and moved.day == "2026-03-03"
    moved = find_start(git, "HEAD", "catalog/gonganju/101001-000001.yaml", clock)
    assert moved is not None and moved.day == "2026-02-06"
