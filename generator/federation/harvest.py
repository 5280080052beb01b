"""``catalog harvest`` as stages, per member: fetch → read and validate → merge → write the snapshot.

A member that cannot be fetched, read or validated keeps its last good snapshot; its manifest
records the error and the date (so the pull request shows it), and the result says so. Nothing is
dropped silently: records a download could not use are listed in the manifest's ``left_out``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.federation import snapshot, sources
from generator.federation.fetch import fetch
from generator.federation.members import Member
from generator.federation.sources import HarvestError


@dataclass(frozen=True)
class Result:
    """The harvest of one member."""

    code: str
    name: str
    added: int = 0
    changed: int = 0
    delisted: int = 0
    resources: int = 0
    revision: str = ""
    error: str = ""
    left_out: tuple[str, ...] = ()
    not_modified: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "added": self.added, "changed": self.changed,
            "delisted": self.delisted, "resources": self.resources, "revision": self.revision,
            "error": self.error, "left_out": len(self.left_out), "not_modified": self.not_modified,
        }


def harvest(members: list[Member], base: Path, folder: Path, cache: Path, on: str) -> list[Result]:
    """Harvest every member of ``members`` into ``folder`` (``members/``) as of the date ``on``."""
    return [harvest_one(member, base, folder, cache, on) for member in members]


def harvest_one(member: Member, base: Path, folder: Path, cache: Path, on: str) -> Result:
    before = snapshot.read_manifest(folder, member.code)
    try:
        got = fetch(member, base, cache, before.get("etag", ""), before.get("last_modified", ""))
        if got.not_modified:
            return Result(member.code, member.name, resources=before.get("resources", 0),
                          revision=before.get("revision", ""), not_modified=True)
        if got.files is not None:
            current, left_out = sources.from_files(member, got.files, on)
        else:
            current, left_out = sources.from_download(member, got.body or b"", got.name)
    except HarvestError as err:
        return _failed(member, folder, before, on, str(err))
    records, diff = snapshot.merge(snapshot.read_records(folder, member.code), current, on)
    if _same(member, before, got.revision, diff, left_out):
        # nothing new: the snapshot keeps its bytes, so a scheduled harvest opens no empty pull request
        return Result(member.code, member.name, resources=len(records), revision=got.revision, left_out=tuple(left_out))
    manifest = {
        **_identity(member),
        "revision": got.revision,
        "harvested": on,
        "resources": len(records),
        "added": len(diff.added),
        "changed": len(diff.changed),
        "delisted": len(diff.delisted),
        "left_out": left_out,
        "etag": got.etag,
        "last_modified": got.last_modified,
        "error": "",
    }
    snapshot.write(folder, member.code, records, manifest)
    return Result(member.code, member.name, len(diff.added), len(diff.changed), len(diff.delisted),
                  len(records), got.revision, "", tuple(left_out))


def _identity(member: Member) -> dict[str, Any]:
    return {
        "code": member.code, "name": member.name, "level": member.level, "profile": member.profile,
        "source": member.source(), "site_url": member.site_url,
    }


def _same(member: Member, before: dict[str, Any], revision: str, diff: snapshot.Diff, left_out: list[str]) -> bool:
    unchanged = not (diff.added or diff.changed or diff.delisted)
    return unchanged and all(before.get(k) == v for k, v in _identity(member).items()) and before.get("revision") == revision and not before.get("error") and before.get("left_out") == left_out


def _failed(member: Member, folder: Path, before: dict[str, Any], on: str, error: str) -> Result:
    kept = {
        **_identity(member),
        "revision": before.get("revision", ""),
        "harvested": before.get("harvested", ""),
        "resources": before.get("resources", 0),
        "added": 0, "changed": 0, "delisted": 0,
        "left_out": before.get("left_out", []),
        "etag": before.get("etag", ""),
        "last_modified": before.get("last_modified", ""),
        "error": error,
        "failed": on,
    }
    snapshot.write_manifest(folder, member.code, kept)
    return Result(member.code, member.name, resources=kept["resources"], revision=kept["revision"], error=error)
