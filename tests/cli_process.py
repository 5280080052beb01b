"""Run ``catalog`` as a real process, optionally as a user who cannot write read-only folders or
on a disk that fills up.

Tests run as root in the development container and as an ordinary user in CI. Root writes into
any folder whatever its mode, so for "read-only" the child drops the capabilities that let root
ignore file modes (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``) from its bounding set before
``exec``; an ordinary user needs nothing. A full disk is a file-size limit (``RLIMIT_FSIZE``):
writing past it fails with ``EFBIG`` (Python ignores ``SIGXFSZ``), as a full disk fails with
``ENOSPC``.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def catalog(
    *args: str, cwd: Path, env: dict[str, str] | None = None, obey_modes: bool = False, file_size: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``catalog ARGS`` in ``cwd``; ``obey_modes``: folder modes bind even root; ``file_size``:
    no file may grow beyond this many bytes."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    for name, value in list(environment.items()):
        if value == "":
            del environment[name]

    def limits() -> None:
        if obey_modes and os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        preexec_fn=limits,
        timeout=600,
        check=False,
    )


def read_only(folder: Path) -> None:
    """Take write permission away from ``folder`` (and keep reading and entering it)."""
    folder.chmod(0o555)


def one_chinese_line(stderr: str) -> str:
    """The last line of ``stderr``, checked to be a ``catalog：`` line with no traceback before it."""
    assert "Traceback" not in stderr, stderr
    line = stderr.strip().splitlines()[-1]
    assert line.startswith("catalog："), stderr
    return line
