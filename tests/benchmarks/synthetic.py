"""The benchmark's catalog: a repository with the project's config and a synthetic catalog in git.

Also the pieces every side of the comparison shares: the one resource that is edited between a build
and its rebuild, the word a visitor searches for, and the floor (plain Jinja2 pages).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED_CORPUS = next(
    (folder / "shared" / "corpus" for folder in (REPO.parent, REPO.parent.parent) if (folder / "shared" / "corpus").is_dir()),
    REPO.parent / "shared" / "corpus",
)
"""Real portal titles used as words: beside the repository, or beside the worktrees' folder."""
SEED = 20261122
EDITED = "（已更新）"
"""Inserted at the start of the edited resource's summary."""


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
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, repo / folder)
    git(repo, "init", "-q", "-b", "main")
    words = vocabulary(REPO / "catalog", SHARED_CORPUS)
    paths = write_catalog(repo / "catalog", resources, departments, items, seed=SEED, words=words)
    listed = set(paths)
    context = [p for p in (repo / "catalog").rglob("*.yaml") if p not in listed]
    config = ["mkdocs.yml"] if (repo / "mkdocs.yml").exists() else []
    git(repo, "add", *[str(p.relative_to(repo)) for p in context], *config)
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


def edited_resource(repo: Path) -> Path:
    """The resource every rebuild measurement changes (the first of the first department)."""
    return sorted((repo / "catalog" / "d000").glob("3*.yaml"))[0]


def edit(path: Path, marker: str = EDITED) -> None:
    """Put ``marker`` at the start of the resource's summary (in the working tree)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")


def restore(repo: Path, path: Path) -> None:
    git(repo, "checkout", "-q", "--", str(path.relative_to(repo)))


def query_word(repo: Path) -> str:
    """A word a visitor would search for: the first all-Chinese data item of the edited resource."""
    import yaml

    data = yaml.load(edited_resource(repo).read_bytes(), Loader=yaml.CSafeLoader)
    names = [str(item["name"]).rstrip("0123456789") for item in data["items"]]
    return next((n for n in names if re.fullmatch(r"[\u4e00-\u9fff]+", n)), names[0])


def floor(repo: Path, out: Path) -> float:
    """Plain Jinja2 render-and-write of one page per resource: the cheapest possible site."""
    import jinja2
    import yaml

    template = jinja2.Environment(autoescape=True).from_string(
        "<html><head><title>{{ r.name }}</title></head><body><h1>{{ r.name }}</h1><p>{{ r.summary }}</p>"
        "<table>{% for i in r['items'] %}<tr><td>{{ i.name }}</td><td>{{ i.type }}</td></tr>{% endfor %}</table>"
        "</body></html>"
    )
    start = time.perf_counter()
    for path in sorted((repo / "catalog").glob("*/*.yaml")):
        if path.name == "department.yaml":
            continue
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        target = out / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(r=data), encoding="utf-8")
    seconds = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def page_bytes(folder: Path) -> int | None:
    """Mean size of the resource pages (``folder/*/index.html``)."""
    pages = sorted(folder.glob("*/index.html")) if folder.is_dir() else []
    return sum(p.stat().st_size for p in pages) // len(pages) if pages else None
