"""The site test catalog in a real git repository with a dated history, and site builds of it.

The catalog is ``corpus/site/catalog``; its history (fixed author, Beijing dates) is::

    2026-09-01  新增测试市目录            every file, all resources 在用
    2026-10-08  修改流动人口居住登记信息摘要
    2026-10-20  下线暂住人口登记信息       301001/000002 → 已下线 (with reason and replacement)
    2026-11-02  申请下线个体工商户年报档案目录  302001/000002 → 公示中

Build date: ``TODAY`` (2026-11-22). ``UPDATE_GOLDEN=1`` rewrites golden files instead of comparing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from conftest import REPO, TESTS, TODAY
from gitbuild import GitRepo

SITE_CORPUS = TESTS / "corpus" / "site" / "catalog"
GOLDEN = TESTS / "golden"
DELISTING_OLD = """delisting:
  reason: 居住证制度实施后不再办理暂住登记，数据已并入流动人口居住登记信息
  basis: [pipl-13]
  replacement: 301001/000001
"""
DELISTING_NOTICE = """delisting:
  reason: 纸质年报已停止报送，档案目录由电子年报系统取代
  basis: [tongjifa-39]
"""


def make_repo(where: Path) -> Path:
    """A git repository at ``where`` holding the site catalog and its history; returns the catalog."""
    repo = GitRepo(where)
    shutil.copytree(SITE_CORPUS, where / "catalog")
    repo.commit("新增测试市目录", "2026-09-01")
    repo.replace("catalog/gongan/301001-000001.yaml", "居住证办理信息。", "居住证办理信息，按月更新。")
    repo.commit("修改流动人口居住登记信息摘要", "2026-10-08")
    old = "catalog/gongan/301001-000002.yaml"
    repo.replace(old, "status: 在用\n", "status: 已下线\n" + DELISTING_OLD)
    repo.commit("下线暂住人口登记信息", "2026-10-20")
    notice = "catalog/shichang/302001-000002.yaml"
    repo.replace(notice, "status: 在用\n", "status: 公示中\n" + DELISTING_NOTICE)
    repo.commit("申请下线个体工商户年报纸质档案目录", "2026-11-02")
    return where / "catalog"


def build(catalog: Path, site: Path, date: str = TODAY, search: bool = True, part_size: int = 0) -> None:
    """``mkdocs build --strict`` of the project's ``mkdocs.yml`` on ``catalog`` into ``site``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    saved = {key: os.environ.get(key) for key in ("CATALOG_DIR", "CATALOG_BUILD_DATE")}
    os.environ["CATALOG_DIR"] = str(catalog)
    os.environ["CATALOG_BUILD_DATE"] = date
    try:
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins["catalog"].config.search = search
        if part_size:
            config.plugins["catalog"].config.search_part_size = part_size
        mkdocs_build(config)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def article(html: str) -> str:
    """The page's content area: what the generator wrote, without the theme around it."""
    start = html.index('<article class="md-content__inner md-typeset">')
    end = html.index("</article>", start)
    return html[start : end + len("</article>")] + "\n"


def check_golden(name: str, actual: bytes | str) -> None:
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    target = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return
    assert target.exists(), f"no golden file {target}; run with UPDATE_GOLDEN=1 and review the diff"
    expected = target.read_bytes()
    assert data.decode("utf-8") == expected.decode("utf-8"), f"{name} differs from its golden file"


HOSTILE_DEPARTMENT = "测试市市场监督管理局</title><script>alert(10)</script>&lt;/title&gt;"
"""Shown as a page title: escaped once it must read exactly like this, ``&lt;`` included."""
HOSTILE_DUTY = "负责<img src=x onerror=alert(11)>登记 @someone =1+1"


def make_hostile_repo(where: Path) -> Path:
    """The site catalog plus :mod:`hostile`'s entry, a hostile department name and duty."""
    import hostile

    repo = GitRepo(where)
    shutil.copytree(SITE_CORPUS, where / "catalog")
    repo.commit("新增测试市目录", "2026-09-01")
    repo.write(f"catalog/{hostile.DEPARTMENT}/{hostile.STEM}.yaml", hostile.resource_yaml())
    department = f"catalog/{hostile.DEPARTMENT}/department.yaml"
    repo.replace(department, "name: 测试市市场监督管理局\n", f"name: {json.dumps(HOSTILE_DEPARTMENT, ensure_ascii=False)}\n")
    repo.replace(department, "duties:\n", f"duties:\n  - {json.dumps(HOSTILE_DUTY, ensure_ascii=False)}\n")
    repo.commit("新增 <b>@someone</b> 的资源", "2026-10-08")
    return where / "catalog"
