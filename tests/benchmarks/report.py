"""The benchmark's tables (Markdown, Chinese, for ``docs/about/performance.md``) and target verdicts.

Targets (issue 13, per N = 50,000 unless a row says otherwise):

- rebuild after changing one resource ≤ 0.5 × Hugo's full rebuild (at every size) and ≤ 15 s;
- cold build (pages + search + downloads) ≤ 1.5 × Hugo + Pagefind (at every size);
- site ≤ 1 GB; ≤ 20 KB per resource, all files counted (at every size);
- first search in Chromium: first result ≤ 0.5 s after typing, ≤ 1 MB downloaded;
- peak memory of the build (all its processes together) ≤ 3 GB;
- cost grows linearly: per-resource time at the largest size ≤ 1.25 × at the smallest;
- ``catalog serve``: an edited resource shows in about a second (≤ 1 s, at N = 5,000);
- and, from the earlier scale issue: cold validation ≤ 90 s, warm ≤ 15 s, a one-file check ≤ 5 s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from results import PEER_CHANGE, PEER_COLD, PROJECT_CHANGE, PROJECT_COLD, Run

BIG = 50_000
SERVE_AT = 5_000
LINEAR = 1.25


@dataclass
class Row:
    step: str
    project: str = "—"
    peer: str = "—"
    to_peer: str = "—"
    to_floor: str = "—"
    target: str = "—"
    verdict: str = "—"


def seconds(run: Run, name: str) -> str:
    middle, low = run.median(name), run.least(name)
    if middle is None or low is None:
        failed = [s.note for s in run.samples.get(name, []) if not s.ok]
        return f"失败：{failed[0][:80]}" if failed else "未测"
    return f"{middle:.1f} s（最小 {low:.1f}）" if middle >= 1 else f"{middle:.2f} s（最小 {low:.2f}）"


def times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def verdict(value: float | None, limit: float, shown: Callable[[float], str]) -> str:
    if value is None:
        return "未测"
    return f"达标（{shown(value)} ≤ {shown(limit)}）" if value <= limit else f"未达标（{shown(value)} > {shown(limit)}）"


def judged(run: Run, value: float | None, limit: float, shown: Callable[[float], str], at: int | None = BIG) -> str:
    """The verdict where the target applies (``at`` None: at every size), otherwise a dash."""
    if at is not None and run.resources != at:
        return f"—（在 N={at:,} 判定）"
    return verdict(value, limit, shown)


def peer_value(run: Run, text: str) -> str:
    return text if run.peer_measured else run.peer


def rows(run: Run) -> list[Row]:
    s = lambda v: f"{v:.1f} s" if v >= 1 else f"{v:.2f} s"  # noqa: E731
    x = lambda v: f"{v:.2f}×"  # noqa: E731
    kb = lambda v: f"{v / 1024:.0f} KB"  # noqa: E731
    mb = lambda v: f"{v:,.0f} MB"  # noqa: E731
    floor = run.median("floor")
    out = [Row("下限：Jinja2 直接渲染写出最简资源页", seconds(run, "floor"), to_floor="1.00×")]

    cold = run.ratio(PROJECT_COLD, PEER_COLD)
    out.append(Row("冷构建（页面 + 搜索 + 下载；对照：Hugo + Pagefind）", seconds(run, PROJECT_COLD),
                   peer_value(run, seconds(run, PEER_COLD)), times(cold), times(run.ratio(PROJECT_COLD, "floor")),
                   "≤ 1.5× 对照（各规模）", judged(run, cold, 1.5, x, at=None)))
    out.append(Row("　其中 Hugo 冷构建", peer=peer_value(run, seconds(run, "hugo_cold")),
                   to_floor=times(run.ratio("hugo_cold", "floor"))))
    out.append(Row("　其中 Pagefind 索引", peer=peer_value(run, seconds(run, "pagefind"))))
    change = run.ratio(PROJECT_CHANGE, PEER_CHANGE)
    out.append(Row("改一个资源后重建（对照：Hugo 全部重建）", seconds(run, PROJECT_CHANGE),
                   peer_value(run, seconds(run, PEER_CHANGE)), times(change), times(run.ratio(PROJECT_CHANGE, "floor")),
                   "≤ 0.5× Hugo（各规模）", judged(run, change, 0.5, x, at=None)))
    out.append(Row("改一个资源后重建，绝对用时", seconds(run, PROJECT_CHANGE), target="≤ 15 s",
                   verdict=judged(run, run.median(PROJECT_CHANGE), 15.0, s)))

    peak = run.median(PROJECT_COLD, "tree_mb")
    peer_peak = max((v for v in (run.median("hugo_cold", "tree_mb"), run.median("pagefind", "tree_mb")) if v), default=None)
    out.append(Row("冷构建峰值内存（全部进程 PSS 之和）", mb(peak) if peak else "未测",
                   peer_value(run, mb(peer_peak) if peer_peak else "未测"), target="≤ 3,072 MB",
                   verdict=judged(run, peak, 3072, mb)))
    rss = run.median(PROJECT_COLD, "rss_mb")
    peer_rss = max((v for v in (run.median("hugo_cold", "rss_mb"), run.median("pagefind", "rss_mb")) if v), default=None)
    out.append(Row("冷构建单个进程最大常驻内存", mb(rss) if rss else "未测", peer_value(run, mb(peer_rss) if peer_rss else "未测")))

    out += _search_rows(run, s, kb)
    out += _size_rows(run, kb, mb)

    if run.samples.get("serve_one_change"):
        out.append(Row("catalog serve：启动到第一页可访问", seconds(run, "serve_start")))
        out.append(Row("catalog serve：改一个资源文件到页面显示新内容", seconds(run, "serve_one_change"),
                       target="约 1 s（≤ 1 s，N=5,000）", verdict=judged(run, run.median("serve_one_change"), 1.0, s, at=SERVE_AT)))
    for name, label, limit in (("validate_cold", "校验，冷", 90.0), ("validate_warm", "校验，热", 15.0),
                               ("check_one_file", "拉取请求检查（改一个文件）", 5.0)):
        out.append(Row(label, seconds(run, name), to_floor=times(run.ratio(name, "floor")) if floor else "—",
                       target=f"≤ {limit:.0f} s", verdict=judged(run, run.median(name), limit, s)))
    if run.samples.get("hugo_content"):
        out.append(Row("对照的准备：目录转为 Hugo 内容（不计入对照用时）", peer=peer_value(run, seconds(run, "hugo_content"))))
    return out


def _search_rows(run: Run, s: Callable[[float], str], kb: Callable[[float], str]) -> list[Row]:
    out = []
    mine = run.median("search_first")
    out.append(Row("首次搜索出结果（Chromium，自输入起）", seconds(run, "search_first"),
                   peer_value(run, seconds(run, "peer_search_first")), times(run.ratio("search_first", "peer_search_first")),
                   target="≤ 0.5 s", verdict=judged(run, mine, 0.5, s)))
    mine_b, theirs_b = run.median("search_first", "bytes"), run.median("peer_search_first", "bytes")
    out.append(Row("首次搜索下载量（Chromium 实测，全部 Pagefind 文件）", kb(mine_b) if mine_b else "未测",
                   peer_value(run, kb(theirs_b) if theirs_b else "未测"),
                   times(mine_b / theirs_b if mine_b and theirs_b else None), target="≤ 1,024 KB",
                   verdict=judged(run, mine_b, 1024 * 1024, kb)))
    return out


def _size_rows(run: Run, kb: Callable[[float], str], mb: Callable[[float], str]) -> list[Row]:
    site, peer_site = run.sizes.get("site_bytes"), run.sizes.get("peer_site_bytes")
    page, peer_page = run.sizes.get("page_bytes"), run.sizes.get("peer_page_bytes")
    ratio = lambda a, b: times(a / b if a and b else None)  # noqa: E731
    size = lambda v: mb(v / 2**20) if v else "未测"  # noqa: E731
    per = lambda v: kb(v / run.resources) if v else "未测"  # noqa: E731
    return [
        Row("网站总大小", size(site), peer_value(run, size(peer_site)), ratio(site, peer_site), target="≤ 1,024 MB",
            verdict=judged(run, site / 2**20 if site else None, 1024, mb)),
        Row("网站大小 ÷ 资源数（全部文件计入）", per(site), peer_value(run, per(peer_site)), ratio(site, peer_site),
            target="≤ 20 KB（各规模）", verdict=judged(run, site / run.resources if site else None, 20 * 1024, kb, at=None)),
        Row("每个资源页（平均）", kb(page) if page else "未测", peer_value(run, kb(peer_page) if peer_page else "未测"),
            ratio(page, peer_page)),
    ]


def comparison(run: Run) -> str:
    load = f"；机器负载（每轮结束时的 1 分钟平均）：{'、'.join(f'{v:.1f}' for v in run.load)}" if run.load else ""
    head = (f"**N = {run.resources:,}**（{run.departments} 个部门，每个资源 {run.items} 个信息项，{run.commits} 次提交；"
            f"{run.rounds} 轮交替测量，中位数与最小值；对照：{run.peer}{load}）\n\n")
    lines = ["| 步骤 | 本项目 | Hugo + Pagefind | 本项目/对照 | 本项目/下限 | 目标 | 结果 |", "|---|---|---|---|---|---|---|"]
    for r in rows(run):
        lines.append(f"| {r.step} | {r.project} | {r.peer} | {r.to_peer} | {r.to_floor} | {r.target} | {r.verdict} |")
    return head + "\n".join(lines)


GROWTH = (
    (PROJECT_COLD, "本项目冷构建", True),
    (PROJECT_CHANGE, "本项目改一个资源后重建", True),
    ("validate_cold", "本项目冷校验", True),
    ("floor", "下限（Jinja2）", False),
    (PEER_COLD, "Hugo + Pagefind 冷构建", False),
    (PEER_CHANGE, "Hugo 全部重建", False),
)


def growth(runs: list[Run]) -> str:
    """Per-size time and time per resource, so growth from the smallest to the largest size shows."""
    runs = sorted(runs, key=lambda r: r.resources)
    head = " | ".join(f"N={r.resources:,}" for r in runs)
    lines = [f"| 步骤 | {head} | 每资源用时：最大规模 ÷ 最小规模 | 结果（≤ {LINEAR}×） |",
             "|---|" + "---|" * len(runs) + "---|---|"]
    for name, label, judged_here in GROWTH:
        cells, per = [], []
        for r in runs:
            value = r.median(name)
            per.append(value / r.resources if value else None)
            cells.append(f"{value:.1f} s（{value / r.resources * 1000:.2f} ms/个）" if value else "未测")
        ratio = per[-1] / per[0] if len(runs) > 1 and per[0] and per[-1] else None
        result = verdict(ratio, LINEAR, lambda v: f"{v:.2f}×") if judged_here and ratio is not None else "—"
        lines.append(f"| {label} | {' | '.join(cells)} | {times(ratio)} | {result} |")
    memory = [r.median(PROJECT_COLD, "tree_mb") for r in runs]
    cells = [f"{m:,.0f} MB（{m / r.resources * 1000:.0f} MB/千个）" if m else "未测" for m, r in zip(memory, runs, strict=True)]
    lines.append(f"| 本项目冷构建峰值内存 | {' | '.join(cells)} | — | — |")
    sites = [r.sizes.get("site_bytes") for r in runs]
    cells = [f"{b / 2**20:,.0f} MB（{b / r.resources / 1024:.1f} KB/个）" if b else "未测" for b, r in zip(sites, runs, strict=True)]
    lines.append(f"| 本项目网站大小 | {' | '.join(cells)} | — | — |")
    return "\n".join(lines)


PROFILED = ((PROJECT_COLD, "冷构建"), (PROJECT_CHANGE, "改一个资源后重建"), ("serve_one_change", "catalog serve 改一个文件后"))


def stages(run: Run) -> str:
    """The build log's own stage times of the last successful round: where the time went."""
    lines = []
    for name, label in PROFILED:
        done = [s for s in run.ok(name) if s.stages]
        if done:
            last = done[-1]
            lines.append(f"- {label}（{last.seconds:.1f} s）：" + "；".join(last.stages))
            if last.tree_parts:
                lines.append(f"  内存峰值 {last.tree_mb:,.0f} MB 时的进程（PSS）：" + "、".join(last.tree_parts))
    return f"N = {run.resources:,} 构建日志中的各阶段（最后一轮）：\n\n" + "\n".join(lines) if lines else ""


def markdown(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        parts += [comparison(run), stages(run)]
    parts.append("**增长**（各规模的中位数；每资源用时之比接近 1 即线性增长）\n\n" + growth(runs))
    return "\n\n".join(part for part in parts if part) + "\n"
