"""Fetch what a member publishes: a git ref, a local folder or file, or a download over HTTP.

The edge of the harvest to git, the file system and the network. HTTP asks only the configured
address: a conditional request (``If-None-Match`` / ``If-Modified-Since`` from the last harvest),
redirects followed only on the same host and scheme, at most :data:`MAX_BYTES` read, a timeout.
``file:`` addresses and local paths are read the same way (for tests and mounted exports).
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from generator import gitrepo
from generator.federation.members import Member
from generator.federation.sources import HarvestError
from generator.load import layout
from generator.load.catalog import read_folder

MAX_BYTES = 256 * 1024 * 1024
"""Largest download accepted (a 50,000-resource DCAT file is about 60 MB)."""
TIMEOUT = 60
"""Seconds to wait for a member's server."""


@dataclass(frozen=True)
class Fetched:
    """What one fetch got."""

    revision: str
    """Commit id (git, or a local repository's HEAD), else ``sha256:`` of the bytes, or the ETag."""
    files: dict[str, bytes] | None = None
    """A catalog folder's files by catalog-relative path."""
    body: bytes | None = None
    """A downloaded file."""
    name: str = ""
    """The file's name (for its type and for messages)."""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def fetch(member: Member, base: Path, cache: Path, etag: str = "", last_modified: str = "") -> Fetched:
    """Fetch ``member``; ``base`` is the folder local paths are relative to, ``cache`` holds git mirrors."""
    if member.kind == "git":
        return _git(member, base, cache)
    if member.kind == "path":
        return _path(member, base / member.location)
    return _url(member, etag, last_modified)


def _git(member: Member, base: Path, cache: Path) -> Fetched:
    url = member.location
    if "://" not in url and not url.startswith("git@") and not Path(url).is_absolute():
        url = str((base / url).resolve())
    try:
        sha = gitrepo.fetch_ref(cache / "harvest" / f"{member.code}.git", url, member.ref)
        repo = gitrepo.bare(cache / "harvest" / f"{member.code}.git")
        files = gitrepo.read_tree(repo, sha, "catalog") or gitrepo.read_tree(repo, sha, "")
    except gitrepo.RepoError as err:
        raise HarvestError(f"{member.name}（{member.code}）：{err}") from None
    return Fetched(sha, files=files)


def _path(member: Member, path: Path) -> Fetched:
    if path.is_file():
        return Fetched(_digest(_read(member, path)), body=_read(member, path), name=path.name)
    folder = path / "catalog" if (path / "catalog" / layout.REGISTRY).is_file() else path
    if not (folder / layout.REGISTRY).is_file():
        raise HarvestError(f"{member.name}（{member.code}）：{path} 不存在，或其中没有目录（registry.yaml）")
    found = gitrepo.head_or_none(folder)
    if found is not None:
        repo, sha = found
        prefix = folder.resolve().relative_to(gitrepo.root(repo).resolve()).as_posix()
        return Fetched(sha, files=gitrepo.read_tree(repo, sha, "" if prefix == "." else prefix))
    files = read_folder(folder)
    digest = hashlib.sha256()
    for relative, raw in sorted(files.items()):
        digest.update(relative.encode() + b"\0" + hashlib.sha256(raw).digest())
    return Fetched("sha256:" + digest.hexdigest()[:16], files=files)


def _read(member: Member, path: Path) -> bytes:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise HarvestError(f"{member.name}（{member.code}）：{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，拒绝读取")
    return raw


def _digest(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()[:16]


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme and host (never hand a request to another host)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise HarvestError(f"下载地址 {req.full_url} 重定向到其他主机 {new.scheme}://{new.netloc}，不跟随")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _url(member: Member, etag: str, last_modified: str) -> Fetched:
    url = member.location
    scheme = urllib.parse.urlsplit(url).scheme
    name = Path(urllib.parse.urlsplit(url).path).name or "download.json"
    if scheme == "file":
        path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
        if not path.is_file():
            raise HarvestError(f"{member.name}（{member.code}）：文件不存在：{path}")
        raw = _read(member, path)
        return Fetched(_digest(raw), body=raw, name=name)
    headers = {"User-Agent": "catalog-harvest", "Accept": "application/ld+json, application/json;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = urllib.request.build_opener(_SameHost())
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=TIMEOUT) as answer:
            raw = answer.read(MAX_BYTES + 1)
            tag, modified = answer.headers.get("ETag", ""), answer.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return Fetched(etag or last_modified, name=name, etag=etag, last_modified=last_modified, not_modified=True)
        raise HarvestError(f"{member.name}（{member.code}）：{url} 返回 HTTP {err.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise HarvestError(f"{member.name}（{member.code}）：无法连接 {url}：{reason}") from None
    if len(raw) > MAX_BYTES:
        raise HarvestError(f"{member.name}（{member.code}）：{url} 超过 {MAX_BYTES // 1024 // 1024} MB，拒绝读取")
    return Fetched(_digest(raw), body=raw, name=name, etag=tag, last_modified=modified)
