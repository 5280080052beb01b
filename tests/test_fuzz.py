"""Property-based fuzzing: any input ends in problems or success, in bounded time, never a traceback.

Covers the loader (``yamlfile``), the validator (``validate``), the change classifier (``changes``,
in memory and through ``review`` on real git repositories) and the renderers (a resource's page,
its CSV and XLSX rows). Inputs are random bytes and text, YAML-like character soup, and mutations of
the base corpus's resources. The budget per test is fixed (profile ``catalog`` in ``conftest.py``:
derandomized, no database); all of them together take well under a minute.
"""

from __future__ import annotations

import copy
import csv
import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from conftest import BASE, TODAY
from gitbuild import catalog_repo
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import gitrepo, rules
from generator.changes.classify import LABELS, classify
from generator.changes.review import review
from generator.exports.csvfile import to_csv
from generator.exports.tables import LAYOUTS, neutralise, resource_table
from generator.exports.xlsx import to_xlsx
from generator.load.catalog import read_folder
from generator.load.yamlfile import parse
from generator.publish.model import Published
from generator.site.resources import body, url_of
from generator.validate.files import validate_files

FILES = read_folder(BASE)
RESOURCES = sorted(p for p in FILES if p.count("/") == 1 and p.rsplit("/", 1)[1][0].isdigit())
KNOWN_RULES = {r.id for r in rules.documented()}
BOUND = 5000  # milliseconds any one example may take


def _data(relative: str) -> dict[str, Any]:
    doc, _ = parse(FILES[relative], relative)
    assert doc is not None
    return dict(doc.data)


def _dump(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode()


def _well_reported(problems: list[Any], paths: set[str]) -> None:
    for problem in problems:
        assert problem.rule in KNOWN_RULES, problem
        assert problem.path in paths, problem
        assert problem.line >= 0 and problem.column >= 0, problem
        assert problem.message and not problem.message.isascii(), problem
        assert "Traceback" not in problem.message


# ---- the loader ---------------------------------------------------------------------------------

SOUP = st.text(alphabet=list("ab1:-[]{}&*!<>#'\"\n \t|?,%@`~é中\u200b\u202e\x00\ufeff/."), max_size=200)
PLAIN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=40)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | PLAIN_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(PLAIN_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=1500, deadline=BOUND)
@given(st.binary(max_size=3000) | SOUP.map(str.encode) | st.text(max_size=300).map(str.encode))
def test_loader_never_raises(raw: bytes) -> None:
    doc, problems = parse(raw, "f.yaml")
    assert (doc is None) == bool(problems)
    _well_reported(problems, {"f.yaml"})
    if doc is None:
        assert all(p.rule.startswith("F-") for p in problems)


@settings(max_examples=500, deadline=BOUND)
@given(st.dictionaries(PLAIN_TEXT, VALUES, min_size=1, max_size=6))
def test_loader_reads_back_what_yaml_writes(value: dict[str, Any]) -> None:
    doc, problems = parse(_dump(value), "f.yaml")
    assert problems == [] and doc is not None
    assert doc.data == value
    for path in doc.positions:
        assert doc.where(*path)[0] >= 1


# ---- the validator: mutations of the base resources ----------------------------------------------

TRICKY = st.sampled_from([
    "0123", "no", "2024-02-30", "有条件共享", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "101001/000001",
    "１０1001/000001", "户\u200b籍", "АРІ", "gongan", "../../etc/passwd", "", "   ", "待补充", "企業法人登記信息",
])
REPLACEMENTS = st.one_of(TRICKY, st.none(), st.booleans(), st.integers(), PLAIN_TEXT, st.lists(TRICKY, max_size=3), st.dictionaries(TRICKY, TRICKY, max_size=2))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(_data(draw(st.sampled_from(RESOURCES))))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(TRICKY | PLAIN_TEXT)] = draw(REPLACEMENTS)
        else:
            parent[path[-1]] = draw(REPLACEMENTS)
    return data


def _validate(target: str, raw: bytes) -> list[Any]:
    files = {**FILES, target: raw}
    _, problems = validate_files(files, "catalog", TODAY)
    _well_reported(problems, {f"catalog/{p}" for p in files})
    return problems


@settings(max_examples=600, deadline=BOUND)
@given(mutated(), st.sampled_from([*RESOURCES, "gongan/301001-000002.yaml", "shichang/302001-000009.yaml"]))
def test_validator_on_mutated_resources(data: dict[str, Any], target: str) -> None:
    _validate(target, _dump(data))


@settings(max_examples=400, deadline=BOUND)
@given(st.sampled_from(RESOURCES), st.lists(st.tuples(st.integers(0, 2000), SOUP), min_size=1, max_size=3))
def test_validator_on_damaged_text(target: str, edits: list[tuple[int, str]]) -> None:
    text = FILES[target].decode()
    for at, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at:]
    _validate(target, text.encode())


# ---- the change classifier -------------------------------------------------------------------------

POOL = [*RESOURCES, "gongan/301001-000002.yaml", "gongan/department.yaml", "gongan/needs.yaml", "registry.yaml", "gongan/notes.txt", "gongan/.gitkeep"]


@st.composite
def sides(draw: st.DrawFn) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for path in draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True)):
        for side in (old, new):
            state = draw(st.sampled_from(["missing", "unreadable", "document"]))
            if state == "unreadable":
                side[path] = None
            elif state == "document":
                side[path], _ = parse(_dump(draw(mutated())), path)
    changed = sorted(old.keys() | new.keys())
    return changed, old, new


@settings(max_examples=400, deadline=BOUND)
@given(sides())
def test_classifier_on_any_two_sides(case: tuple[list[str], dict[str, Any], dict[str, Any]]) -> None:
    changed, old, new = case
    changes = classify(changed, old, new, "catalog")
    counted = changed  # every path is classified, hidden ones too (as registry changes)
    paired = sum(1 for c in changes if c.old_path)  # a code change or a move stands for two files
    assert len(changes) + paired == len(counted)
    for change in changes:
        assert change.kind in LABELS and change.label
        assert change.path.removeprefix("catalog/") in counted


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(RESOURCES), mutated())
def test_review_of_a_real_pull_request(target: str, data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = catalog_repo(Path(folder) / "repo")
        repo.branch("pr")
        (repo.root / "catalog" / target).write_bytes(_dump(data))
        repo.commit("申请", "2026-03-02")
        result = review(gitrepo.open_repo(repo.root), "catalog", "main", "HEAD", "2026-03-02")
    assert [c.path for c in result.changes] == [f"catalog/{target}"]
    for problem in result.problems:
        assert problem.message and not problem.message.isascii(), problem


# ---- the renderers --------------------------------------------------------------------------------

PIECES = [*"<>&\"'=+-@|/\\;,，“”中文数据 ", "<script>", "</td>", "{{ x }}", "{% raw %}", "&amp;", "\u00a0", "\n"]
PAYLOAD = st.lists(st.sampled_from(PIECES), min_size=2, max_size=20).map("".join)


@settings(max_examples=150, deadline=BOUND)
@given(PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD)
def test_renderers_escape_any_valid_text(name: str, summary: str, item: str, condition: str) -> None:
    target = "gongan/301001-000001.yaml"
    data = _data(target)
    data["name"] = "资源" + name[:90]
    data["summary"] = "本市居住登记信息" + summary
    data["items"][1]["name"] = "地址" + item
    data["share"]["condition"] = condition
    catalog, problems = validate_files({**FILES, target: _dump(data)}, "catalog", TODAY)
    assert not [p for p in problems if p.level == "error"], problems
    resource = next(r for r in catalog.resources if r.path == f"catalog/{target}")
    site = Published(catalog, TODAY, (), {}, (), tuple(problems))
    html = body(site, resource, url_of(resource.code))
    assert "<script>" not in html
    for layout in LAYOUTS:
        table = resource_table("目录", [resource], catalog, layout)
        rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"), newline="")))
        assert rows[0] == list(table.headers)
        assert rows[1:] == [[str(neutralise(c)) for c in row] for row in table.rows]
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table, TODAY)), read_only=True).active
        assert sheet is not None
        cells = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
        assert cells[1:] == [[neutralise(c) for c in row] for row in table.rows]
