"""End to end: a clerk adds a resource and requests a delisting in the form at /admin/, in Chromium.

A real repository holds the sample catalog (its files are in the project's own YAML layout); the
real site is built from it with ``mkdocs build`` and served; ``decap-server`` (npm, installed from
the committed lockfile) runs in its local git mode against the repository. Decap's local git mode
implements both ways of submitting, read in its source (``node_modules/decap-server/dist``,
``middlewares/localGit``):

- editorial workflow (GitHub): each saved entry is committed to its own branch
  ``cms/<collection>/<slug>`` made from ``main`` — the branch a pull request is opened from;
- simple mode on a department branch (Gitea): every save is a commit on ``form/<部门标识>``.

Then the real ``catalog check --base main --head <branch>`` classifies what the form wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browse import ARGS, need_chromium, serve
from conftest import REPO
from decap import control, fill, log_in, pick, save
from gitbuild import AUTHOR, COMMITTER, GitRepo
from jsrun import need_decap_server
from site_repo import build

from generator.load.yamlfile import parse
from generator.load.yamlwrite import dump_resource

TODAY = "2026-11-22"
NEW = "catalog/gongan/301004-000001.yaml"
DELISTED = "catalog/gongan/301003-000001.yaml"
EDITED = "catalog/gongan/301002-000001.yaml"
REASON = "治安案件信息已并入市级公安大数据平台统一提供"

EXPECTED_NEW = """code: 301004/000001
name: 居住证签注信息
classification:
  class: 部门
  item: 桂川市公安局
  heading: 人口管理
department: gongan
provider_unit: 户政管理支队
summary: "居住证持有人每年签注的记录。\\n包括签注日期、签注机关和有效期限。"
format:
  category: 接口
  type: REST 接口
items:
  - name: 公民身份号码
    type: C
    length: 18
    identifier: true
  - name: 签注次数
    type: I
share:
  type: 有条件共享
  condition: 按单人核验方式提供居住证签注状态，不提供批量数据
  basis: [juzhuzheng-tiaoli-2, pipl-34]
  scope: 承担随迁子女入学、社会保险职责的政务部门
  purpose: [用于数据校核]
  methods: [数据接口]
open:
  type: 不予开放
  condition: 含公民身份号码等个人信息，依法不予开放
  basis: [pipl-34]
update_cycle: 每日
published: 2026-11-20
source_business: 居住证签注
subject_type: 自然人
security_level: 敏感
usage: 仅限使用部门履行法定职责使用
mounted: true
consumers: [jiaoyu]
status: 在用
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(REPO / "catalog", repo.root / "catalog")
    repo.commit("初始目录", "2026-11-02")
    repo.git("branch", "form/gongan")  # made by the form-branches workflow in branch mode
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))  # nothing but the catalog in the work tree
    return repo


@pytest.fixture
def proxy(repo: GitRepo, tmp_path: Path) -> Iterator[str]:
    """``decap-server`` in local git mode on ``repo``; yields its API URL (its log is ``proxy.log``)."""
    server = need_decap_server()
    port = free_port()
    stamp = "2026-11-22T10:00:00+08:00"
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MODE": "git", "GIT_REPO_DIRECTORY": str(repo.root),
        "PORT": str(port), "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "info", "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, **AUTHOR, **COMMITTER,
    }
    (tmp_path / "proxy").mkdir()
    log = open(tmp_path / "proxy.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen([server], cwd=tmp_path / "proxy", env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api/v1"
    try:
        _wait_for(url, process, tmp_path / "proxy.log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    request = json.dumps({"action": "info"}).encode()
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"decap-server exited: {log.read_text(encoding='utf-8', errors='replace')}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, request, {"Content-Type": "application/json"}), timeout=2) as answer:
                if json.load(answer).get("type") == "local_git":
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("decap-server did not answer")


def built_site(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proxy: str, mode: str) -> Path:
    """The real site of ``repo``'s catalog, its form pointed at ``decap-server``."""
    monkeypatch.setenv("CATALOG_FORM_BACKEND", "proxy")
    monkeypatch.setenv("CATALOG_FORM_MODE", mode)
    monkeypatch.setenv("CATALOG_FORM_PROXY_URL", proxy)
    site = tmp_path / "site"
    build(repo.root / "catalog", site, date=TODAY, search=False)
    assert (site / "admin" / "gongan" / "config.yml").is_file() and (site / "resources").is_dir()
    assert repo.git("status", "--porcelain") == "", "the build leaves the repository as it was"
    return site


def add_resource(page: Any, base: str) -> None:
    """Fill the form for a new resource as a clerk would, field by field, and save."""
    page.goto(base)
    page.get_by_role("link", name="桂川市公安局", exact=True).click()
    page.get_by_role("link", name="创建“目录条目”类型的内容").click()
    fill(page, "资源代码", "301004/000001")
    fill(page, "资源名称", "居住证签注信息")
    pick(page, "类", "部门")
    pick(page, "项", "部门：")
    fill(page, "目", "人口管理")
    fill(page, "提供方内部部门", "户政管理支队")
    fill(page, "资源摘要", "居住证持有人每年签注的记录。\n包括签注日期、签注机关和有效期限。")
    pick(page, "格式分类", "接口")
    fill(page, "格式类型", "REST 接口")
    page.get_by_role("button", name="新增信息项").click()
    fill(page, "信息项名称", "公民身份号码", 0)
    pick(page, "数据类型", "C 字符", 0)
    fill(page, "数据长度", "18", 0)
    page.locator("[id^='identifier-field']").nth(0).click()
    page.get_by_role("button", name="新增信息项").click()
    fill(page, "信息项名称", "签注次数", 1)
    pick(page, "数据类型", "I 整型", 1)
    pick(page, "共享类型", "有条件共享")
    fill(page, "共享条件", "按单人核验方式提供居住证签注状态，不提供批量数据")
    pick(page, "法律依据", "居住证", 0, option="juzhuzheng-tiaoli-2")
    pick(page, "法律依据", "pipl-34", 0)
    fill(page, "共享范围", "承担随迁子女入学、社会保险职责的政务部门")
    page.get_by_role("button", name="新增共享用途").click()
    fill(page, "用途", "用于数据校核")
    pick(page, "交换方式", "数据接口")
    pick(page, "开放类型", "不予开放")
    fill(page, "开放条件", "含公民身份号码等个人信息，依法不予开放")
    pick(page, "法律依据", "pipl-34", 1)
    pick(page, "更新周期", "每日")
    fill(page, "发布日期", "2026-11-20")
    fill(page, "来源业务", "居住证签注")
    pick(page, "主体类型", "自然人")
    pick(page, "安全级别", "敏感")
    fill(page, "使用要求", "仅限使用部门履行法定职责使用")
    page.locator("[id^='mounted-field']").click()
    pick(page, "使用部门", "教育")
    save(page)


def request_delisting(page: Any, base: str) -> None:
    """Open the delisting form of 301003/000001, give the reason and the legal basis, save."""
    page.goto(base)
    page.get_by_role("link", name="桂川市公安局：下线申请").click()
    page.get_by_text("301003/000001").first.click()
    control(page, "下线理由").wait_for()
    assert page.locator("[data-readonly]").filter(has_text="在用").count() == 1, "the status is shown, not editable"
    fill(page, "下线理由", REASON)
    pick(page, "法律依据", "数据安全法", option="shuju-anquan-38")
    save(page)


def change_update_cycle(page: Any, base: str) -> None:
    """Open an existing resource, change one field, save: every other widget keeps its value as read."""
    page.goto(base)
    page.get_by_role("link", name="桂川市公安局", exact=True).click()
    page.get_by_text("301002/000001").first.click()
    control(page, "更新周期").wait_for()
    pick(page, "更新周期", "每周")
    save(page)


def wait_for_commit(repo: GitRepo, branch: str, count: int, page: Any) -> None:
    """Wait until ``branch`` has ``count`` commits more than main (decap-server commits asynchronously)."""
    for _ in range(600):
        found = repo.git("branch", "--list", branch)
        if found and int(repo.git("rev-list", "--count", f"main..{branch}")) >= count:
            return
        time.sleep(0.2)
    log = repo.root.parent / "proxy.log"
    server = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
    pytest.fail(f"no commit on {branch}; branches: {repo.git('branch', '--list')}\npage: {page.inner_text('body')[:1500]}\ndecap-server: {server}")


def check(repo: GitRepo, head: str) -> tuple[int, dict[str, Any]]:
    """The real ``catalog check`` command line, as the pull-request workflow runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--base", "main", "--head", head, "--today", TODAY, "--format", "json"],
        cwd=repo.root, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def delisted_text(repo: GitRepo) -> str:
    before = repo.git("show", f"main:{DELISTED}") + "\n"
    return before.replace("status: 在用\n", f"status: 公示中\ndelisting:\n  reason: {REASON}\n  basis: [shuju-anquan-38]\n")


def in_form(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proxy: str, mode: str, steps: list[Any]) -> list[str]:
    """Run ``steps`` in Chromium on the built site's /admin/gongan/; returns requests that left 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    site = built_site(repo, tmp_path, monkeypatch, proxy, mode)
    executable = need_chromium()
    outside: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(30000)
        context.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else outside.append(r.url))
        page = context.new_page()
        log_in(page, base + "admin/gongan/")
        for step in steps:
            step(page, base + "admin/gongan/")
        browser.close()
    return outside


def test_editorial_workflow_each_save_is_a_branch_for_a_pull_request(
    repo: GitRepo, proxy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_branch, delist_branch = "cms/gongan/301004-000001", "cms/gongan-delisting/301003-000001"
    edit_branch = "cms/gongan/301002-000001"

    def new(page: Any, base: str) -> None:
        add_resource(page, base)
        wait_for_commit(repo, new_branch, 1, page)

    def delist(page: Any, base: str) -> None:
        request_delisting(page, base)
        wait_for_commit(repo, delist_branch, 1, page)

    def edit(page: Any, base: str) -> None:
        change_update_cycle(page, base)
        wait_for_commit(repo, edit_branch, 1, page)

    outside = in_form(repo, tmp_path, monkeypatch, proxy, "editorial", [new, delist, edit])
    assert outside == [], "the form must work without internet"

    written = repo.git("show", f"{new_branch}:{NEW}") + "\n"
    assert written == EXPECTED_NEW
    doc, problems = parse(written.encode("utf-8"), NEW)
    assert doc is not None and not problems and dump_resource(doc.data) == written, "the project's own writer gives the same bytes"
    assert repo.git("diff", "--name-only", f"main...{new_branch}") == NEW
    assert repo.git("log", "-1", "--format=%s", new_branch) == f"新增编目 {NEW}（填报表单）"
    assert repo.git("config", f"branch.{new_branch}.description") == "decap-cms/draft"
    code, report = check(repo, new_branch)
    assert [(c["kind"], c["label"], c["code"]) for c in report["changes"]] == [("add", "新增编目", "301004/000001")]
    assert code == 0 and [p for p in report["problems"] if p["level"] == "error"] == []

    assert repo.git("show", f"{delist_branch}:{DELISTED}") + "\n" == delisted_text(repo), "only the delisting lines change"
    assert repo.git("diff", "--name-only", f"main...{delist_branch}") == DELISTED
    code, report = check(repo, delist_branch)
    assert [(c["kind"], c["label"], c["code"]) for c in report["changes"]] == [("delist-request", "下线申请", "301003/000001")]
    assert code == 0 and report["changes"][0]["notice"]["days"] > 0

    before = repo.git("show", f"main:{EDITED}") + "\n"
    assert "update_cycle: 每日\n" in before
    assert repo.git("show", f"{edit_branch}:{EDITED}") + "\n" == before.replace("update_cycle: 每日\n", "update_cycle: 每周\n")
    code, report = check(repo, edit_branch)
    assert [(c["kind"], c["label"]) for c in report["changes"]] == [("update", "信息变更")] and code == 0
    assert repo.git("log", "--format=%s", "main") == "初始目录", "nothing reaches main without review"


def test_department_branch_collects_the_saves_for_one_pull_request(
    repo: GitRepo, proxy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.checkout("form/gongan")  # as the form's branch is checked out, decap-server reads it without switching

    def new(page: Any, base: str) -> None:
        add_resource(page, base)
        wait_for_commit(repo, "form/gongan", 1, page)

    def delist(page: Any, base: str) -> None:
        request_delisting(page, base)
        wait_for_commit(repo, "form/gongan", 2, page)

    outside = in_form(repo, tmp_path, monkeypatch, proxy, "branch", [new, delist])
    assert outside == []
    assert repo.git("log", "--format=%s", "main..form/gongan").splitlines() == [
        f"修改 {DELISTED}（下线申请，填报表单）",
        f"新增编目 {NEW}（填报表单）",
    ]
    assert repo.git("show", f"form/gongan:{NEW}") + "\n" == EXPECTED_NEW
    assert repo.git("show", f"form/gongan:{DELISTED}") + "\n" == delisted_text(repo)
    assert repo.git("log", "--format=%s", "main") == "初始目录", "nothing reaches main without review"
    code, report = check(repo, "form/gongan")
    assert sorted((c["label"], c["code"]) for c in report["changes"]) == [("下线申请", "301003/000001"), ("新增编目", "301004/000001")]
    assert code == 0
