"""Run one command and report its time and memory: ``python timed.py COMMAND…`` prints one JSON line.

Run as its own process so that ``RUSAGE_CHILDREN`` covers only this command's processes:

- ``s``: wall-clock seconds;
- ``rss_mb``: the largest resident set of any single process of the command (``ru_maxrss``);
- ``tree_mb``: the largest sum of the proportional set sizes (PSS, shared pages split between the
  processes sharing them) of the command and all its descendants at once, sampled every 0.2 s, so a
  build that forks workers or runs Pagefind beside itself is counted whole; ``null`` where
  ``/proc/<pid>/smaps_rollup`` cannot be read;
- ``tree_parts``: the processes at that peak, largest first (``"python 2,911 MB"``);
- ``rc`` and the last 2,000 characters of the output;
- ``stages``: the output's lines that report a duration (the build log's per-stage times, e.g.
  ``已生成 5000 个资源页面（其中 4999 个未变，取自缓存），用时 40.1 秒``), a profile of where the
  time went.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INTERVAL = 0.2
LEVEL = re.compile(r"^(INFO|WARNING|DEBUG)\s+-\s+")
DURATION = re.compile(r"\d[\d.]* ?(秒|s\b|seconds)")


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (through ``/proc/<pid>/task/*/children``)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def pss_kb(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return None


def run(command: list[str]) -> dict[str, object]:
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        tree_kb: int | None = None
        parts: list[tuple[int, str]] = []
        while process.poll() is None:
            sizes = [(pss_kb(pid), pid) for pid in descendants(process.pid)]
            known = [(size, pid) for size, pid in sizes if size is not None]
            if known and sum(size for size, _ in known) > (tree_kb or 0):
                tree_kb = sum(size for size, _ in known)
                parts = sorted(((size, name(pid)) for size, pid in known), reverse=True)
            time.sleep(INTERVAL)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "s": seconds,
        "rss_mb": rss_kb / 1024,
        "tree_mb": None if tree_kb is None else tree_kb / 1024,
        "rc": process.returncode,
        "out": output[-2000:],
        "stages": stages(output),
        "tree_parts": [f"{label} {size / 1024:,.0f} MB" for size, label in parts[:8]],
    }


def name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def stages(output: str) -> list[str]:
    found = [LEVEL.sub("", line.strip())[:200] for line in output.splitlines() if DURATION.search(line)]
    return found[-20:]


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:]), ensure_ascii=False))
