"""The ``catalog validate`` command as users run it: output formats, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INVALID, REPO, TODAY

from generator import cli


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def break_file(catalog: Path, case: str) -> None:
    raw = (INVALID / case).read_bytes()
    target = raw.split(b"\n", 1)[0].decode().removeprefix("# target: ")
    (catalog / target).write_bytes(raw)


def test_clean_catalog_exits_zero(base_catalog: Path) -> None:
    result = run("validate", "--today", TODAY, cwd=base_catalog.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "检查通过：共 7 个文件，没有发现问题。\n"


def test_text_format_names_file_line_and_rule(base_catalog: Path) -> None:
    break_file(base_catalog, "r004-unknown-legal-basis.yaml")
    result = run("validate", "--today", TODAY, cwd=base_catalog.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "catalog/gongan/301001-000001.yaml:18:11 错误 [R-004] 共享属性引用的法律依据“pipl-99”不在 legal_bases.yaml 中，请先登记该依据或改正标识"
    assert lines[-1] == "共检查 7 个文件，发现 2 个错误、0 个警告，涉及 1 个文件。"
    assert result.stderr == ""


def test_json_format(base_catalog: Path) -> None:
    break_file(base_catalog, "s003-value-not-allowed.yaml")
    result = run("validate", "--format", "json", "--today", TODAY, cwd=base_catalog.parent)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {"rule", "level", "path", "line", "column", "message"} <= set(problems[0])
    assert [(p["rule"], p["line"]) for p in problems] == [("S-003", 13), ("S-003", 19)]
    assert problems[0]["message"] == "第 1 个信息项（公民身份号码）的「数据类型」取值必须是 “C”、“N”、“Y”、“D”、“T”、“L”、“M”、“G”、“B”、“I”、“F” 之一，现在是 “X”"


def test_github_format_escapes(base_catalog: Path) -> None:
    break_file(base_catalog, "f001-colon-in-value.yaml")
    result = run("validate", "--format", "github", "--today", TODAY, cwd=base_catalog.parent)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=catalog/gongan/301001-000001.yaml,line=4,col=11,title=F-001::[F-001] YAML 格式错误"
    )
    assert result.stdout.count("\n") == 1


def test_paths_limit_the_report(base_catalog: Path) -> None:
    break_file(base_catalog, "r004-unknown-legal-basis.yaml")
    clean = run("validate", "catalog/shichang", "--today", TODAY, cwd=base_catalog.parent)
    assert clean.returncode == 0 and "共 2 个文件" in clean.stdout
    broken = run("validate", "catalog/gongan/301001-000001.yaml", "--today", TODAY, cwd=base_catalog.parent)
    assert broken.returncode == 1


def test_warnings_pass_unless_strict(base_catalog: Path) -> None:
    break_file(base_catalog, "r017-same-name-two-departments.yaml")
    relaxed = run("validate", "--today", TODAY, cwd=base_catalog.parent)
    assert relaxed.returncode == 0 and "警告 [R-017]" in relaxed.stdout
    strict = run("validate", "--strict", "--today", TODAY, cwd=base_catalog.parent)
    assert strict.returncode == 1


@pytest.mark.parametrize(
    "case",
    ["f001-tab-indentation.yaml", "f002-duplicate-key.yaml", "f003-not-utf8.yaml", "f005-empty-file.yaml", "f005-list-not-mapping.yaml"],
)
def test_broken_files_never_show_a_traceback(base_catalog: Path, case: str) -> None:
    break_file(base_catalog, case)
    result = run("validate", "--today", TODAY, cwd=base_catalog.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "catalog/gongan/301001-000001.yaml:" in result.stdout


def test_usage_errors_exit_two(base_catalog: Path) -> None:
    missing = run("validate", "nowhere", cwd=base_catalog.parent)
    assert missing.returncode == 2 and "路径不存在：nowhere" in missing.stderr
    no_catalog = run("validate", cwd=base_catalog.parent.parent)
    assert no_catalog.returncode == 2 and "没有 catalog/ 目录文件夹" in no_catalog.stderr
    (base_catalog / "registry.yaml").unlink()
    outside = run("validate", "catalog/gongan", cwd=base_catalog.parent)
    assert outside.returncode == 2 and "registry.yaml" in outside.stderr
    bad_flag = run("validate", "--bogus", cwd=base_catalog.parent)
    assert bad_flag.returncode == 2 and "不认识的参数" in bad_flag.stderr


def test_internal_error_exits_three(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.commands import validate

    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "check_files", explode)
    monkeypatch.chdir(REPO / "tests" / "corpus" / "base")
    assert cli.main(["validate"]) == 3
    assert "内部错误" in capsys.readouterr().err


def test_missing_registry_and_legal_bases(base_catalog: Path) -> None:
    (base_catalog / "legal_bases.yaml").unlink()
    result = run("validate", "catalog", "--format", "json", "--today", TODAY, cwd=base_catalog.parent)
    problems = json.loads(result.stdout)
    assert ("F-007", "catalog/legal_bases.yaml") in [(p["rule"], p["path"]) for p in problems]
    assert result.returncode == 1


ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "show program's", "error:", "argument", "invalid", "expected", "choose from", "required", "unrecognized", "ambiguous")


@pytest.mark.parametrize("command", [[], *([name.rstrip("_").replace("_", "-")] for name in cli.COMMANDS)])
def test_help_is_chinese(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([*command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"用法：catalog {' '.join(command)}".rstrip()) and "\n选项：\n" in out
    assert "显示本帮助并退出" in out
    assert not [word for word in ARGPARSE_ENGLISH if word in out.lower()], out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["bogus"], "参数 命令：无效的选项 'bogus'，可选：'validate', 'import'"),
        (["import"], "缺少参数：文件"),
        (["comment", "--pr", "x", "--report", "r.md"], "参数 --pr：'x' 不是整数"),
        (["validate", "--format"], "参数 --format：后面需要一个值"),
        (["validate", "--format", "xml"], "参数 --format：无效的选项 'xml'，可选：'github', 'json', 'text'"),
        (["validate", "--strict=yes"], "参数 --strict：这个选项不接受值 'yes'"),
        (["validate", "--bogus"], "不认识的参数：--bogus"),
    ],
)
def test_usage_errors_are_chinese(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    usage, error = err.rstrip("\n").rsplit("\n", 1)
    assert usage.startswith("用法：catalog") and error.startswith("catalog：用法错误：") and message in error, err
    assert not [word for word in ARGPARSE_ENGLISH if word in err.lower()], err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out == "catalog 0.1.0\n"


def test_a_command_imports_only_its_own_module() -> None:
    """``catalog validate`` does not pay for importing every other command (the importer's pinyin
    tables, MkDocs): about two seconds on each run, each pull-request check and each rebuild."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        "try:\n    main(['validate', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('generator.commands.', 'mkdocs', 'pypinyin'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "用法：catalog validate" in done.stdout, "the chosen command's own help"
    assert "'generator.commands.validate'" in done.stdout
    for other in ("generator.commands.import_", "generator.commands.build", "generator.commands.serve", "mkdocs", "pypinyin"):
        assert f"'{other}'" not in done.stdout, other
