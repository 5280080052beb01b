"""``catalog check`` judges the merged result, with the installed code, and classifies every path.

Each test builds a real repository, makes the pull request an attacker or a careless clerk would,
and runs the real command on it. Each of these pull requests passed the check before it validated
the merged head and classified the whole repository.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from gitbuild import GitRepo, catalog_repo, request_delisting
from test_notice import HUJI, LIUDONG, land

from generator.cli import main

GONGAN_DEPARTMENT = "catalog/gongan/department.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = catalog_repo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    return repo


def check(capsys: pytest.CaptureFixture[str], *extra: str, today: str = "2026-03-02") -> tuple[int, dict[str, Any]]:
    code = main(["check", "--base", "main", "--today", today, "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


BINDING_UPDATE = """    catalog_update: {days: 15, unit: 工作日, basis: 测试市政务数据资源目录管理细则 第十条}
  rules:
    R-005: {level: error, citation: 测试市政务数据资源目录管理细则 第十条}
"""


def binding_update_deadline(repo: GitRepo) -> None:
    """On main: the (fictional) city's own rule makes the 15-working-day update after a repeal binding,
    so a resource still citing a repealed basis after that deadline is an error (under the national
    baseline alone it is only a recommendation)."""
    text = repo.read("catalog/registry.yaml")
    marker = "    review_answer_mounted:"
    end = text.index("\n", text.index(marker)) + 1
    repo.write("catalog/registry.yaml", text[:end] + BINDING_UPDATE + text[end:])
    repo.commit("规定目录更新期限", "2026-01-05")


def problems_of(data: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [p for p in data["problems"] if p["rule"] == rule]


def commit_blob(repo: GitRepo, path: str, data: bytes, message: str, mode: str = "100644") -> None:
    """Commit ``data`` at ``path`` through git's plumbing: nothing in the work tree is converted."""
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], input=data, cwd=repo.root, check=True, capture_output=True).stdout.decode().strip()
    repo.git("update-index", "--add", "--cacheinfo", f"{mode},{blob},{path}")
    repo.git("commit", "-q", "-m", message, day="2026-03-02")


def kinds(data: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    return {c["path"]: (c["kind"], c["label"], c["approval"]) for c in data["changes"]}


# --- the four pull requests that passed while main became invalid -------------------------------


def test_department_item_code_change_is_refused_naming_the_resources_it_breaks(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    repo.replace(GONGAN_DEPARTMENT, 'item_code: "01"', 'item_code: "09"')
    repo.commit("修改部门项代码", "2026-03-02")
    code, data = check(capsys)
    assert code == 1
    broken = problems_of(data, "R-009")
    assert [p["path"] for p in broken] == [LIUDONG]
    assert broken[0]["level"] == "error"
    assert broken[0]["message"].endswith(f"（由 {GONGAN_DEPARTMENT} 的改动引起）")
    assert kinds(data)[GONGAN_DEPARTMENT][0] == "department"


def test_repealing_a_legal_basis_is_refused_naming_every_resource_that_cites_it(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """A repeal dated so far back that the update deadline has already run makes main invalid at once."""
    binding_update_deadline(repo)
    repo.branch("pr")
    repo.replace("catalog/legal_bases.yaml", '  effective: "2021-11-01"\n', '  effective: "2021-11-01"\n  repealed: "2026-01-01"\n')
    repo.commit("废止法律依据", "2026-03-02")
    code, data = check(capsys)
    assert code == 1
    repealed = problems_of(data, "R-005")
    assert {p["path"] for p in repealed} == {HUJI, LIUDONG}
    assert all("（由 catalog/legal_bases.yaml 的改动引起）" in p["message"] for p in repealed)
    assert kinds(data)["catalog/legal_bases.yaml"] == ("registry", "法律依据代码表变更", "bureau")


def test_deleting_department_yaml_is_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    repo.remove(GONGAN_DEPARTMENT)
    repo.commit("删除部门文件", "2026-03-02")
    code, data = check(capsys)
    assert code == 1
    orphaned = {p["path"] for p in problems_of(data, "R-014")}
    assert orphaned == {HUJI, LIUDONG}
    assert all(GONGAN_DEPARTMENT in p["message"] for p in problems_of(data, "R-014"))


def test_gitattributes_in_a_department_folder_is_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    commit_blob(repo, "catalog/gongan/.gitattributes", b"*.yaml working-tree-encoding=UTF-16LE\n", "添加属性文件")
    code, data = check(capsys)
    assert code == 1
    [hidden] = problems_of(data, "F-020")
    assert hidden["path"] == "catalog/gongan/.gitattributes" and hidden["level"] == "error"
    assert kinds(data)["catalog/gongan/.gitattributes"] == ("registry", "其他文件变更", "bureau")


# --- merged head: what main would be after the merge --------------------------------------------


def test_the_merge_with_a_newer_main_is_what_is_judged(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """The pull request cites a legal basis that main repealed after the branch was made."""
    binding_update_deadline(repo)
    repo.branch("pr")
    text = repo.read(LIUDONG).replace("301001/000001", "301001/000002").replace("流动人口居住登记信息", "暂住人口登记信息")
    repo.write("catalog/gongan/301001-000002.yaml", text)
    repo.commit("新增编目", "2026-03-02")
    repo.checkout("main")
    repo.replace("catalog/legal_bases.yaml", '  effective: "2021-11-01"\n', '  effective: "2021-11-01"\n  repealed: "2026-02-01"\n')
    repo.commit("废止", "2026-03-02")
    repo.checkout("pr")
    code, data = check(capsys)
    assert code == 1
    assert {p["path"] for p in problems_of(data, "R-005")} == {"catalog/gongan/301001-000002.yaml"}
    assert list(kinds(data)) == ["catalog/gongan/301001-000002.yaml"], "main's own change is not the application's"


def test_a_conflict_with_main_is_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    repo.replace(LIUDONG, "update_cycle: 每月", "update_cycle: 每日")
    repo.commit("改为每日", "2026-03-02")
    repo.checkout("main")
    repo.replace(LIUDONG, "update_cycle: 每月", "update_cycle: 每周")
    repo.commit("改为每周", "2026-03-02")
    repo.checkout("pr")
    code, data = check(capsys)
    assert code == 1
    assert [p["path"] for p in problems_of(data, "P-020")] == [LIUDONG]


def test_taking_away_a_referenced_code_names_the_file_that_refers_to_it(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    repo.remove(HUJI)
    repo.commit("删除", "2026-03-02")
    code, data = check(capsys)
    assert code == 1
    [dangling] = problems_of(data, "R-015")
    assert dangling["path"] == LIUDONG
    assert dangling["message"].endswith(f"（由 {HUJI} 的改动引起）")


# --- the checking code and profiles are the installed ones ----------------------------------------


def test_profile_edit_in_the_pull_request_is_a_registry_change_and_does_not_shorten_the_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = catalog_repo(tmp_path / "repo", profile="guangxi")
    monkeypatch.chdir(repo.root)
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("execute")
    repo.write("generator/profiles/guangxi.yaml", "id: guangxi\nextends: national\ndeadlines:\n  notice: {days: 1, unit: 自然日, basis: 广西 第二十二条}\n")
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    repo.commit("缩短公示期并下线", "2026-03-05")
    code, data = check(capsys, today="2026-03-05")
    assert code == 1
    [early] = problems_of(data, "P-004")
    assert "30 个自然日" in early["message"], early["message"]
    assert kinds(data)["generator/profiles/guangxi.yaml"] == ("registry", "模式或规则配置变更", "bureau")


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("site_overrides/main.html", "网站模板变更"),
        ("mkdocs.yml", "网站配置变更"),
        (".github/workflows/pr-check.yml", "工作流或代码所有者变更"),
        (".github/CODEOWNERS", "工作流或代码所有者变更"),
        ("generator/rules/sharing.py", "程序代码变更"),
        (".gitattributes", "git 配置变更"),
        ("docs/index.md", "网站文档变更"),
    ],
)
def test_every_path_outside_the_departments_needs_the_bureau(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str, label: str
) -> None:
    repo.branch("pr")
    repo.write(path, "# 改动\n")
    repo.replace("catalog/shichang/102001-000001.yaml", "update_cycle: 实时", "update_cycle: 每日")
    repo.commit("夹带的改动", "2026-03-02")
    report = tmp_path / "report.md"
    code, data = check(capsys, "--report", str(report))
    assert kinds(data)[path] == ("registry", label, "bureau")
    assert kinds(data)["catalog/shichang/102001-000001.yaml"][2] == "department"
    text = report.read_text(encoding="utf-8")
    assert "### 须经大数据主管部门批准的变更（1 项）" in text and f"| {path.replace('_', chr(92) + '_')} | {label} |" in text
    assert code == 0  # a warning (P-007): the bureau's approval is asked by CODEOWNERS


# --- hidden, generated and colliding paths --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "rule"),
    [
        ("catalog/.hidden/101001-000009.yaml", "F-020"),
        ("catalog/gongan/.101001-000009.yaml", "F-020"),
        ("catalog/.gitattributes", "F-020"),
        (".cache/catalog/validate.pickle", "F-022"),
        ("site/index.html", "F-022"),
        (".site.building-123-abc/index.html", "F-022"),
        ("generator/__pycache__/cli.cpython-311.pyc", "F-022"),
    ],
)
def test_hidden_and_generated_files_are_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str], path: str, rule: str) -> None:
    repo.branch("pr")
    (repo.root / path).parent.mkdir(parents=True, exist_ok=True)
    (repo.root / path).write_bytes(b"\x80\x04K\x01.")
    repo.git("add", "-f", path)
    repo.commit("提交", "2026-03-02")
    code, data = check(capsys)
    assert code == 1
    assert [p["path"] for p in problems_of(data, rule)] == [path]
    assert kinds(data)[path][2] == "bureau"


def test_submodule_in_the_catalog_is_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    head = repo.git("rev-parse", "HEAD")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},catalog/gongan/101001-000009.yaml")
    repo.git("commit", "-q", "-m", "子模块", day="2026-03-02")  # a gitlink has no blob to write
    code, data = check(capsys)
    assert code == 1
    [gitlink] = problems_of(data, "F-008")
    assert gitlink["path"] == "catalog/gongan/101001-000009.yaml" and "子模块" in gitlink["message"]


def test_paths_that_differ_only_in_case_are_refused(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    commit_blob(repo, "catalog/GongAn/301001-000001.yaml", (repo.root / LIUDONG).read_bytes(), "同名")
    code, data = check(capsys)
    assert code == 1
    collisions = problems_of(data, "F-021")
    assert [p["path"] for p in collisions] == ["catalog/GongAn"]
    assert "catalog/gongan" in collisions[0]["message"]


# --- the command itself -----------------------------------------------------------------------------


def test_text_format_and_the_uncommitted_edits_warning(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    request_delisting(repo, LIUDONG)
    repo.commit("下线申请", "2026-03-02")
    assert main(["check", "--base", "main", "--today", "2026-03-02", "--format", "text"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("目录申请检查：✅ 检查通过")
    assert f"  {LIUDONG}  下线申请  301001/000001 流动人口居住登记信息（部门 gongan）" in out
    assert err == ""
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    assert main(["check", "--base", "main", "--today", "2026-03-02", "--format", "text"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("注意：工作区有未提交的修改") and err.count("\n") == 1
    assert "已下线" not in out


def test_the_workflow_layout_base_code_and_head_as_data(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As pr-check.yml runs it: the head fetched with an empty sparse checkout (no file on disk, so
    its .gitattributes cannot act), checked from a folder outside both checkouts."""
    assert main(["codeowners"]) == 0
    capsys.readouterr()
    repo.commit("代码所有者", "2026-03-01")
    repo.branch("pr")
    repo.replace(GONGAN_DEPARTMENT, 'item_code: "01"', 'item_code: "09"')
    repo.commit("修改部门项代码", "2026-03-02")
    commit_blob(repo, "catalog/gongan/.gitattributes", b"*.yaml working-tree-encoding=UTF-16LE\n", "属性文件")
    head = repo.git("rev-parse", "HEAD")
    data = tmp_path / "ws" / "pr"
    for args in (["clone", "-q", "--no-checkout", str(repo.root), str(data)], ["-C", str(data), "sparse-checkout", "set", "--no-cone", "/.data-only-no-files"], ["-C", str(data), "checkout", "-q", head]):
        subprocess.run(["git", *args], check=True, capture_output=True)
    assert [p.name for p in data.iterdir()] == [".git"]
    neutral = tmp_path / "runner-temp"
    neutral.mkdir()
    monkeypatch.chdir(neutral)
    base = repo.git("rev-parse", "main")
    code = main(["check", "--catalog", str(data / "catalog"), "--base", base, "--head", head, "--format", "json", "--today", "2026-03-02"])
    out, err = capsys.readouterr()
    found = {(p["rule"], p["path"]) for p in json.loads(out)["problems"] if p["level"] == "error"}
    assert code == 1 and err == ""
    assert found == {("F-020", "catalog/gongan/.gitattributes"), ("R-009", LIUDONG)}
    assert main(["codeowners", "--check", "--catalog", str(data / "catalog"), "--rev", head]) == 0
    assert main(["codeowners", "--check", "--catalog", str(data / "catalog"), "--rev", base]) == 0
    repo.git("checkout", "-q", "-f", "main")
    repo.branch("reviewers")
    repo.replace(GONGAN_DEPARTMENT, '["@test-gongan"]', '["@gongan-2"]')
    repo.commit("换审核人", "2026-03-03")
    subprocess.run(["git", "-C", str(data), "fetch", "-q", "origin", "reviewers"], check=True, capture_output=True)
    assert main(["codeowners", "--check", "--catalog", str(data / "catalog"), "--rev", "origin/reviewers"]) == 1
    assert "不是最新的" in capsys.readouterr().err
