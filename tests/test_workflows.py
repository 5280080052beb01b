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
"""

from __future__ import annotations

import re
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
