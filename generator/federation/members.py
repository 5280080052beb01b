"""The ``members:`` of ``registry.yaml`` as records (shape: ``schemas/registry.schema.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Member:
    """One lower-level registry this registry aggregates."""

    code: str
    """6-digit 行政区划代码 (GB/T 2260); qualifies the member's resource codes."""
    name: str
    profile: str
    """The member's profile: what it is validated with."""
    kind: str
    """``path``, ``git`` or ``url``: where it is fetched from."""
    location: str
    """The path, git URL or download URL."""
    ref: str = "main"
    """Branch or tag of a ``git`` member."""
    level: str = ""
    site_url: str = ""
    """The member's own site, where its resource pages are."""
    mapping: str = ""
    """Import mapping of a plain open-data portal export (``generator/mappings``)."""

    def describe(self) -> str:
        return f"{self.location}（{self.ref}）" if self.kind == "git" else self.location

    def source(self) -> dict[str, str]:
        """The source as written in ``registry.yaml`` (for the snapshot's manifest)."""
        if self.kind == "git":
            return {"git": self.location, "ref": self.ref}
        return {self.kind: self.location}


def members(raw: list[dict[str, Any]] | None) -> list[Member]:
    """Members of a schema-valid registry, in code order."""
    found = []
    for entry in raw or []:
        source = entry["source"]
        kind = next(k for k in ("path", "git", "url") if k in source)
        found.append(
            Member(
                code=entry["code"],
                name=entry["name"],
                profile=entry["profile"],
                kind=kind,
                location=source[kind],
                ref=source.get("ref", "main"),
                level=entry.get("level", ""),
                site_url=entry.get("site_url", "").rstrip("/"),
                mapping=entry.get("mapping", ""),
            )
        )
    return sorted(found, key=lambda m: m.code)
