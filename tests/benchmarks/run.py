"""Benchmark harness (kept apart from the test suite): ``python tests/benchmarks/run.py``.

For each size it writes a synthetic catalog with a git history into a scratch folder and turns the
same catalog into a Hugo site (``peer.py``), then measures in ``--rounds`` interleaved rounds (the
project first in even rounds, the peer first in odd ones, so a busy shared machine slows both alike),
each step in a fresh process so that its time and memory are its own (``timed.py``):

- the floor: plain Jinja2 render-and-write of the same resource pages;
- the project: cold and warm validation, ``catalog check`` on a one-file pull request, the cold
  site build (pages + search + downloads), the first search in Chromium, the rebuild after one
  resource changed, and ``catalog serve``: the time until an edited resource's page shows the edit;
- the peer: Hugo's cold build, Pagefind's index of it, the first search in Chromium, and Hugo's
  rebuild after the same resource changed (Hugo rebuilds everything).

Debian's ``hugo`` is installed with apt-get when missing; when it cannot be, the peer's columns say
so and the run exits non-zero (``--no-peer`` leaves the peer out on purpose). Results go to
``--output`` (JSON) and a Markdown report (``--markdown``, and stdout) with medians, minimums, the
ratios project/peer and project/floor, each target's verdict, and the growth across sizes.
``--report FILE…`` only prints the report of earlier results (e.g. a 5,000 run and a 50,000 run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import browser  # noqa: E402
import peer  # noqa: E402
import report  # noqa: E402
import synthetic  # noqa: E402
from results import Run, Sample, combine  # noqa: E402

CATALOG = [sys.executable, "-m", "generator"]
DATE = "2026-11-22"


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    result = subprocess.run(
        [sys.executable, str(HERE / "timed.py"), *command],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False,
    )
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return Sample(ok=False, note=f"计时进程失败：{result.stderr[-300:]}")
    ok = data["rc"] == 0
    note = "" if ok else f"退出码 {data['rc']}：{data['out'][-500:]}"
    return Sample(data["s"], data["rss_mb"], data["tree_mb"], ok=ok, note=note, stages=data["stages"],
                  tree_parts=data["tree_parts"])


class Bench:
    """The rounds of one size: the project, the peer, the floor and ``catalog serve``."""

    def __init__(self, run: Run, work: Path, hugo: str | None, serve: bool) -> None:
        self.run, self.work, self.hugo, self.serve = run, work, hugo, serve
        started = time.perf_counter()
        self.repo = synthetic.prepare(work, run.resources, run.departments, run.items, run.commits)
        self.log(f"合成目录与 git 历史：{time.perf_counter() - started:.1f} s")
        self.resource = synthetic.edited_resource(self.repo)
        self.word = synthetic.query_word(self.repo)
        self.site = work / "hugo"
        if hugo:
            started = time.perf_counter()
            peer.write_site(self.repo, self.site)
            self.record("hugo_content", Sample(time.perf_counter() - started))

    def log(self, text: str) -> None:
        print(f"[{self.run.resources}] {text}", file=sys.stderr, flush=True)

    def record(self, name: str, sample: Sample) -> Sample:
        self.run.add(name, sample)
        memory = f"，峰值 {sample.tree_mb:.0f} MB（全部进程）" if sample.tree_mb else ""
        size = f"，{sample.bytes / 1024:.0f} KB" if sample.bytes else ""
        state = f"{sample.seconds:.2f} s{memory}{size}" if sample.ok and sample.seconds is not None else f"失败：{sample.note[:300]}"
        self.log(f"第 {self.run.rounds + 1} 轮 {name}：{state}")
        return sample

    def step(self, name: str, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
        return self.record(name, measured(command, cwd, env))

    def round(self, number: int) -> None:
        self.record("floor", Sample(synthetic.floor(self.repo, self.work / "floor")))
        sides = [self.project, self.peer] if number % 2 == 0 else [self.peer, self.project]
        for side in sides:
            side(number)
        self.run.rounds += 1
        self.run.load.append(round(os.getloadavg()[0], 1))

    def project(self, number: int) -> None:
        repo, env = self.repo, {"CATALOG_CACHE_DIR": str(self.work / f"cache-{number}")}
        self.step("validate_cold", [*CATALOG, "validate", "--today", DATE], repo, env)
        self.step("validate_warm", [*CATALOG, "validate", "--today", DATE], repo, env)
        synthetic.git(repo, "checkout", "-q", "-B", "pr")
        synthetic.edit(self.resource)
        synthetic.git(repo, "commit", "-q", "-am", "信息变更：更新摘要")
        self.step("check_one_file", [*CATALOG, "check", "--base", "main", "--head", "pr", "--format", "json", "--today", DATE], repo)
        synthetic.git(repo, "checkout", "-q", "main")
        site = self.work / "site"
        build = [*CATALOG, "build", "--site-dir", str(site), "--date", DATE]
        if self.step("build_cold", build, repo, env).ok and site.is_dir():
            self.run.sizes["site_bytes"] = synthetic.folder_bytes(site)
            self.run.sizes["page_bytes"] = synthetic.page_bytes(site / "resources")
            self.record("search_first", self.search(site))
        else:
            self.record("search_first", Sample(ok=False, note="冷构建失败"))
        synthetic.edit(self.resource)
        self.step("build_one_change", build, repo, env)
        synthetic.restore(repo, self.resource)
        if self.serve:
            self.serve_edit(number, env)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(self.work / f"cache-{number}", ignore_errors=True)

    def serve_edit(self, number: int, env: dict[str, str]) -> None:
        marker = f"（预览第 {number + 1} 轮）"
        page = f"resources/{self.resource.stem}/"
        measured_serve = browser.serve_edit(self.repo, env, page, lambda: synthetic.edit(self.resource, marker), marker)
        synthetic.restore(self.repo, self.resource)
        if isinstance(measured_serve, str):
            self.record("serve_start", Sample(ok=False, note=measured_serve))
            self.record("serve_one_change", Sample(ok=False, note=measured_serve))
        else:
            started, shown, stages = measured_serve
            self.record("serve_start", Sample(started))
            self.record("serve_one_change", Sample(shown, stages=stages))

    def peer(self, number: int) -> None:
        if self.hugo is None:
            return
        public, cache = self.site / "public", self.work / f"hugo-cache-{number}"
        shutil.rmtree(public, ignore_errors=True)
        hugo = self.step("hugo_cold", peer.hugo_command(self.hugo, self.site, cache), self.site)
        if hugo.ok:
            index = self.step("pagefind", peer.pagefind_command(public), self.site)
        else:
            index = self.record("pagefind", Sample(ok=False, note="Hugo 冷构建失败"))
        self.run.add("peer_cold", combine(hugo, index))
        if index.ok:
            self.run.sizes["peer_site_bytes"] = synthetic.folder_bytes(public)
            self.run.sizes["peer_page_bytes"] = synthetic.page_bytes(public / "resources")
            self.record("peer_search_first", self.search(public))
        else:
            self.record("peer_search_first", Sample(ok=False, note="对照未生成网站"))
        history = peer.history_of(self.site, self.resource)
        synthetic.edit(self.resource)
        peer.write_page(self.repo, self.resource, self.site, history)
        self.step("hugo_one_change", peer.hugo_command(self.hugo, self.site, cache), self.site)
        synthetic.restore(self.repo, self.resource)
        peer.write_page(self.repo, self.resource, self.site, history)
        shutil.rmtree(public, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    def search(self, site: Path) -> Sample:
        found = browser.browser_search(site, self.word)
        if isinstance(found, str):
            return Sample(ok=False, note=found)
        return Sample(found[0], bytes=found[1])


def bench(run: Run, rounds: int, hugo: str | None, serve: bool, keep: bool) -> Run:
    work = Path(tempfile.mkdtemp(prefix=f"catalog-bench-{run.resources}-"))
    try:
        measuring = Bench(run, work, hugo, serve)
        for number in range(rounds):
            measuring.round(number)
    finally:
        if keep:
            print(f"[{run.resources}] 保留在 {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return run


def setup_peer(skip: bool) -> tuple[str | None, str]:
    """Hugo's path and the peer's description, or None and why the peer is not measured."""
    if skip:
        return None, "未测（按 --no-peer 未测量对照）"
    hugo, version = peer.ensure_hugo()
    if hugo is None:
        banner = "!" * 72
        print(f"{banner}\n对照（Hugo + Pagefind）未测：{version}\n{banner}", file=sys.stderr)
        return None, f"未测：{version}"
    return hugo, version


def load(paths: list[Path]) -> list[Run]:
    runs = []
    for path in paths:
        for data in json.loads(path.read_text(encoding="utf-8"))["runs"]:
            samples = {name: [Sample(**s) for s in listed] for name, listed in data.pop("samples").items()}
            runs.append(Run(**data, samples=samples))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description="政务数据资源目录性能基准（与 Hugo + Pagefind 对照）")
    parser.add_argument("--sizes", default="5000,50000", help="资源数，逗号分隔（默认 5000,50000）")
    parser.add_argument("--departments", type=int, default=200, help="部门数（默认 200）")
    parser.add_argument("--items", type=int, default=30, help="每个资源的信息项数（默认 30）")
    parser.add_argument("--commits", type=int, default=300, help="合成 git 历史的提交数（默认 300）")
    parser.add_argument("--rounds", type=int, default=3, help="交替测量的轮数（默认 3），报告中位数和最小值")
    parser.add_argument("--serve-sizes", default="5000", help="在哪些规模测量 catalog serve（默认 5000，空则不测）")
    parser.add_argument("--no-peer", action="store_true", help="不测量对照（Hugo + Pagefind）")
    parser.add_argument("--output", type=Path, default=HERE / "results.json", help="JSON 结果文件")
    parser.add_argument("--markdown", type=Path, help="Markdown 报告文件（默认与 JSON 同名，扩展名 .md）")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON", help="只汇总已有的结果文件，不测量")
    parser.add_argument("--keep", action="store_true", help="保留合成目录和网站以便查看")
    args = parser.parse_args()
    if args.report:
        sys.stdout.write(report.markdown(load(args.report)))
        return 0
    hugo, described = setup_peer(args.no_peer)
    serve_at = {int(n) for n in args.serve_sizes.split(",") if n.strip()}
    runs = []
    for size in (int(n) for n in args.sizes.split(",")):
        run = Run(size, args.departments, args.items, args.commits, peer=described)
        runs.append(bench(run, args.rounds, hugo, size in serve_at, args.keep))
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "runs": [asdict(run) for run in runs],
    }
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    text = report.markdown(runs)
    (args.markdown or args.output.with_suffix(".md")).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    failures = [f"N={run.resources} {failure}" for run in runs for failure in run.failures()]
    for failure in failures:
        print(f"失败：{failure[:300]}", file=sys.stderr)
    if hugo is None and not args.no_peer:
        print(f"对照未测：{described}", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
