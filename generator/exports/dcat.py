"""The catalog as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, for international tools.

Each resource still listed is a ``dcat:Dataset`` with its publisher (the department, with its
统一社会信用代码), access rights from its open type, update frequency and landing page. The file is
valid against the DCAT-AP 3.0.0 SHACL shapes (``tests/test_dcat_shacl.py``; the shapes that cannot
apply to a Chinese government catalog are listed on the federation page of the site's docs).

What DCAT has no term for — the share type, condition and legal bases (共享属性), the open
condition and bases, the classification and the status — is given in the ``zwml:`` vocabulary
(:data:`ZWML`), so that an upper level harvesting this file (``catalog harvest``) can build its
combined sharing lists and negative lists. Other DCAT consumers ignore those properties.
"""

from __future__ import annotations

from typing import Any

from generator.load.model import STATUS_DELISTED, code_to_stem
from generator.publish.model import Published

ZWML = "https://catalog.example.gov.cn/ns/zwml#"
"""This project's terms for what DCAT cannot say about a 政务数据资源 (share attributes, class, status)."""

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "zwml": ZWML,
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    # Chinese text: tagged once here instead of on every value (keywords are one per 信息项).
    "dct:title": {"@language": "zh"},
    "dct:description": {"@language": "zh"},
    "dcat:keyword": {"@language": "zh"},
    "foaf:name": {"@language": "zh"},
    "zwml:shareCondition": {"@language": "zh"},
    "zwml:openCondition": {"@language": "zh"},
}
ACCESS = "http://publications.europa.eu/resource/authority/access-right/"
ACCESS_RIGHTS = {"无条件开放": "PUBLIC", "依申请开放": "RESTRICTED", "不予开放": "NON_PUBLIC"}
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES = {
    "实时": "CONT", "每日": "DAILY", "每周": "WEEKLY", "每月": "MONTHLY", "每季度": "QUARTERLY",
    "每半年": "ANNUAL_2", "每年": "ANNUAL", "不定期": "IRREG",
}


def _text(value: str) -> str:
    """Chinese text; the properties holding it are tagged ``zh`` in :data:`CONTEXT`."""
    return value


def _organization(name: str, identifier: str) -> dict[str, Any]:
    return {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": _text(name), "dct:identifier": identifier}


def _bases(data: Published, ids: tuple[str, ...]) -> list[str]:
    """Legal bases by name and article, as the upper level compares them across registries."""
    found = []
    for ident in ids:
        basis = data.catalog.legal_bases.get(ident)
        found.append(f"{basis.name} {basis.article}" if basis else ident)
    return found


def _extension(data: Published, resource: Any) -> dict[str, Any]:
    """The ``zwml:`` properties of one resource; empty values left out."""
    values = {
        "zwml:class": resource.classification.get("class", ""),
        "zwml:item": resource.classification.get("item", ""),
        "zwml:shareType": resource.share.type,
        "zwml:shareCondition": resource.share.condition,
        "zwml:shareBasis": _bases(data, resource.share.basis),
        "zwml:openType": resource.open.type,
        "zwml:openCondition": resource.open.condition,
        "zwml:openBasis": _bases(data, resource.open.basis),
        "zwml:status": resource.status,
    }
    return {key: value for key, value in values.items() if value}


def dataset(data: Published, resource: Any, base: str) -> dict[str, Any]:
    """One resource still listed as a ``dcat:Dataset``."""
    dept = data.catalog.departments.get(resource.department)
    page = f"{base}resources/{code_to_stem(resource.code)}/"
    return {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": resource.code,
        "dct:title": _text(resource.name),
        "dct:description": _text(resource.summary),
        "dct:publisher": _organization(dept.name, dept.uscc) if dept else resource.department,
        "dct:accessRights": {"@id": ACCESS + ACCESS_RIGHTS[resource.open.type], "@type": "dct:RightsStatement"},
        "dct:accrualPeriodicity": {"@id": FREQUENCY + FREQUENCIES[resource.update_cycle], "@type": "dct:Frequency"},
        "dct:issued": {"@value": resource.published, "@type": "xsd:date"},
        "dcat:keyword": [_text(name) for name in resource.item_names()],
        "dcat:landingPage": {"@id": page, "@type": "foaf:Document"},
        **_extension(data, resource),
    }


def catalog(data: Published, base: str, datasets: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``base``: the site's address ending in ``/``, or ``../`` (ids relative to the file);
    ``datasets`` when already made (else every resource still listed, in code order)."""
    registry = data.catalog.registry
    if datasets is None:
        listed = sorted((r for r in data.catalog.resources if r.status != STATUS_DELISTED), key=lambda r: r.code)
        datasets = [dataset(data, resource, base) for resource in listed]
    bureau = registry.bureau if registry else {}
    return {
        "@context": CONTEXT,
        "@id": f"{base}downloads/dcat.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _text(f"{registry.name if registry else ''}政务数据资源目录"),
        "dct:publisher": _organization(bureau.get("name", ""), bureau.get("uscc", "")),
        "dct:modified": {"@value": data.build_date, "@type": "xsd:date"},
        "dct:description": _text(f"{registry.name if registry else ''}政务数据资源目录：各部门编制、大数据主管部门审核发布的政务数据资源。"),
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ZHO", "@type": "dct:LinguisticSystem"},
        "dcat:dataset": datasets,
    }
