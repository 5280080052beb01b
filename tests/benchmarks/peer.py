"""The peer of the comparison: the same catalog published with Hugo and indexed with Pagefind.

Each resource becomes one Hugo page whose front matter is the resource's own fields (name, code,
department, summary, share and open types, the data items, related resources), plus its title, its
file name and its git history (one ``git log`` for the whole catalog). The front matter is JSON, read
from the YAML with the project's loader: Hugo's YAML reader takes the data types ``N`` and ``Y`` for
booleans (YAML 1.1), which the project's loader does not. Departments, legal
bases and the registry become Hugo data files. The layout (``hugo/``) copies the project's resource
page: the same header, sidebars, topbar, tables and footer, with the theme's stylesheet and script.
Pagefind (the ``pagefind`` package the project uses) indexes Hugo's output with the same options.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SKELETON = HERE / "hugo"
REPO = HERE.parent.parent
RESOURCE = re.compile(r"\d+-\d+")
"""A resource file's stem (its code with ``-`` for ``/``); other files are departments, needs…"""


def ensure_hugo() -> tuple[str | None, str]:
    """Debian's ``hugo``, installed with apt-get when missing; (path, version) or (None, why not)."""
    found = shutil.which("hugo")
    if found is None:
        found, why = _install()
        if found is None:
            return None, why
    result = subprocess.run([found, "version"], capture_output=True, text=True, check=False)
    return found, result.stdout.strip() or result.stderr.strip()


def _install() -> tuple[str | None, str]:
    apt = shutil.which("apt-get")
    if apt is None:
        return None, "未安装 Hugo，且本机没有 apt-get，无法安装"
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if prefix and shutil.which("sudo") is None:
        return None, "未安装 Hugo，且不是 root、没有 sudo，无法用 apt-get 安装"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("--- 安装 Debian 的 hugo（apt-get install -y hugo）", file=sys.stderr)
    attempt = subprocess.run([*prefix, apt, "install", "-y", "-qq", "hugo"], capture_output=True, text=True, env=env, check=False)
    if attempt.returncode != 0:
        subprocess.run([*prefix, apt, "update", "-qq"], capture_output=True, text=True, env=env, check=False)
        attempt = subprocess.run([*prefix, apt, "install", "-y", "-qq", "hugo"], capture_output=True, text=True, env=env, check=False)
    found = shutil.which("hugo")
    if found is None:
        tail = (attempt.stdout + attempt.stderr).strip()[-300:]
        return None, f"apt-get install -y hugo 失败（退出码 {attempt.returncode}）：{tail}"
    return found, ""


def write_site(repo: Path, site: Path) -> list[Path]:
    """The Hugo site of ``repo``'s catalog in ``site``; returns the content files written."""
    shutil.copytree(SKELETON, site)
    _assets(site / "static" / "assets")
    catalog = repo / "catalog"
    data = site / "data"
    data.mkdir()
    registry = _load(catalog / "registry.yaml")
    departments = {path.parent.name: _load(path) for path in sorted(catalog.glob("*/department.yaml"))}
    bases = {entry["id"]: entry for entry in _load(catalog / "legal_bases.yaml") or []}
    for name, value in (("registry", registry), ("departments", departments), ("bases", bases)):
        (data / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
    history = _history(repo, departments, registry)
    written = []
    for path in sorted(catalog.glob("*/*.yaml")):
        if RESOURCE.fullmatch(path.stem):
            written.append(write_page(repo, path, site, history.get(path.relative_to(repo).as_posix(), [])))
    return written


def write_page(repo: Path, path: Path, site: Path, history: list[list[str]]) -> Path:
    """One resource's content file: its fields as front matter, with title, file name and history."""
    fields = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    fields.update(title=str(fields["name"]), source=path.relative_to(repo).as_posix(), history=history)
    fields["departments"] = [fields["department"]]  # the taxonomy (department pages)
    target = content_file(site, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(fields, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return target


def content_file(site: Path, resource: Path) -> Path:
    return site / "content" / "resources" / f"{resource.stem}.md"


def history_of(site: Path, resource: Path) -> list[list[str]]:
    """The history already written into ``resource``'s content file (to rewrite it after an edit)."""
    front = json.loads(content_file(site, resource).read_text(encoding="utf-8"))
    return list(front.get("history") or [])


def hugo_command(hugo: str, site: Path, cache: Path) -> list[str]:
    return [hugo, "--source", str(site), "--cacheDir", str(cache), "--quiet"]


def pagefind_command(public: Path) -> list[str]:
    """The project's search options (``generator/site/search.py``): Chinese, the page bodies marked."""
    return [sys.executable, "-m", "pagefind", "--site", str(public), "--force-language", "zh", "--quiet"]


def _load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def _history(repo: Path, departments: dict[str, Any], registry: Any) -> dict[str, list[list[str]]]:
    """Each catalog file's commits, newest first: [date, title, departments, sha], the words the
    project shows (its own first-parent log and :mod:`generator.publish.changelog`: the pull
    request's title or a summary of the change, and the departments whose folders it changed).
    Converting the catalog is not timed, so the peer may use the project's code for it."""
    from generator import gitrepo
    from generator.publish.changelog import entries
    from generator.publish.history import by_file

    opened = gitrepo.open_repo(repo)
    names = {folder: str(value.get("name", folder)) for folder, value in departments.items()}
    bureau = str((registry or {}).get("bureau", {}).get("name", ""))
    shown = entries(gitrepo.log(opened, "catalog"), gitrepo.merge_bodies(opened, "catalog"), "catalog", names, bureau)
    return {path: [[e.date, e.summary, e.author, e.sha] for e in found] for path, found in by_file(shown).items()}


def _assets(target: Path) -> None:
    """The theme's stylesheet and script and the project's own assets, as the project's site has them."""
    import material

    theme = Path(material.__file__).parent / "templates" / "assets"
    (target / "stylesheets").mkdir(parents=True)
    (target / "javascripts").mkdir()
    (target / "images").mkdir()
    shutil.copy(next(theme.glob("stylesheets/main.*.min.css")), target / "stylesheets" / "main.css")
    shutil.copy(next(theme.glob("javascripts/bundle.*.min.js")), target / "javascripts" / "bundle.js")
    shutil.copy(theme / "images" / "favicon.png", target / "images" / "favicon.png")
    for name in ("catalog.css", "catalog.js", "logo.svg"):
        source = REPO / "site_overrides" / "assets" / name
        if source.is_file():
            shutil.copy(source, target / name)
