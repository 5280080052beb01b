"""The GitHub Actions workflows (.github/workflows): no fork code with a write token or secrets.

:func:`problems` reads one workflow's text and lists what breaks the rules below; the tests apply
it to every workflow of the repository and to bad examples, which it must catch.

1. Top-level ``permissions`` is ``{}`` or read-only; every job states its own ``permissions``.
2. A job run for ``pull_request`` (the pull request's code, maybe from a fork) has no write
   permission and uses no secrets.
3. A job run for ``pull_request_target`` or ``workflow_run`` (trusted, with a write token) never
   checks out the pull request's code: no ``ref`` naming its head, no ``repository`` of the fork.
4. ``actions/checkout`` does not leave its token in the repository (``persist-credentials: false``).
5. Every action is pinned to a full commit SHA, with the version in a comment.
6. No ``${{ github.event… }}`` or ``${{ github.head_ref }}`` inside a ``run:`` script (an attacker's
   title or branch name would become shell code); pass them through ``env:``.

:func:`data_only` adds the trust boundary of the pull-request check (``pr-check.yml``): the checking
code is the base branch's, installed from its own checkout; the pull request's head is checked out
into another folder as data, never installed, entered or run. Finally zizmor (offline) audits every
workflow; each finding is resolved, or justified in the workflow file beside an ignore comment.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
UNTRUSTED = {"pull_request"}
TRUSTED_WITH_TOKEN = {"pull_request_target", "workflow_run"}
PINNED = re.compile(r"^\s*-?\s*uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d[\w.-]*\s*$")
PR_HEAD = re.compile(r"github\.(event\.pull_request\.head|head_ref|event\.workflow_run\.head_(sha|branch|repository))")
IN_SCRIPT = re.compile(r"\$\{\{[^}]*github\.(event\.|head_ref)")


def triggers(workflow: dict[Any, Any]) -> set[str]:
    """The events of ``on:``, which PyYAML reads as the key ``True``."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    return set(on or ())


def _read_only(permissions: Any) -> bool:
    if permissions in ({}, "read-all"):
        return True
    return isinstance(permissions, dict) and all(value in ("read", "none") for value in permissions.values())


def _writes(permissions: Any) -> bool:
    return permissions == "write-all" or (isinstance(permissions, dict) and "write" in permissions.values())


def problems(text: str) -> list[str]:
    """Every rule the workflow ``text`` breaks, as short English sentences."""
    found: list[str] = []
    workflow = yaml.safe_load(text)
    events = triggers(workflow)
    if "permissions" not in workflow or not _read_only(workflow["permissions"]):
        found.append("top-level permissions must be {} or read-only")
    for name, job in (workflow.get("jobs") or {}).items():
        if "permissions" not in job:
            found.append(f"job {name}: no permissions of its own")
        dumped = yaml.safe_dump(job)
        if events & UNTRUSTED and _writes(job.get("permissions")):
            found.append(f"job {name}: write permission on pull_request")
        if events & UNTRUSTED and "secrets." in dumped:
            found.append(f"job {name}: secrets on pull_request")
        for step in job.get("steps") or []:
            uses = str(step.get("uses", ""))
            with_ = step.get("with") or {}
            if uses.startswith("actions/checkout@"):
                if with_.get("persist-credentials") is not False:
                    found.append(f"job {name}: checkout keeps its token (persist-credentials)")
                ref = f"{with_.get('ref', '')} {with_.get('repository', '')}"
                if events & TRUSTED_WITH_TOKEN and PR_HEAD.search(ref):
                    found.append(f"job {name}: checks out the pull request's code with a write token")
            if IN_SCRIPT.search(str(step.get("run", ""))):
                found.append(f"job {name}: untrusted expression inside run")
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*-?\s*uses:", line) and not line.split("uses:", 1)[1].strip().startswith("./") and not PINNED.match(line):
            found.append(f"line {number}: action not pinned to a commit SHA with its version in a comment")
    return found


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_repository_workflow_is_safe(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []


def test_there_are_workflows_and_the_pr_ones_are_split() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr-check.yml", "pr-comment.yml", "tests.yml", "notice.yml"} <= names
    check = yaml.safe_load((REPO / ".github/workflows/pr-check.yml").read_text(encoding="utf-8"))
    comment = yaml.safe_load((REPO / ".github/workflows/pr-comment.yml").read_text(encoding="utf-8"))
    assert triggers(check) == {"pull_request"} and triggers(comment) == {"workflow_run"}
    assert comment["jobs"]["comment"]["if"] == "github.event.workflow_run.event == 'pull_request'"


GOOD = """\
name: ok
on:
  pull_request:
permissions: {}
jobs:
  check:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - env:
          TITLE: ${{ github.event.pull_request.title }}
        run: echo "$TITLE"
"""


def test_a_good_workflow_passes() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "caught"),
    [
        ("permissions: {}\njobs", "permissions: write-all\njobs", "top-level permissions"),
        ("permissions: {}\njobs", "jobs", "top-level permissions"),
        ("    permissions:\n      contents: read\n", "", "no permissions of its own"),
        ("      contents: read", "      contents: write", "write permission on pull_request"),
        ("TITLE: ${{ github.event.pull_request.title }}", "TITLE: ${{ secrets.TOKEN }}", "secrets on pull_request"),
        ('run: echo "$TITLE"', "run: echo ${{ github.event.pull_request.title }}", "untrusted expression inside run"),
        ("persist-credentials: false", "fetch-depth: 0", "keeps its token"),
        ("@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "@v4", "not pinned"),
        ("@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "@11bd71901bbe5b1630ceea73d27597364c9af683", "not pinned"),
        ("@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "@11bd719 # v4.2.2", "not pinned"),
        (
            "on:\n  pull_request:",
            "on:\n  pull_request_target:",
            None,  # pull_request_target alone is allowed while the PR's code is not checked out
        ),
    ],
)
def test_a_bad_workflow_is_caught(old: str, new: str, caught: str | None) -> None:
    assert old in GOOD
    found = problems(GOOD.replace(old, new))
    if caught is None:
        assert found == []
    else:
        assert any(caught in line for line in found), found


def test_pull_request_target_checking_out_the_head_is_caught() -> None:
    bad = GOOD.replace("on:\n  pull_request:", "on: pull_request_target").replace(
        "          persist-credentials: false\n",
        "          persist-credentials: false\n          ref: ${{ github.event.pull_request.head.sha }}\n",
    )
    assert "checks out the pull request's code with a write token" in " ".join(problems(bad))
    run = GOOD.replace("on:\n  pull_request:", "on:\n  workflow_run:\n    workflows: [x]").replace(
        "          persist-credentials: false\n",
        "          persist-credentials: false\n          ref: ${{ github.event.workflow_run.head_sha }}\n",
    )
    assert "checks out the pull request's code with a write token" in " ".join(problems(run))


def test_on_is_read_although_pyyaml_makes_it_true() -> None:
    assert triggers(yaml.safe_load(GOOD)) == {"pull_request"}
    assert True in yaml.safe_load(GOOD), "PyYAML no longer reads `on` as True: simplify triggers()"


# --- the trust boundary of the pull-request check ------------------------------------------------


def _checkouts(job: dict[str, Any]) -> list[dict[str, Any]]:
    return [step.get("with") or {} for step in job.get("steps") or [] if str(step.get("uses", "")).startswith("actions/checkout@")]


def data_only(job: dict[str, Any]) -> list[str]:
    """How a checking job breaks “base's code, head as data” (empty when it keeps to it)."""
    found = []
    checkouts = _checkouts(job)
    base = [c.get("path") for c in checkouts if re.search(r"github\.(base_ref|event\.pull_request\.base\.sha)", str(c.get("ref", "")))]
    head = [c.get("path") for c in checkouts if re.search(r"github\.event\.pull_request\.head\.sha", str(c.get("ref", "")))]
    if len(base) != 1 or not base[0]:
        found.append("the base branch is not checked out into a folder of its own")
    if len(head) != 1 or not head[0] or head == base:
        found.append("the pull request's head is not checked out into a separate folder")
    if len(checkouts) != 2:
        found.append("a checkout other than the base's code and the head's data")
    for checkout in checkouts:
        if head and checkout.get("path") == head[0] and (not checkout.get("sparse-checkout") or checkout.get("sparse-checkout-cone-mode") is not False):
            found.append("the pull request's files are written to disk (no empty sparse checkout)")
    if found:
        return found
    code, data = str(base[0]).strip("/"), str(head[0]).strip("/")
    steps = job.get("steps") or []
    for step in steps:
        run = str(step.get("run", ""))
        where = str(step.get("working-directory", ""))
        for install in re.findall(r"pip install[^\n]*", run):
            if not re.search(rf"(^|\s)\./{re.escape(code)}/?(\s|$)", install) or " -e " in f" {install} ":
                found.append(f"installs something other than the base's code: {install}")
        if where.strip("./").startswith(data):
            found.append(f"a step runs inside the pull request's folder: {where}")
        for mention in re.finditer(rf"[^\s\"']*{re.escape(data)}/[^\s\"']*", run):
            before = run[: mention.start()].rstrip(' "')
            if not before.endswith("--catalog"):
                found.append(f"the pull request's folder is used as more than data: {mention.group(0)}")
    commands = " ".join(str(step.get("run", "")) for step in steps)
    if not re.search(r"catalog check [^\n]*--base [^\n]*--head ", commands.replace("\\\n", " ")):
        found.append("catalog check is not run with --base and --head")
    if "CATALOG_CACHE_DIR" not in yaml.safe_dump(job) or "runner.temp" not in yaml.safe_dump(job):
        found.append("the validation cache is not kept outside both checkouts")
    return found


def _check_job() -> dict[str, Any]:
    workflow = yaml.safe_load((REPO / ".github/workflows/pr-check.yml").read_text(encoding="utf-8"))
    job: dict[str, Any] = workflow["jobs"]["check"]
    return job


def test_pr_check_runs_the_base_code_on_the_head_as_data() -> None:
    assert data_only(_check_job()) == []


@pytest.mark.parametrize(
    ("change", "caught"),
    [
        (lambda job: job["steps"].__setitem__(3, {"run": "python -m pip install -q -e ."}), "installs something other"),
        (lambda job: job["steps"].__setitem__(3, {"run": "python -m pip install -q ./pr"}), "installs something other"),
        (lambda job: job["steps"].append({"run": "bash pr/.ci/run"}), "used as more than data"),
        (lambda job: job["steps"].append({"run": "make", "working-directory": "pr"}), "inside the pull request's folder"),
        (lambda job: job["steps"].pop(0), "base branch is not checked out"),
        (lambda job: job["steps"].pop(1), "head is not checked out"),
        (lambda job: job["steps"][1]["with"].pop("sparse-checkout"), "written to disk"),
        (lambda job: job["steps"].insert(0, {"uses": "actions/checkout@x", "with": {}}), "a checkout other than"),
    ],
)
def test_breaking_the_trust_boundary_is_caught(change: Any, caught: str) -> None:
    job = _check_job()
    assert data_only(job) == []
    change(job)
    assert any(caught in line for line in data_only(job)), data_only(job)


def test_the_old_pr_check_that_installed_the_pull_request_is_caught() -> None:
    old = yaml.safe_load(GOOD.replace('      - env:', '      - run: python -m pip install -q -e .\n      - env:'))
    assert data_only(old["jobs"]["check"])


# --- zizmor ------------------------------------------------------------------------------------------

ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
ZIZMOR_COMMAND = ["--offline", "--no-progress", "--format", "json"]
"""The same audit as CI's (``zizmor --offline .github/workflows``), read as JSON."""


def zizmor(*paths: Path) -> list[dict[str, Any]]:
    assert ZIZMOR, "zizmor is not installed (pip install -e '.[test]')"
    done = subprocess.run([ZIZMOR, *ZIZMOR_COMMAND, *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 10, 11, 12, 13, 14), done.stderr  # 1x: findings of some severity
    findings: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return findings


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    findings = zizmor(REPO / ".github" / "workflows")
    assert [f"{f['ident']} {f['locations'][0]['symbolic']['key']}" for f in findings] == []


def test_every_zizmor_ignore_is_justified_beside_it() -> None:
    ignores = []
    for path in WORKFLOWS:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "zizmor: ignore" in line:
                audit = line.split("#", 1)[1].strip()
                ignores.append((path.name, audit))
                above = []
                while number > 0 and lines[number - 1].lstrip().startswith("#"):
                    number -= 1
                    above.append(lines[number])
                reason = " ".join(above)
                assert audit.split("[")[1].rstrip("]") in reason and len(reason) > 100, f"{path.name}: {line} is not justified above it"
    assert ignores == [("pr-comment.yml", "zizmor: ignore[dangerous-triggers]")]


def test_zizmor_catches_an_injection(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(GOOD.replace('run: echo "$TITLE"', "run: echo ${{ github.event.pull_request.title }}"), encoding="utf-8")
    assert "template-injection" in {f["ident"] for f in zizmor(bad)}


def _load(name: str) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return loaded


def test_publish_rebuilds_on_merge_and_daily_from_main_only() -> None:
    """The public site is rebuilt on every merge and once a day (countdowns and 数据截至 stay
    current), from the main branch only: never on a pull request, never with a write token in the build."""
    workflow = _load("publish.yml")
    on = workflow.get("on", workflow.get(True))
    assert set(on) == {"push", "schedule", "workflow_dispatch"}
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"], "daily"
    build = workflow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    script = "\n".join(str(step.get("run", "")) for step in build["steps"])
    assert "catalog build --date" in script and "Asia/Shanghai" in script
    assert set(workflow["jobs"]) == {"build", "pages", "intranet"}
    assert workflow["jobs"]["pages"]["needs"] == "build"


def test_harvest_proposes_a_pull_request_and_never_merges() -> None:
    workflow = _load("harvest.yml")
    script = "\n".join(str(step.get("run", "")) for step in workflow["jobs"]["harvest"]["steps"])
    assert "catalog harvest --format json" in script
    assert "gh pr create" in script and "gh pr merge" not in script
    assert "push --force" in script and "catalog-bot/harvest-" in script
