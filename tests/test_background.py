"""The downloads are written by a forked child: its result and its failure reach the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.site.background import Background


def write(target: Path, text: str) -> None:
    target.write_text(text, encoding="utf-8")


def fail(message: str) -> None:
    raise ValueError(message)


def test_the_child_writes_and_wait_returns(tmp_path: Path) -> None:
    job = Background("写文件", write, tmp_path / "out.txt", "内容")
    job.wait()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "内容"


def test_a_failure_in_the_child_fails_the_build_with_its_error() -> None:
    job = Background("生成下载文件", fail, "坏数据")
    with pytest.raises(PluginError, match="(?s)生成下载文件失败.*ValueError: 坏数据"):
        job.wait()


def test_stop_ends_a_running_child(tmp_path: Path) -> None:
    import time

    job = Background("等待", time.sleep, 60)
    start = time.monotonic()
    job.stop()
    assert time.monotonic() - start < 10
