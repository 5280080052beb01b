"""Benchmark harness (kept apart from the test suite): ``python tests/benchmarks/run.py``.

For each size it writes a synthetic catalog with a git history into a scratch folder, then measures,
each step in a fresh process so that its peak memory is its own:

- cold and warm full validation (``catalog validate``),
- ``catalog check`` on a one-file pull request,
- cold full site build (pages + search index + downloads) and a rebuild after one resource changed,
- site size, bytes per resource page, and the search bytes a visitor downloads for a first query,
- and the floor: plain Jinja2 render-and-write of the same resource pages, in the same run on the same
  data, so every time is also reported as a ratio to it.

Results go to ``--output`` (JSON, default ``tests/benchmarks/results.json``) and a Markdown table on
stdout. Steps whose command does not exist yet are reported as missing, not skipped silently.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
CATALOG_BIN = [sys.executable, "-m", "generator"]

#: Targets from the scale issue, in seconds / bytes, per N = 50,000.
TARGETS = {
    "validate_cold": 90.0,
    "validate_warm": 15.0,
    "check_one_file": 5.0,
    "build_cold": 300.0,
    "build_one_change": 60.0,
}
PEAK_MB = 6 * 1024
"""Peak memory target of a full site build at N = 50,000."""
SITE_MB = 1024
FIRST_QUERY_KB = 1024


def _within(value: float, limit: float, unit: str, big: bool) -> str:
    if not big:
        return "—"
    over = value - limit
    return "达标" if over <= 0 else f"超出 {over:.1f} {unit}" if over < 10 else f"超出 {over:.0f} {unit}"


@dataclass
class Step:
    name: str
    seconds: float | None = None
    peak_mb: float | None = None
    ok: bool = True
    note: str = ""


@dataclass
class Run:
    resources: int
    departments: int
    items: int
    steps: list[Step] = field(default_factory=list)
    floor_seconds: float | None = None
    site_bytes: int | None = None
    page_bytes: int | None = None
    first_query_bytes: int | None = None
    first_query_seconds: float | None = None
    first_query_note: str = ""


def measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """Run ``command`` under a wrapper that reports its own children's peak RSS; (s, MB, rc, output)."""
    wrapper = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(json.dumps({'s': time.perf_counter() - t, 'kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " 'rc': p.returncode, 'out': (p.stdout + p.stderr)[-2000:]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["s"], data["kb"] / 1024, data["rc"], data["out"]


def git(cwd: Path, *args: str, date: str = "2026-01-05T10:00:00+08:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "基准测试",
        "GIT_AUTHOR_EMAIL": "bench@example.gov.cn",
        "GIT_COMMITTER_NAME": "基准测试",
        "GIT_COMMITTER_EMAIL": "bench@example.gov.cn",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def prepare(work: Path, resources: int, departments: int, items: int, commits: int) -> Path:
    """A repository with the project's config and a synthetic catalog built over ``commits`` commits."""
    sys.path.insert(0, str(REPO))
    from generator.synth import vocabulary, write_catalog

    repo = work / "repo"
    repo.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml") if (REPO / "mkdocs.yml").exists() else None
    for folder in ("docs", "site_overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, repo / folder)
    git(repo, "init", "-q", "-b", "main")
    words = vocabulary(REPO / "catalog", SHARED_CORPUS)
    paths = write_catalog(repo / "catalog", resources, departments, items, seed=20261122, words=words)
    context = [p for p in (repo / "catalog").rglob("*.yaml") if p not in set(paths)]
    git(repo, "add", *[str(p.relative_to(repo)) for p in context], *(["mkdocs.yml"] if (repo / "mkdocs.yml").exists() else []))
    git(repo, "commit", "-q", "-m", "登记目录")
    batch = max(1, len(paths) // max(1, commits - 1))
    for number, start in enumerate(range(0, len(paths), batch)):
        chunk = paths[start : start + batch]
        day = 1 + number % 28
        git(repo, "add", *[str(p.relative_to(repo)) for p in chunk])
        git(repo, "commit", "-q", "-m", f"编目：第 {number + 1} 批", date=f"2026-0{1 + number % 9}-{day:02d}T10:00:00+08:00")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "其余文件")
    return repo


def floor(repo: Path) -> float:
    """Plain Jinja2 render-and-write of one page per resource: the cheapest possible site."""
    import jinja2
    import yaml

    template = jinja2.Environment(autoescape=True).from_string(
        "<html><head><title>{{ r.name }}</title></head><body><h1>{{ r.name }}</h1><p>{{ r.summary }}</p>"
        "<table>{% for i in r['items'] %}<tr><td>{{ i.name }}</td><td>{{ i.type }}</td></tr>{% endfor %}</table>"
        "</body></html>"
    )
    out = repo.parent / "floor"
    start = time.perf_counter()
    for path in sorted((repo / "catalog").glob("*/*.yaml")):
        if path.name == "department.yaml":
            continue
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        target = out / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(r=data), encoding="utf-8")
    return time.perf_counter() - start


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def one_change(repo: Path) -> Path:
    """Edit one resource's summary (in the working tree); returns the file."""
    target = sorted((repo / "catalog" / "d000").glob("3*.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("summary: ", "summary: （已更新）", 1), encoding="utf-8")
    return target


def bench(size: int, departments: int, items: int, commits: int, keep: bool) -> Run:
    run = Run(size, departments, items)
    work = Path(tempfile.mkdtemp(prefix=f"catalog-bench-{size}-"))
    try:
        t = time.perf_counter()
        repo = prepare(work, size, departments, items, commits)
        print(f"[{size}] 合成目录与 git 历史：{time.perf_counter() - t:.1f} s", file=sys.stderr)
        run.floor_seconds = floor(repo)

        def step(name: str, command: list[str], env: dict[str, str] | None = None, ok_codes: tuple[int, ...] = (0,)) -> Step:
            seconds, peak, rc, out = measured(command, repo, env)
            entry = Step(name, seconds, peak, rc in ok_codes, "" if rc in ok_codes else out[-500:])
            run.steps.append(entry)
            print(f"[{size}] {name}: {seconds:.2f} s, {peak:.0f} MB, rc={rc}", file=sys.stderr)
            return entry

        cache = {"CATALOG_CACHE_DIR": str(work / "cache")}
        step("validate_cold", [*CATALOG_BIN, "validate", "--today", "2026-11-22"], cache)
        step("validate_warm", [*CATALOG_BIN, "validate", "--today", "2026-11-22"], cache)

        git(repo, "checkout", "-q", "-b", "pr")
        one_change(repo)
        git(repo, "commit", "-q", "-am", "信息变更：更新摘要")
        step("check_one_file", [*CATALOG_BIN, "check", "--base", "main", "--head", "pr", "--format", "json", "--today", "2026-11-22"])
        git(repo, "checkout", "-q", "main")

        site = work / "site"
        build = [*CATALOG_BIN, "build", "--site-dir", str(site), "--date", "2026-11-22"]
        built = step("build_cold", build, cache)
        if built.ok and site.is_dir():
            run.site_bytes = folder_bytes(site)
            pages = sorted((site / "resources").glob("*/index.html")) if (site / "resources").is_dir() else []
            if pages:
                run.page_bytes = sum(p.stat().st_size for p in pages) // len(pages)
            run.first_query_bytes = first_query_bytes(site)
            measured_search = browser_search(site, query_word(repo))
            if isinstance(measured_search, str):
                run.first_query_note = measured_search
            else:
                run.first_query_seconds, run.first_query_bytes = measured_search
            print(f"[{size}] 首次搜索（浏览器）：{measured_search}", file=sys.stderr)
            one_change(repo)
            step("build_one_change", build, cache)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"[{size}] 保留在 {work}", file=sys.stderr)
    return run


def query_word(repo: Path) -> str:
    """A word a visitor would search for: the first all-Chinese data item of the first resource."""
    import re

    import yaml

    first = sorted((repo / "catalog" / "d000").glob("3*.yaml"))[0]
    data = yaml.load(first.read_bytes(), Loader=yaml.CSafeLoader)
    names = [str(item["name"]).rstrip("0123456789") for item in data["items"]]
    return next((n for n in names if re.fullmatch(r"[\u4e00-\u9fff]+", n)), names[0])


def browser_search(site: Path, word: str) -> tuple[float, int] | str:
    """A first search in headless Chromium against the site served locally.

    Opens the search page, types ``word`` and waits for the first result; returns the seconds from
    the keystroke to the result shown, and the bytes of every search file the page fetched since it
    opened (Pagefind's script, WebAssembly, index parts and result fragments). A string says why it
    could not be measured.
    """
    sys.path.insert(0, str(HERE.parent))
    from browse import browsing, chromium

    executable = chromium()
    if executable is None:
        return "未找到 Chromium，未在浏览器中测量"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "未安装 playwright，未在浏览器中测量"
    sizes: dict[str, int] = {}

    def record(response: object) -> None:
        url = response.url  # type: ignore[attr-defined]
        if "/pagefind/" in url:
            sizes[url] = len(response.body())  # type: ignore[attr-defined]

    with browsing(site, executable) as (page, base):
        page.on("response", record)
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        page.wait_for_selector("#catalog-search[data-search-ready]", timeout=60_000)
        box = page.locator("#catalog-search-input")
        start = time.perf_counter()
        box.fill(word)
        page.locator(".catalog-result > a").first.wait_for(timeout=60_000)
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
    return seconds, sum(sizes.values())


def first_query_bytes(site: Path) -> int | None:
    """Estimate without a browser: search entry files plus the largest index chunk (Pagefind)."""
    pagefind = site / "pagefind"
    if not pagefind.is_dir():
        return None
    entry = [pagefind / name for name in ("pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind")]
    fixed = sum(p.stat().st_size for p in entry if p.exists())
    fixed += sum(p.stat().st_size for p in pagefind.glob("pagefind.*.pf_meta"))
    chunks = sorted(pagefind.glob("index/*.pf_index"), key=lambda p: p.stat().st_size)
    return fixed + (chunks[-1].stat().st_size if chunks else 0)


def table(runs: list[Run]) -> str:
    lines = [
        "| N | 步骤 | 用时 (s) | 相对下限 | 峰值内存 (MB) | 目标 (N=50,000) | 结果（内存目标 ≤ 6 GB） |",
        "|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        lines.append(f"| {run.resources:,} | 下限：Jinja2 直接渲染写出 | {run.floor_seconds:.1f} | 1.0× | — | — | — |")
        for s in run.steps:
            ratio = f"{s.seconds / run.floor_seconds:.1f}×" if s.seconds and run.floor_seconds else "—"
            target = TARGETS.get(s.name)
            verdict = "失败" if not s.ok else "—"
            big = run.resources >= 50_000
            if s.ok and target and big:
                verdict = _within(s.seconds or 0, target, "s", big)
                if s.name.startswith("build") and (s.peak_mb or 0) > PEAK_MB:
                    verdict += f"；内存超出 {(s.peak_mb or 0) - PEAK_MB:.0f} MB"
            lines.append(
                f"| {run.resources:,} | {s.name} | {s.seconds:.1f} | {ratio} | {s.peak_mb:.0f} | "
                f"{target if target else '—'} | {verdict} |"
            )
        if run.site_bytes:
            size = run.site_bytes / 2**20
            lines.append(f"| {run.resources:,} | 网站总大小 | {size:.0f} MB | | | ≤ {SITE_MB} MB | "
                         f"{_within(size, SITE_MB, 'MB', run.resources >= 50_000)} |")
        if run.page_bytes:
            lines.append(f"| {run.resources:,} | 每个资源页 | {run.page_bytes / 1024:.1f} KB | | | | |")
        if run.first_query_bytes:
            kb = run.first_query_bytes / 1024
            how = "Chromium 实测" if run.first_query_seconds is not None else f"估算：{run.first_query_note}"
            lines.append(f"| {run.resources:,} | 首次搜索下载（{how}） | {kb:.0f} KB | | | ≤ {FIRST_QUERY_KB} KB | "
                         f"{_within(kb, FIRST_QUERY_KB, 'KB', run.resources >= 50_000)} |")
        if run.first_query_seconds is not None:
            lines.append(f"| {run.resources:,} | 首次搜索出结果（Chromium，自输入起） | {run.first_query_seconds:.2f} | | | 1.0 | "
                         f"{_within(run.first_query_seconds, 1.0, 's', run.resources >= 50_000)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="政务数据资源目录性能基准")
    parser.add_argument("--sizes", default="5000,50000", help="资源数，逗号分隔（默认 5000,50000）")
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--keep", action="store_true", help="保留合成目录和网站以便查看")
    args = parser.parse_args()
    runs = [bench(int(n), args.departments, args.items, args.commits, args.keep) for n in args.sizes.split(",")]
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "runs": [asdict(run) for run in runs],
    }
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(table(runs))
    return 0 if all(step.ok for run in runs for step in run.steps) else 1


if __name__ == "__main__":
    raise SystemExit(main())
