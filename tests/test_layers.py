"""The pipeline's dependency arrows run one way (issue 13): the publish model imports neither the
site nor the downloads nor MkDocs, and the downloads never import the site. Read from the source
with ``ast``, so that an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

GENERATOR = REPO / "generator"


def imports(folder: Path) -> dict[str, set[str]]:
    """Every module each file of ``folder`` imports (absolute names)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[path.relative_to(folder).as_posix()] = names
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("publish", ("generator.site", "generator.exports", "mkdocs", "material")),
        ("exports", ("generator.site", "mkdocs", "material")),
        ("load", ("generator.site", "generator.exports", "generator.publish", "mkdocs")),
        ("validate", ("generator.site", "generator.exports", "generator.publish", "mkdocs")),
    ],
)
def test_a_layer_does_not_import_the_layers_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    wrong = sorted(
        f"{layer}/{path}: {name}"
        for path, names in imports(GENERATOR / layer).items()
        for name in names
        if any(name == top or name.startswith(top + ".") for top in forbidden)
    )
    assert wrong == []


def test_the_check_finds_an_import_against_the_arrows(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def f():\n    from generator.site import views\n", encoding="utf-8")
    assert "generator.site" in next(iter(imports(tmp_path).values()))
