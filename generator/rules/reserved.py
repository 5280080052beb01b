"""Names the site uses for its own pages: no department or legal basis may take them."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem
from generator.rules import Context, at, rule

RESERVED = frozenset({"index"})
RESERVED_BASIS_PREFIX = "regulation-"
"""Legal-basis pages share ``bases/`` with the pages of the built-in regulations
(``bases/regulation-<profile>/``): no basis id may start like them."""
"""Page names the site generates beside the department and legal-basis pages: ``departments/index``
is the list of all departments, ``bases/index`` the list of all legal bases (see
``generator.site.pages``). A department or basis with such an id would be published at the same
address and replace that list."""


@rule("R-042", "部门标识或法律依据标识与网站页面重名", scope="catalog")
def reserved_names(context: Context) -> Iterator[Problem]:
    """
    网站为每个部门生成 ``departments/<部门标识>/`` 页面，为每个法律依据生成
    ``bases/<依据标识>/`` 页面；同一文件夹中还有网站自己的页面（全部部门、全部法律依据的列表），
    名为 ``index``；``bases/`` 中还有各辖区办法的页面，名为 ``regulation-<配置>``。部门标识或依据标识用了这些名字，就会占用同一个网址，替换掉列表页面，公众就
    看不到完整的目录。请换一个标识（部门标识同时要改文件夹名）。

    依据：目录记录规则（非法规条款）。

    不通过（``catalog/index/department.yaml``）：

        id: index

    通过：

        id: gongan
    """
    for department in context.catalog.departments.values():
        if department.id in RESERVED:
            yield at(department.doc, "R-042", f"部门标识“{department.id}”是网站部门列表页面的名字，会替换该页面；请换一个标识，并同时修改文件夹名", "id")
    for doc in context.catalog.documents.values():
        if not doc.path.endswith("legal_bases.yaml") or not isinstance(doc.data, list):
            continue
        for index, raw in enumerate(doc.data):
            basis_id = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(basis_id, str):
                continue
            if basis_id in RESERVED:
                yield at(doc, "R-042", f"依据标识“{basis_id}”是网站法律依据列表页面的名字，会替换该页面；请换一个标识", index, "id")
            elif basis_id.startswith(RESERVED_BASIS_PREFIX):
                yield at(doc, "R-042", f"依据标识“{basis_id}”以“{RESERVED_BASIS_PREFIX}”开头，与网站上各辖区办法的页面同名；请换一个标识", index, "id")
