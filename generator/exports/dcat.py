"""The catalog as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, for international tools.

Each resource still listed is a ``dcat:Dataset`` with its publisher (the department, with its
统一社会信用代码), access rights from its open type, update frequency and landing page.
"""

from __future__ import annotations

from typing import Any

from generator.model import STATUS_DELISTED, code_to_stem
from generator.site.data import SiteData

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    # Chinese text: tagged once here instead of on every value (keywords are one per 信息项).
    "dct:title": {"@language": "zh"},
    "dct:description": {"@language": "zh"},
    "dcat:keyword": {"@language": "zh"},
    "dcat:theme": {"@language": "zh"},
    "foaf:name": {"@language": "zh"},
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
    return {"@type": "foaf:Organization", "foaf:name": _text(name), "dct:identifier": identifier}


def catalog(data: SiteData, base: str) -> dict[str, Any]:
    """``base``: the site's address ending in ``/``, or ``../`` (ids relative to the file)."""
    registry = data.catalog.registry
    datasets = []
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        if resource.status == STATUS_DELISTED:
            continue
        dept = data.catalog.departments.get(resource.department)
        page = f"{base}resources/{code_to_stem(resource.code)}/"
        datasets.append(
            {
                "@id": page,
                "@type": "dcat:Dataset",
                "dct:identifier": resource.code,
                "dct:title": _text(resource.name),
                "dct:description": _text(resource.summary),
                "dct:publisher": _organization(dept.name, dept.uscc) if dept else resource.department,
                "dct:accessRights": {"@id": ACCESS + ACCESS_RIGHTS[resource.open.type]},
                "dct:accrualPeriodicity": {"@id": FREQUENCY + FREQUENCIES[resource.update_cycle]},
                "dct:issued": {"@value": resource.published, "@type": "xsd:date"},
                "dcat:keyword": [_text(item.name) for item in resource.items],
                "dcat:landingPage": {"@id": page},
                "dcat:theme": _text(resource.classification["item"]),
            }
        )
    bureau = registry.bureau if registry else {}
    return {
        "@context": CONTEXT,
        "@id": f"{base}downloads/dcat.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _text(f"{registry.name if registry else ''}政务数据资源目录"),
        "dct:publisher": _organization(bureau.get("name", ""), bureau.get("uscc", "")),
        "dct:modified": {"@value": data.build_date, "@type": "xsd:date"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ZHO"},
        "dcat:dataset": datasets,
    }
