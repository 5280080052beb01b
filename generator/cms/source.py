"""What the form is generated from: the registry, the profile and the departments of a catalog folder.

Only ``registry.yaml`` and the ``department.yaml`` files are read (not the resources), so the form
of a 50,000-resource catalog is generated as fast as that of a small one. A file that is invalid is
left out here; ``catalog validate`` and the site build report it.
"""

from __future__ import annotations

from pathlib import Path

from generator import gitrepo
from generator.cms.config import Department, Site
from generator.load import layout
from generator.load.catalog import load
from generator.load.model import Registry


def read(catalog: Path) -> tuple[Site, Registry | None]:
    """The form's view of the catalog folder ``catalog``, and its registry (``None`` if invalid)."""
    files: dict[str, bytes] = {}
    registry_file = catalog / layout.REGISTRY
    if registry_file.is_file():
        files[layout.REGISTRY] = registry_file.read_bytes()
    for child in sorted(catalog.iterdir()):
        department_file = child / layout.DEPARTMENT
        if child.is_dir() and not child.name.startswith(".") and department_file.is_file():
            files[f"{child.name}/{layout.DEPARTMENT}"] = department_file.read_bytes()
    loaded, _ = load(files, "")
    departments = tuple(Department(d.id, d.name) for d in sorted(loaded.departments.values(), key=lambda d: d.id))
    name = loaded.registry.name if loaded.registry else ""
    return Site(name, repository_path(catalog), loaded.profile, departments), loaded.registry


def repository_path(catalog: Path) -> str:
    """The catalog folder relative to the root of its git repository (Decap's paths are)."""
    folder = catalog.resolve()
    try:
        top = gitrepo.root(gitrepo.open_repo(folder)).resolve()
    except gitrepo.RepoError:
        return folder.name
    relative = folder.relative_to(top).as_posix()
    return "" if relative == "." else relative
