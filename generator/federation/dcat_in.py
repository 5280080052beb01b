"""Read DCAT datasets from JSON-LD as member records, from any source that emits DCAT.

Compact (prefixed names, a ``@context`` of prefixes and terms), expanded (full IRIs, values as
``[{"@value": …}]``) and ``@graph`` forms are read; nodes referenced by ``@id`` are looked up in
the same document. Remote contexts are never fetched (the harvest talks only to the member's
configured address): a context given as a URL is taken to declare the usual DCAT prefixes.
Values in Chinese (``@language`` ``zh``) are preferred where a value is given in several languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.exports.dcat import ACCESS, ACCESS_RIGHTS, FREQUENCIES, FREQUENCY, ZWML

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
PREFIXES = {"dcat": DCAT, "dct": DCT, "dcterms": DCT, "foaf": FOAF, "zwml": ZWML}
DATASET = DCAT + "Dataset"

_ACCESS = {ACCESS + code: name for name, code in ACCESS_RIGHTS.items()}
_FREQUENCY = {FREQUENCY + code: name for name, code in FREQUENCIES.items()}


def is_dcat(data: Any) -> bool:
    return isinstance(data, (dict, list)) and any(True for _ in _datasets(data, _Context(data)))


def datasets(data: Any) -> list[dict[str, Any]]:
    """Each ``dcat:Dataset`` of the document as record values (see :mod:`.records`)."""
    context = _Context(data)
    return [_values(node, context) for node in _datasets(data, context)]


class _Context:
    def __init__(self, data: Any) -> None:
        self.terms: dict[str, str] = dict(PREFIXES)
        self.nodes: dict[str, dict[str, Any]] = {}
        contexts = data.get("@context") if isinstance(data, dict) else None
        for entry in contexts if isinstance(contexts, list) else [contexts]:
            if isinstance(entry, dict):
                for term, target in entry.items():
                    iri = target.get("@id") if isinstance(target, dict) else target
                    if isinstance(iri, str) and not term.startswith("@"):
                        self.terms[term] = iri
        for node in _walk(data):
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1:
                self.nodes.setdefault(ident, node)

    def expand(self, key: str) -> str:
        if key in self.terms and ":" not in key:
            return self.expand(self.terms[key]) if ":" in self.terms[key] else self.terms[key]
        prefix, _, rest = key.partition(":")
        if rest and prefix in self.terms and not rest.startswith("//"):
            return self.terms[prefix] + rest
        return key

    def get(self, node: dict[str, Any], iri: str) -> list[Any]:
        for key, value in node.items():
            if not key.startswith("@") and self.expand(key) == iri:
                return value if isinstance(value, list) else [value]
        return []

    def types(self, node: dict[str, Any]) -> set[str]:
        found = node.get("@type", [])
        return {self.expand(t) for t in (found if isinstance(found, list) else [found]) if isinstance(t, str)}


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in the document, without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(v for k, v in item.items() if k != "@context")
        elif isinstance(item, list):
            stack.extend(item)


def _datasets(data: Any, context: _Context) -> Iterator[dict[str, Any]]:
    seen: set[int] = set()
    for node in _walk(data):
        if DATASET in context.types(node) and id(node) not in seen:
            seen.add(id(node))
            yield node


def _text(values: list[Any], context: _Context) -> str:
    chosen = ""
    for value in values:
        if isinstance(value, dict) and "@id" in value and len(value) == 1:
            value = context.nodes.get(value["@id"], value)
        if isinstance(value, dict) and "@value" in value:
            text = str(value["@value"])
            if str(value.get("@language", "")).lower().startswith("zh"):
                return text
            chosen = chosen or text
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            chosen = chosen or str(value)
    return chosen


def _iri(values: list[Any]) -> str:
    for value in values:
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            return str(value["@id"])
        if isinstance(value, str):
            return value
    return ""


def _name(values: list[Any], context: _Context) -> str:
    for value in values:
        node = context.nodes.get(value["@id"], value) if isinstance(value, dict) and "@id" in value else value
        if isinstance(node, dict):
            name = _text(context.get(node, FOAF + "name"), context)
            if name:
                return name
        elif isinstance(node, str):
            return node
    return ""


def _values(node: dict[str, Any], context: _Context) -> dict[str, Any]:
    def text(iri: str) -> str:
        return _text(context.get(node, iri), context)

    def texts(iri: str) -> list[str]:
        return [t for t in (_text([v], context) for v in context.get(node, iri)) if t]

    access = context.expand(_iri(context.get(node, DCT + "accessRights")))
    frequency = context.expand(_iri(context.get(node, DCT + "accrualPeriodicity")))
    own = node.get("@id")
    landing = _iri(context.get(node, DCAT + "landingPage")) or (own if isinstance(own, str) else "")
    return {
        "code": text(DCT + "identifier"),
        "name": text(DCT + "title"),
        "summary": text(DCT + "description"),
        "department": _name(context.get(node, DCT + "publisher"), context),
        "class": text(ZWML + "class"),
        "item": text(ZWML + "item"),
        "share_type": text(ZWML + "shareType"),
        "share_condition": text(ZWML + "shareCondition"),
        "share_basis": texts(ZWML + "shareBasis"),
        "open_type": _ACCESS.get(access, text(ZWML + "openType")),
        "open_condition": text(ZWML + "openCondition"),
        "open_basis": texts(ZWML + "openBasis"),
        "update_cycle": _FREQUENCY.get(frequency, ""),
        "status": text(ZWML + "status") or "在用",
        "published": text(DCT + "issued")[:10],
        "page": landing if landing.startswith("http") else "",
    }
