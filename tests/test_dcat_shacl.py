"""The DCAT JSON-LD download against the DCAT-AP 3.0.0 SHACL shapes (``../shared/standards``), and
read back by the harvester (:mod:`generator.federation.dcat_in`) as another level would."""

from __future__ import annotations

import json
import os

import pytest
from conftest import STANDARDS, TODAY
from site_repo import make_repo

from generator.exports import dcat
from generator.exports.jsonfile import dump_script_safe
from generator.federation import dcat_in
from generator.publish.source import collect

SHAPES = STANDARDS / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"

pytestmark = pytest.mark.skipif(
    not SHAPES.is_file() and not os.environ.get("CI"), reason=f"DCAT-AP 形状文件不存在：{SHAPES}"
)


@pytest.fixture(scope="module")
def download(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    catalog = make_repo(tmp_path_factory.mktemp("dcat") / "repo")
    return dump_script_safe(dcat.catalog(collect(catalog, TODAY), "https://data.test.example.gov.cn/"))


def shacl(document: bytes) -> tuple[bool, str]:
    import warnings

    import rdflib

    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        import pyshacl

        return _validate(pyshacl, rdflib, document)


def _validate(pyshacl, rdflib, document: bytes) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    graph = rdflib.Graph().parse(data=document, format="json-ld")
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)


def test_dcat_download_conforms_to_dcat_ap_3(download: bytes) -> None:
    conforms, report = shacl(download)
    assert conforms, report


def test_the_shapes_do_catch_a_broken_download(download: bytes) -> None:
    """The check can fail: an access right without its class is a violation of the shapes."""
    broken = download.replace(b'"@type":"dct:RightsStatement"', b'"@type":"dct:Standard"')
    assert broken != download
    conforms, report = shacl(broken)
    assert not conforms and "RightsStatement" in report


def test_harvester_reads_the_download_back(download: bytes) -> None:
    found = {v["code"]: v for v in dcat_in.datasets(json.loads(download))}
    assert "301001/000002" not in found  # delisted resources are not in the DCAT download
    entry = found["101001/000001"]
    assert entry["name"] == "户籍人口基本信息" and entry["department"] == "测试市公安局"
    assert entry["share_type"] == "无条件共享" and entry["open_type"] == "不予开放"
    assert entry["update_cycle"] == "每日" and entry["published"] == "2024-03-01"
    assert entry["page"] == "https://data.test.example.gov.cn/resources/101001-000001/"


def test_harvester_reads_expanded_dcat_from_other_emitters() -> None:
    """Expanded JSON-LD with full IRIs and a separate publisher node, as other portals emit it."""
    document = {
        "@graph": [
            {
                "@id": "https://other.example/dataset/1",
                "@type": ["http://www.w3.org/ns/dcat#Dataset"],
                "http://purl.org/dc/terms/identifier": [{"@value": "A-1"}],
                "http://purl.org/dc/terms/title": [{"@value": "Parking", "@language": "en"}, {"@value": "停车场", "@language": "zh"}],
                "http://purl.org/dc/terms/publisher": [{"@id": "https://other.example/org/1"}],
                "http://purl.org/dc/terms/accessRights": [{"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"}],
            },
            {"@id": "https://other.example/org/1", "http://xmlns.com/foaf/0.1/name": [{"@value": "某市交通局"}]},
        ]
    }
    [entry] = dcat_in.datasets(document)
    assert (entry["code"], entry["name"], entry["department"], entry["open_type"]) == ("A-1", "停车场", "某市交通局", "无条件开放")
    assert entry["page"] == "https://other.example/dataset/1"
