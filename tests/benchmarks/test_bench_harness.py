"""The benchmark harness measures what it says: the whole process tree's memory, paired ratios over
interleaved rounds, verdicts only where a target applies, a missing peer said loudly, and
``catalog serve`` showing an edited resource."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402
import run as harness  # noqa: E402
import synthetic  # noqa: E402
from results import Run, Sample, combine  # noqa: E402

TWO_CHILDREN = """
import subprocess, sys
hold = "import time; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(2)"
children = [subprocess.Popen([sys.executable, "-c", hold]) for _ in range(2)]
for child in children:
    child.wait()
"""


def test_timed_counts_every_process_of_the_command_at_once() -> None:
    done = subprocess.run([sys.executable, str(HERE / "timed.py"), sys.executable, "-c", TWO_CHILDREN],
                          capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    assert data["rc"] == 0
    assert data["s"] >= 2
    assert 150 < data["rss_mb"] < 250, "the largest single process holds one block"
    assert data["tree_mb"] > 300, "both children's blocks are resident at the same time"
    assert all(part.startswith("python") for part in data["tree_parts"][:2]), data["tree_parts"]


def test_timed_reports_a_failing_command() -> None:
    done = subprocess.run([sys.executable, str(HERE / "timed.py"), sys.executable, "-c", "import sys; print('坏了'); sys.exit(3)"],
                          capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    assert data["rc"] == 3
    assert "坏了" in data["out"]


def rounds(run: Run, name: str, *seconds: float | None) -> None:
    for value in seconds:
        run.add(name, Sample(value) if value is not None else Sample(ok=False, note="失败"))


def test_ratio_is_the_median_of_the_rounds_own_ratios() -> None:
    run = Run(5000, 200, 30, 300)
    rounds(run, "build_cold", 10, 30, 12, 50)
    rounds(run, "peer_cold", 2, 20, 12, None)
    assert run.ratio("build_cold", "peer_cold") == 1.5  # rounds 5×, 1.5×, 1×; the fourth has no pair
    assert run.median("build_cold") == 21  # the medians alone would say 21 / 12
    assert run.least("peer_cold") == 2


def test_combined_peer_step_adds_times_and_keeps_the_larger_memory() -> None:
    both = combine(Sample(8.0, 300, 400), Sample(13.0, 900, 1000))
    assert (both.seconds, both.rss_mb, both.tree_mb, both.ok) == (21.0, 900, 1000, True)
    assert not combine(Sample(8.0), Sample(ok=False, note="Pagefind 失败")).ok


def measured_run(size: int, peer: str = "hugo v0.111.3") -> Run:
    run = Run(size, 200, 30, 300, rounds=2, peer=peer)
    rounds(run, "floor", 5, 6)
    rounds(run, "build_cold", 40, 44)
    rounds(run, "build_one_change", 30, 36)
    if not peer.startswith("未测"):
        rounds(run, "hugo_cold", 8, 8)
        rounds(run, "pagefind", 12, 14)
        for a, b in zip(run.samples["hugo_cold"], run.samples["pagefind"], strict=True):
            run.add("peer_cold", combine(a, b))
        rounds(run, "hugo_one_change", 5, 6)
    run.sizes = {"site_bytes": size * 25 * 1024, "page_bytes": 12 * 1024}
    return run


def row(run: Run, start: str) -> report.Row:
    return next(r for r in report.rows(run) if r.step.startswith(start))


def test_ratio_targets_are_judged_at_every_size_and_absolute_ones_at_50000() -> None:
    small, big = measured_run(5000), measured_run(50_000)
    cold = row(small, "冷构建（")
    assert cold.to_peer == "2.00×"
    assert cold.verdict == "未达标（2.00× > 1.50×）"
    assert row(small, "改一个资源后重建（").verdict == "未达标（6.00× > 0.50×）"
    assert row(small, "改一个资源后重建，绝对").verdict.startswith("—")
    assert row(big, "改一个资源后重建，绝对").verdict == "未达标（33.0 s > 15.0 s）"
    assert row(small, "网站大小 ÷ 资源数").verdict == "未达标（25 KB > 20 KB）"
    assert row(big, "网站总大小").verdict == "未达标（1,221 MB > 1,024 MB）"


def test_a_missing_peer_is_said_in_every_peer_cell() -> None:
    run = measured_run(5000, peer="未测：apt-get install -y hugo 失败")
    cold = row(run, "冷构建（")
    assert cold.peer == "未测：apt-get install -y hugo 失败"
    assert cold.verdict == "未测"
    assert "未测：apt-get install -y hugo 失败" in report.comparison(run)


def test_peer_setup_says_loudly_when_hugo_cannot_be_installed(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(harness.peer, "ensure_hugo", lambda: (None, "未安装 Hugo，且本机没有 apt-get，无法安装"))
    hugo, described = harness.setup_peer(skip=False)
    assert hugo is None
    assert described == "未测：未安装 Hugo，且本机没有 apt-get，无法安装"
    assert "对照（Hugo + Pagefind）未测" in capsys.readouterr().err
    assert harness.setup_peer(skip=True)[1].startswith("未测（按 --no-peer")


def test_growth_compares_time_per_resource_across_sizes(tmp_path: Path) -> None:
    small, big = measured_run(5000), measured_run(50_000)
    big.samples["build_cold"] = [Sample(600), Sample(640)]  # 12.4 ms per resource against 8.4
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"runs": [asdict(big), asdict(small)]}, ensure_ascii=False), encoding="utf-8")
    text = report.growth(harness.load([path]))
    line = next(line for line in text.splitlines() if line.startswith("| 本项目冷构建 |"))
    assert "| 42.0 s（8.40 ms/个） | 620.0 s（12.40 ms/个） | 1.48× | 未达标（1.48× > 1.25×） |" in line


def test_serve_shows_an_edited_resource(tmp_path: Path) -> None:
    """``catalog serve`` on a small synthetic catalog: the page is served, then shows the edit."""
    repo = synthetic.prepare(tmp_path, 20, 4, 5, 2)
    resource = synthetic.edited_resource(repo)
    found = harness.browser.serve_edit(repo, {"CATALOG_CACHE_DIR": str(tmp_path / "cache")}, f"resources/{resource.stem}/",
                                       lambda: synthetic.edit(resource, "（预览测试）"), "（预览测试）")
    assert not isinstance(found, str), found
    started, shown, stages = found
    assert started > 0 and shown > 0
    assert any("秒" in line or "seconds" in line for line in stages), stages
    assert "（预览测试）" in resource.read_text(encoding="utf-8")
