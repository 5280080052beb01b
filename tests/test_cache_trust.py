"""Caches are not an input a pull request controls (issue 11): files committed under ``.cache/``
are never loaded, no cache holds a pickle, and an entry that fails its seal is made again.

Each attack is played on a real repository: the files are committed with ``git add -f`` (a
``.gitignore`` does not stop a committed file) and ``catalog`` runs as a separate process on the
checkout, as a reviewer or the job on main would run it.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path

import pytest
from cli_process import catalog
from conftest import REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

POISON = "<script>alert('投毒')</script>"
MAGIC = b"catalog-cache 1\n"
"""How a sealed entry starts (``generator.caching.store.MAGIC``); the attacks below import nothing
new from the package, so that they also run, and fail, on the code before the fix."""


class Payload:
    """Unpickling this creates the file ``marker``: what a committed pickle could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def project(where: Path) -> GitRepo:
    """The site test catalog in a git repository, with the project's site configuration committed."""
    make_repo(where)
    shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, where / folder)
    repo = GitRepo(where)
    repo.commit("网站配置", "2026-11-03")
    return repo


def commit_forced(repo: GitRepo, files: dict[str, bytes], message: str) -> None:
    for relative, data in files.items():
        target = repo.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    repo.git("add", "-f", *files, day="2026-11-04")
    repo.git("commit", "-q", "--no-verify", "-m", message, day="2026-11-04")
    assert set(repo.git("ls-files", ".cache").splitlines()) == set(files)


def test_a_committed_pickle_is_never_loaded(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo")
    marker = tmp_path / "code-ran"
    commit_forced(repo, {".cache/catalog/validate.pickle": pickle.dumps(Payload(marker))}, "更新缓存")

    plain = catalog("validate", "--today", TODAY, cwd=repo.root, env={"CATALOG_CACHE_DIR": ""})
    assert plain.returncode == 0, plain.stderr
    assert "发现 0 个错误" in plain.stdout
    assert not marker.exists(), "the committed pickle was unpickled"

    inside = catalog("validate", "--today", TODAY, cwd=repo.root, env={"CATALOG_CACHE_DIR": ".cache/catalog"})
    assert inside.returncode == 0 and not marker.exists()
    assert "在仓库之内" in inside.stderr and "已忽略" in inside.stderr
    assert sorted(p.name for p in (repo.root / ".cache" / "catalog").iterdir()) == ["validate.pickle"]

    allowed = catalog(
        "validate", "--today", TODAY, cwd=repo.root,
        env={"CATALOG_CACHE_DIR": ".cache/catalog", "CATALOG_CACHE_IN_TREE": "1"},
    )
    assert allowed.returncode == 0 and not marker.exists()


def test_forged_validation_results_are_not_believed(tmp_path: Path) -> None:
    """A pull request commits a broken resource and a cache saying it has no problems: with the
    right fingerprint and keys (both are hashes of public inputs), sealed with its own secret."""
    from generator.caching import Store
    from generator.load.catalog import read_folder
    from generator.validate import batch

    repo = project(tmp_path / "repo")
    broken = "catalog/gongan/301001-000001.yaml"
    repo.replace(broken, "  basis: [pipl-13]\n", "  basis: [no-such-basis]\n")
    files = read_folder(repo.root / "catalog")
    resources = {rel for rel in files if rel.endswith(".yaml") and "/" in rel and not rel.endswith("department.yaml")}
    context = {rel: raw for rel, raw in files.items() if rel not in resources}
    stamp = batch.fingerprint(context, "catalog", TODAY)
    clean = {batch.file_key(rel, files[rel]): [[], None] for rel in resources}
    forged = json.dumps({"fingerprint": stamp, "results": clean}).encode()
    attacker = Store(tmp_path / "attacker", b"a" * 32)
    attacker.write("validate.json", forged)
    commit_forced(repo, {".cache/catalog/validate.json": (tmp_path / "attacker" / "validate.json").read_bytes()}, "缓存")

    env = {"CATALOG_CACHE_DIR": ".cache/catalog", "CATALOG_CACHE_IN_TREE": "1"}
    result = catalog("validate", "--today", TODAY, cwd=repo.root, env=env)
    assert result.returncode == 1, result.stdout
    assert "301001-000001.yaml" in result.stdout and "[R-004]" in result.stdout


def resource_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "resources").glob("*/index.html"))}


def test_a_planted_site_is_not_taken_over(tmp_path: Path) -> None:
    """A rebuild takes unchanged files over from the earlier site only when they are the files this
    machine wrote (generator.caching.outputs): a site folder that came from elsewhere — a checkout
    of committed files, a copy — is made again, whatever its pages say, and so is a manifest
    sealed with another secret."""
    repo = project(tmp_path / "repo")
    cache = tmp_path / "cache"
    first = catalog("build", "--date", TODAY, "-d", "site", cwd=repo.root, env={"CATALOG_CACHE_DIR": str(cache)})
    assert first.returncode == 0, first.stderr
    fresh = resource_pages(repo.root / "site")
    manifests = sorted(cache.glob("site/*.json")) or sorted(cache.rglob("*.json"))
    planted = repo.root / "planted"
    shutil.copytree(repo.root / "site", planted)
    for page in planted.glob("resources/*/index.html"):
        page.write_bytes(page.read_bytes().replace(b"</h1>", f"</h1>{POISON}".encode(), 1))
    shutil.rmtree(repo.root / "site")
    planted.rename(repo.root / "site")  # a new folder of the same name, with the same file names
    forged = {f".cache/catalog/{m.relative_to(cache).as_posix()}": m.read_bytes() for m in manifests}
    commit_forced(repo, forged, "更新网站缓存")

    for env in ({"CATALOG_CACHE_DIR": str(cache)}, {"CATALOG_CACHE_DIR": ".cache/catalog", "CATALOG_CACHE_IN_TREE": "1"}):
        built = catalog("build", "--date", TODAY, "-d", "site", cwd=repo.root, env=env)
        assert built.returncode == 0, built.stderr
        assert resource_pages(repo.root / "site") == fresh, "a planted page was published"
        assert "（其中 0 个未变" in built.stderr, built.stderr


def test_a_tampered_or_truncated_manifest_makes_everything_again(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo")
    cache = tmp_path / "cache"
    env = {"CATALOG_CACHE_DIR": str(cache)}
    assert catalog("build", "--date", TODAY, "-d", "site", cwd=repo.root, env=env).returncode == 0
    fresh = resource_pages(repo.root / "site")
    assert "（其中 7 个未变" in catalog("build", "--date", TODAY, "-d", "site", cwd=repo.root, env=env).stderr
    manifests = [m for m in cache.rglob("*.json") if m.read_bytes().startswith(MAGIC) and b'"live"' in m.read_bytes()]
    assert len(manifests) == 1
    manifest = manifests[0]
    sealed = manifest.read_bytes()
    for broken in (sealed[: len(sealed) // 2], sealed.replace(b'"live":{', b'"live":{"x":["k",1,1,1],', 1), b""):
        manifest.write_bytes(broken)
        rebuilt = catalog("build", "--date", TODAY, "-d", "site", cwd=repo.root, env=env)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert "（其中 0 个未变" in rebuilt.stderr, rebuilt.stderr
        assert resource_pages(repo.root / "site") == fresh
        assert manifest.read_bytes().startswith(MAGIC), "the manifest is written again, sealed"
    validation = cache / "validate.json"
    assert catalog("validate", "--today", TODAY, cwd=repo.root, env=env).returncode == 0
    validation.write_bytes(validation.read_bytes()[:-10])
    again = catalog("validate", "--today", TODAY, cwd=repo.root, env=env)
    assert again.returncode == 0 and "发现 0 个错误" in again.stdout
    assert validation.read_bytes().startswith(MAGIC)


def test_the_default_cache_is_outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.caching import place

    repo = project(tmp_path / "repo")
    result = catalog("validate", "--today", TODAY, cwd=repo.root, env={"CATALOG_CACHE_DIR": ""})
    assert result.returncode == 0 and result.stderr == ""
    assert not (repo.root / ".cache").exists()
    monkeypatch.delenv("CATALOG_CACHE_DIR", raising=False)
    folder, note = place.folder_for(repo.root / "catalog")
    assert note == "" and folder is not None and not place.inside(folder, repo.root)
    assert (folder / "validate.json").is_file()
    other, _ = place.folder_for(tmp_path / "other" / "catalog")
    assert other != folder, "two checkouts never share a cache"


def test_a_default_cache_inside_the_repository_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.caching import place

    repo = project(tmp_path / "repo")
    monkeypatch.delenv("CATALOG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.root / ".cache"))
    store, note = place.open_store(repo.root / "catalog")
    assert store is None and "在仓库" in note and "本次不使用缓存" in note


def test_the_secret_is_private_and_made_once(tmp_path: Path) -> None:
    from generator.caching.store import load_secret

    path = tmp_path / "config" / "catalog-registry" / "cache-secret"
    secret, note = load_secret(path)
    assert secret is not None and len(secret) == 32 and note == ""
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_secret(path) == (secret, "")
    path.chmod(0o644)
    refused, why = load_secret(path)
    assert refused is None and "600" in why
    path.chmod(0o600)
    path.write_bytes(b"short")
    refused, why = load_secret(path)
    assert refused is None and "长度不对" in why


def test_an_entry_moved_to_another_name_fails_its_seal(tmp_path: Path) -> None:
    from generator.caching import Store

    store = Store(tmp_path, b"k" * 32)
    assert store.write("pages/aa/one.html", b"<p>one</p>")
    assert store.read("pages/aa/one.html") == b"<p>one</p>"
    shutil.copy(tmp_path / "pages/aa/one.html", tmp_path / "pages/aa/two.html")
    assert store.read("pages/aa/two.html") is None
    assert Store(tmp_path, b"x" * 32).read("pages/aa/one.html") is None
    assert store.child("pages").read("aa/one.html") == b"<p>one</p>"


def test_no_executable_serialisation_in_the_package() -> None:
    forbidden = re.compile(r"^\s*(import|from)\s+(pickle|_pickle|cPickle|marshal|shelve|dill|cloudpickle|joblib)\b|\b(pickle|marshal|shelve)\.(loads?|dumps?|open|Unpickler)\b", re.M)
    found = [
        f"{path.relative_to(REPO)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted((REPO / "generator").rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for m in forbidden.finditer(text)
    ]
    assert found == []
