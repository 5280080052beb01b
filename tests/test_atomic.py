"""Files are replaced whole or not at all (issue 11): ``catalog export`` over an existing file on a
full disk or into a read-only folder keeps the file and says so in one Chinese line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from cli_process import catalog, one_chinese_line, read_only

from generator import atomic


@pytest.fixture
def earlier(base_catalog: Path, tmp_path: Path) -> Path:
    """An export made earlier, which the next export replaces."""
    target = tmp_path / "exports" / "目录.xlsx"
    target.parent.mkdir()
    result = catalog("export", "--format", "xlsx", "--output", str(target), "--catalog", str(base_catalog), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return target


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_on_a_full_disk_keeps_the_earlier_file(fmt: str, base_catalog: Path, tmp_path: Path) -> None:
    earlier = tmp_path / f"目录.{fmt}"
    made = catalog("export", "--format", fmt, "--output", str(earlier), "--catalog", str(base_catalog), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    before = earlier.read_bytes()
    (base_catalog / "gongan" / "301001-000001.yaml").unlink()  # the next export differs
    result = catalog(
        "export", "--format", fmt, "--output", str(earlier), "--catalog", str(base_catalog),
        cwd=tmp_path, file_size=len(before) // 2,
    )
    assert result.returncode == 1
    line = one_chinese_line(result.stderr)
    assert line == f"catalog：导出失败，{earlier} 未改动：{earlier}：文件超过系统允许的大小（磁盘或配额已满）"
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob(f"*目录.{fmt}*")) == [earlier.name], "no temporary file is left"


def test_an_xlsx_export_with_no_room_for_its_temporary_file_gives_one_line(earlier: Path, base_catalog: Path, tmp_path: Path) -> None:
    before = earlier.read_bytes()
    result = catalog(
        "export", "--format", "xlsx", "--output", str(earlier), "--catalog", str(base_catalog),
        cwd=tmp_path, file_size=len(before) // 2,
    )
    assert result.returncode == 1
    line = one_chinese_line(result.stderr)
    assert line.startswith(f"catalog：导出失败，{earlier} 未改动：") and "磁盘或配额已满" in line
    assert earlier.read_bytes() == before


def test_export_into_a_read_only_folder_gives_one_line(earlier: Path, base_catalog: Path, tmp_path: Path) -> None:
    before = earlier.read_bytes()
    read_only(earlier.parent)
    result = catalog(
        "export", "--format", "csv", "--output", str(earlier), "--catalog", str(base_catalog),
        cwd=tmp_path, obey_modes=True,
    )
    assert result.returncode == 1
    assert one_chinese_line(result.stderr).endswith("没有写入权限")
    assert earlier.read_bytes() == before


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomic.write_bytes(kept, b"new")
    assert kept.read_bytes() == b"new" and kept.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    atomic.write_bytes(fresh, b"x")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~atomic.UMASK


def test_reasons_are_chinese() -> None:
    assert atomic.describe(OSError(errno.ENOSPC, "No space left on device", "a/b.csv")) == "a/b.csv：磁盘空间已满"
    assert atomic.reason(OSError(errno.EROFS, "Read-only file system")) == "文件系统是只读的"
    assert os.strerror(errno.EIO) == atomic.reason(OSError(errno.EIO, os.strerror(errno.EIO))), "unknown errors keep the system's text"
