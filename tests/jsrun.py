"""Node.js for the tests of the form's browser code (``generator/cms/static``), and ``decap-server``.

Node is env ``CATALOG_NODE`` or ``node`` on the path; ``decap-server`` is env ``CATALOG_DECAP_SERVER``
or the one ``npm ci`` installs from the committed lockfile (``node_modules/.bin``). Without them the
tests skip, saying so, except in CI (env ``CI=true``), where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import REPO

STATIC = REPO / "generator" / "cms" / "static"
VENDOR = REPO / "generator" / "cms" / "vendor"


def _need(found: str | None, message: str) -> str:
    import pytest

    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(message.replace("跳过", "CI 中不能跳过"))
        pytest.skip(message)
    return found


def need_node() -> str:
    found = os.environ.get("CATALOG_NODE") or shutil.which("node")
    return _need(found, "没有找到 Node.js（node 或环境变量 CATALOG_NODE），跳过表单脚本测试")


def need_decap_server() -> str:
    candidate = Path(os.environ.get("CATALOG_DECAP_SERVER") or REPO / "node_modules" / ".bin" / "decap-server")
    found = str(candidate) if candidate.is_file() else None
    return _need(found, "没有找到 decap-server（在仓库根目录运行 npm ci --omit=dev），跳过表单端到端测试")


PRELUDE = f"""
const jsyaml = require({json.dumps(str(VENDOR / "js-yaml.min.js"))});
const Y = require({json.dumps(str(STATIC / "catalog-yaml.js"))})(jsyaml);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = (value) => process.stdout.write(JSON.stringify(value));
"""


def run_js(body: str, payload: Any) -> Any:
    """Run ``body`` in Node with ``Y`` (catalog-yaml.js over the vendored js-yaml) and ``input``;
    the script calls ``out(value)``, which is returned."""
    done = subprocess.run(
        [need_node(), "-e", PRELUDE + body],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
