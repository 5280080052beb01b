"""Department files: credit code, folder agreement."""

from __future__ import annotations

from collections.abc import Iterator

from generator.load import uscc
from generator.load.model import Department
from generator.problems import Problem
from generator.rules import Context, at, rule


@rule("R-011", "统一社会信用代码校验不通过", scope="department")
def credit_code(department: Department, context: Context) -> Iterator[Problem]:
    """
    部门的统一社会信用代码必须通过 GB 32100—2015 的第 18 位校验，且其中第 9—17 位的
    组织机构代码必须通过 GB 11714 校验。校验不通过通常是录入时输错了一位。

    依据：GB 32100—2015《法人和其他组织统一社会信用代码编码规则》。

    不通过：

        uscc: 91330106MA27Y4U47Y

    通过：

        uscc: 11140800558745220K
    """
    for finding in uscc.inspect(department.uscc):
        if finding.serious:
            yield at(department.doc, "R-011", f"统一社会信用代码 {department.uscc} 有误：{finding.message}", "uscc")


@rule("R-012", "统一社会信用代码的登记管理部门或机构类别代码不常见", scope="department", level="warning")
def credit_code_category(department: Department, context: Context) -> Iterator[Problem]:
    """
    统一社会信用代码第 1 位是登记管理部门代码（1 机构编制、5 民政、9 工商……），第 2 位是机构类别
    代码（机关为 11）。代码表中没有的组合给出警告，请核对营业执照或事业单位法人证书。

    依据：GB 32100—2015 登记管理部门代码和机构类别代码表。

    不通过：

        uscc: Z1451099007000017N

    通过：

        uscc: 11140800558745220K
    """
    for finding in uscc.inspect(department.uscc):
        if not finding.serious:
            yield at(department.doc, "R-012", f"统一社会信用代码 {department.uscc}：{finding.message}", "uscc")


@rule("R-019", "部门文件与所在文件夹不一致", scope="department")
def department_folder(department: Department, context: Context) -> Iterator[Problem]:
    """
    ``department.yaml`` 中的 ``id`` 必须与其所在文件夹的名字相同，资源文件据此找到提供部门；
    部门的项代码（``item_code``）在本目录中不能重复。

    依据：目录记录规则（非法规条款）；政务信息资源目录编制指南（试行） 部门信息资源的分类码。

    不通过（文件在 ``catalog/gongan/`` 中）：

        id: gonganju

    通过：

        id: gongan
    """
    folder = department.doc.path.rsplit("/", 2)[-2]
    if department.id != folder:
        yield at(department.doc, "R-019", f"部门标识“{department.id}”与文件夹名“{folder}”不一致", "id")
    for other in context.catalog.departments.values():
        if other.id < department.id and other.item_code == department.item_code:
            yield at(department.doc, "R-019", f"部门项代码 {department.item_code} 已被“{other.name}”使用", "item_code")
