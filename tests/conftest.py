"""Shared test helpers: the small base catalog, copied into a temporary folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
BASE = TESTS / "corpus" / "base" / "catalog"
INVALID = TESTS / "corpus" / "invalid"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
TODAY = "2026-11-22"


@pytest.fixture
def base_catalog(tmp_path: Path) -> Path:
    """A fresh copy of the smallest valid catalog, as ``<tmp>/catalog``."""
    target = tmp_path / "catalog"
    shutil.copytree(BASE, target)
    return target
