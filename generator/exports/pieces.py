"""Pieces of the catalog-wide downloads, kept between builds: a changed resource remakes its piece.

A catalog-wide file (the whole catalog, a list, DCAT, the full archive) is its head, its rows and
its tail. The rows are made per *group* — the resources sharing a classification prefix (前段码,
``101001`` of ``101001/000001``), contiguous in code order, so that joining the groups gives the
rows in code order — and each group's rows in each format are a piece, keyed by the facts they
are made from (:mod:`generator.publish.facts`) and sealed in the cache. A rebuild after one
resource changed makes the pieces of its group and reads the others; no other resource's file is
parsed. Pieces no build used are removed after the build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from itertools import groupby

from generator.caching.store import Store
from generator.load.model import Resource
from generator.publish.facts import code_version, digest
from generator.publish.model import Published

USED = "used.txt"


def groups(resources: list[Resource]) -> Iterator[tuple[str, list[Resource]]]:
    """``resources`` (in code order) by classification prefix, in code order."""
    for prefix, members in groupby(resources, key=lambda r: r.class_code):
        yield prefix, list(members)


class Pieces:
    """The pieces of one build; ``store`` keeps them between builds (``None``: made every time)."""

    def __init__(self, data: Published, store: Store | None) -> None:
        self.data, self.store = data, store
        self.version = code_version()
        self.used: set[str] = set()
        self.made = 0
        self.read = 0

    def get(self, kind: str, facts: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        """The piece ``kind`` made from ``facts``: from the store when kept, else made and kept."""
        name = digest(self.data, "piece", self.version, kind, *facts) + ".bin"
        self.used.add(name)
        if self.store is not None:
            kept = self.store.read(name)
            if kept is not None:
                self.read += 1
                return kept
        value = make()
        self.made += 1
        if self.store is not None:
            self.store.write(name, value)
        return value

    def prune(self) -> None:
        """Remove the pieces no longer used (a build keeps only its own)."""
        if self.store is None or not self.store.folder.is_dir():
            return
        for entry in self.store.folder.iterdir():
            if entry.name.endswith(".bin") and entry.name not in self.used:
                with contextlib.suppress(OSError):
                    entry.unlink()
