"""The publish gate (generator/problems.py LAPSES): an error that comes only from time passing
does not take the public site down, but still blocks a pull request that touches the file.

The site catalog follows Guangxi's profile, where R-005 is an error: a catalog entry citing a
repealed legal basis must be updated within 15 working days (广西 第三十九条). Here 统计法第三十九条
is repealed on 2026-09-01 and the build date is 2026-11-22, so ``302001-000001`` (在用, citing it)
is overdue: nobody changed anything, the deadline simply ran out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

from generator.cli import main
from generator.problems import LAPSES, Problem, blocks_publishing, lapsed

LATE = "catalog/shichang/302001-000001.yaml"
OTHER = "catalog/shichang/104001-000001.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    root = tmp_path / "repo"
    make_repo(root)
    repo = GitRepo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    repo.replace("catalog/legal_bases.yaml", '  effective: "2010-01-01"\n', '  effective: "2010-01-01"\n  repealed: "2026-09-01"\n')
    repo.commit("登记统计法第三十九条废止", "2026-11-03")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    return repo


def test_only_errors_of_time_passing_are_lapses() -> None:
    overdue = Problem(LATE, 15, 10, "R-005", "error", "已于 2026-09-01 废止，现已逾期")
    warned = Problem(LATE, 15, 10, "R-005", "warning", "请在期限内更新")
    wrong = Problem(LATE, 3, 1, "R-001", "error", "有条件共享必须填写共享条件")
    assert set(LAPSES) == {"R-005"}
    assert not blocks_publishing(overdue) and blocks_publishing(wrong) and not blocks_publishing(warned)
    assert lapsed([overdue, warned, wrong]) == [overdue]


def test_validate_reports_the_lapse_as_an_error(project: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert f"{LATE}:" in out and "[R-005]" in out and "现已逾期" in out


def test_build_publishes_and_flags_the_lapse(project: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--date", TODAY]) == 0
    captured = capsys.readouterr()
    assert "现已逾期" in captured.out and "不阻止发布网站" in captured.err
    department = (project.root / "site" / "departments" / "shichang" / "index.html").read_text(encoding="utf-8")
    assert "本部门的办理期限" in department and "已逾期" in department
    basis = (project.root / "site" / "bases" / "tongjifa-39" / "index.html").read_text(encoding="utf-8")
    assert "已逾期" in basis


def test_a_real_error_still_stops_the_build(project: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    project.replace(OTHER, "  basis: [pipl-13]\n", "  basis: [no-such-basis]\n")
    project.commit("引用不存在的依据", "2026-11-04")
    assert main(["build", "--date", TODAY]) == 1
    assert "网站不生成" in capsys.readouterr().err
    assert not (project.root / "site").exists()


@pytest.mark.parametrize(("path", "blocked"), [(LATE, True), (OTHER, False)])
def test_a_pull_request_touching_the_lapsed_file_is_blocked(
    project: GitRepo, path: str, blocked: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    project.branch("pr")
    text = project.read(path)
    project.write(path, text.replace("summary: ", "summary: （已核对）", 1))
    project.commit("信息变更：更新摘要", "2026-11-20")
    code = main(["check", "--base", "main", "--today", TODAY])
    out = capsys.readouterr().out
    assert code == (1 if blocked else 0), out
    assert ("现已逾期" in out) == blocked
