"""``catalog import`` and ``catalog export`` on the command line: report, exit codes, messages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_import_pipeline import ROWS, write_csv

from generator.cli import main


def test_import_report_and_exit_code(base_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(base_catalog.parent)
    source = write_csv(tmp_path / "in.csv", "utf-8")
    code = main(["import", str(source), "--department", "gongan", "--mapping", "xiamen"])
    out, err = capsys.readouterr()
    assert code == 1  # a record refused: the user must look
    assert err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"== 导入 {source}（映射：厦门市公共数据开放平台导出，编码 UTF-8，部门：gongan）")
    assert "第 2 行 → catalog/gongan/301001-000002.yaml（新建）" in lines
    assert "第 6 行 → catalog/gongan/301001-000002.yaml（未变）" in lines
    assert "    提示：与第 2 行完全相同（重复记录），与它是同一个文件" in lines
    # another provider's records: one line per provider, not one per record (issue 14)
    assert not any("提供方是" in line for line in lines)
    assert "拒绝 1 条其他提供方的记录（不属于部门 gongan；用 --by-provider 可按提供方一次导入全部）：" in lines
    assert "    测试市民政局：1 条（第 5 行）" in lines
    assert "按错别字表更正：“无条件开发”→“无条件开放”（1 处）" in lines
    assert lines[-1] == "合计：读取 5 条，写入 4 条（新建 3、更新 0、未变 1），规范化 3 条，拒绝 1 条，待补充字段 25 个"
    assert (base_catalog / "gongan" / "301001-000004.yaml").is_file()


def test_import_json_report_and_dry_run(base_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "in.csv", "utf-8", ROWS[:1])
    args = ["import", str(source), "--department", "gongan", "--mapping", "xiamen", "--output", str(base_catalog)]
    assert main([*args, "--dry-run", "--format", "json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["counts"]["written"] == 1 and report["dry_run"] is True
    assert report["records"][0]["rows"] == [2] and "share.type" in report["records"][0]["placeholders"]
    assert not (base_catalog / "gongan" / "301001-000002.yaml").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--department", "nowhere"], "部门“nowhere”不存在"),
        (["--department", "gongan", "--mapping", "unknown"], "没有名为“unknown”的映射"),
    ],
)
def test_import_usage_errors(base_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
    source = write_csv(tmp_path / "in.csv", "utf-8")
    assert main(["import", str(source), "--output", str(base_catalog), *extra]) == 2
    _, err = capsys.readouterr()
    assert message in err and "Traceback" not in err


def test_progress_only_on_a_terminal(base_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_csv(tmp_path / "in.csv", "utf-8", [ROWS[0][:7] + [f"https://portal.test/{i}"] for i in range(600)])

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["import", str(source), "--department", "gongan", "--mapping", "xiamen", "--output", str(base_catalog), "--dry-run"]) == 0
    assert "正在读取" in terminal.getvalue() and "600/600" in terminal.getvalue()
    assert "正在读取" not in capsys.readouterr().out


def test_export_command(base_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    assert main(["export", "--catalog", str(base_catalog), "--format", "csv", "--department", "gongan", "--output", str(target)]) == 0
    assert "已导出 2 个资源" in capsys.readouterr().err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["export", "--catalog", str(base_catalog), "--format", "csv", "--department", "x", "--output", str(target)]) == 2
    assert "部门“x”不存在" in capsys.readouterr().err
