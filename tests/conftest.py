"""Shared test helpers: the small base catalog, copied into a temporary folder per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BASE = TESTS / "corpus" / "base" / "catalog"
INVALID = TESTS / "corpus" / "invalid"
SHARED = Path(os.environ.get("CATALOG_SHARED_DIR") or REPO.parent / "shared")
"""The project's ``shared/`` folder beside the repository; ``CATALOG_SHARED_DIR`` for a worktree elsewhere."""
SHARED_CORPUS = SHARED / "corpus"
STANDARDS = SHARED / "standards"
TODAY = "2026-11-22"


@pytest.fixture
def base_catalog(tmp_path: Path) -> Path:
    """A fresh copy of the smallest valid catalog, as ``<tmp>/catalog``."""
    target = tmp_path / "catalog"
    shutil.copytree(BASE, target)
    return target


def _hypothesis_profile() -> None:
    """Fuzz tests (``test_fuzz.py``) are derandomized: the same examples on every run, no database.

    Each test sets its own ``max_examples`` so that all of them together stay under a minute;
    ``HYPOTHESIS_SEED=random`` explores new examples locally.
    """
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "catalog",
        derandomize=os.environ.get("HYPOTHESIS_SEED") != "random",
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile("catalog")


_hypothesis_profile()
