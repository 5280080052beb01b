"""Search: index the built site with Pagefind (extended build: segments Chinese words).

Pagefind splits its index into chunks fetched as a query needs them, instead of one file every
visitor downloads (Material's ``search_index.json``); figures on ``docs/about/search.md``. Only
content marked ``data-pagefind-body`` (resources, departments, legal bases) is indexed, with
filters from ``data-pagefind-filter`` (部门, 共享类型, 开放类型, 状态).
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.catalog")


def executable() -> Path:
    """The Pagefind binary shipped in the ``pagefind_bin_extended`` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PluginError("缺少搜索索引程序：请安装 pagefind[extended]（pip install -e .）") from None
    return Path(get_executable())


def index(site: Path) -> None:
    """Write the search index to ``site/pagefind``."""
    command = [str(executable()), "--site", str(site), "--force-language", "zh"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"生成搜索索引失败：\n{result.stdout}\n{result.stderr}")
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    log.info("搜索索引：" + "；".join(summary))
