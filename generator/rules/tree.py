"""Rules on the tree a pull request would leave on the main branch, beyond any one file.

``catalog check`` reads files as git blobs, but ``catalog build`` and every clerk's computer read a
checked-out work tree, which git may change on the way (``.gitattributes``) or fold together
(case-insensitive disks). These rules keep the two the same. They are reported by
:mod:`generator.treecheck`; the functions registered here only carry the documentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem
from generator.rules import rule


def _document(rule_id: str, title: str, doc: str) -> None:
    def reported_by_treecheck(*_: object) -> Iterator[Problem]:
        yield from ()

    reported_by_treecheck.__doc__ = doc
    rule(rule_id, title, scope="change")(reported_by_treecheck)


_document("F-020", "目录文件夹中有隐藏文件或隐藏文件夹", """
    目录文件夹 ``catalog/`` 中不能有以“.”开头的文件或文件夹（``.gitkeep`` 除外）。这类文件不是目录条目，
    检查时看不到，却能改变网站生成时读到的内容：例如 ``.gitattributes`` 中的
    ``working-tree-encoding=UTF-16LE`` 让检出的文件变成另一种编码，``filter``、``eol`` 会改写文件内容，
    审核人看到的、检查通过的就不再是将要发布的内容。git 的配置文件只能放在仓库根目录，并由大数据主管部门审核。

    依据：目录记录规则（非法规条款）：目录的变更只经审核的目录文件进入，各辖区相同。

    不通过（``catalog/gongan/.gitattributes``）：

        *.yaml working-tree-encoding=UTF-16LE

    通过：删除该文件；确需调整 git 的设置时，向大数据主管部门提出。
    """)

_document("F-021", "路径只差大小写或 Unicode 写法", """
    两个路径只差字母大小写、Unicode 的组合写法（例如“é”可写作一个字符或两个字符），或结尾的点和空格。
    在 Windows 和 macOS 上检出时它们是同一个文件，只会留下其中一个：部门看到的、网站生成时读到的
    可能不是检查过的那个。请删除或改名其中一个。

    依据：目录记录规则（非法规条款）：检查过的须是发布的那个文件，各辖区相同。

    不通过：

        catalog/gongan/101001-000001.yaml
        catalog/GongAn/101001-000001.yaml

    通过：

        catalog/gongan/101001-000001.yaml
    """)

_document("F-022", "提交了缓存或生成的文件", """
    仓库中不能提交缓存或生成的文件：``.cache/``、``site/``（生成的网站）、``build/``、``dist/``、
    网站生成时的临时文件夹（``.site.building-…``、``.site.old-…``）、``__pycache__/``、``.venv/``、
    ``*.pyc``、``*.pickle`` 等。这些文件由程序生成，别人提交的版本可能与目录不一致，缓存文件被读回时
    甚至可能让程序执行其中的内容。请把它们从提交中删除（``git rm -r --cached 路径``）。

    依据：目录记录规则（非法规条款）：发布的内容只由目录文件生成，各辖区相同。

    不通过：

        .cache/catalog/validate.pickle
        site/index.html

    通过：只提交 ``catalog/`` 中的目录文件。
    """)

_document("P-020", "申请与主分支有冲突", """
    申请修改的文件在主分支上也被修改过，两边的修改无法自动合并，因此无法检查合并后的目录。
    请先把主分支合并进申请分支（或在代码托管平台上点击“更新分支”），解决冲突后重新推送。

    依据：目录记录规则（非法规条款）：审核的须是合并后的内容，各辖区相同。

    不通过：申请与主分支都修改了 ``catalog/gongan/101001-000001.yaml`` 的同一行。

    通过：合并主分支并解决冲突后重新推送。
    """)
