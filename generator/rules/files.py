"""File and schema rules: reported by the loader (``yamlfile``, ``catalog``) and ``schemas``.

They are registered here so that every id a user can see is documented in one place.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Level, Problem
from generator.rules import rule


def _document(rule_id: str, title: str, scope: str, doc: str, level: Level = "error") -> None:
    def reported_elsewhere(*_: object) -> Iterator[Problem]:
        yield from ()

    reported_elsewhere.__doc__ = doc
    rule(rule_id, title, scope=scope, level=level)(reported_elsewhere)


_document("F-001", "YAML 格式错误或文件无法读取", "file", """
    文件不是合法的 YAML，或者无法读取。

    常见原因：用 Tab 键缩进（只能用空格）；值里含有冒号却没有加引号；引号、方括号没有闭合；
    同一层的字段没有左对齐。错误信息给出出错的行和列，请检查那一行及其上一行。

    不通过：

        name: 户籍人口: 基本信息

    通过：

        name: "户籍人口: 基本信息"
    """)

_document("F-002", "字段重复", "file", """
    同一个映射里出现了两个同名字段。YAML 工具通常会悄悄只保留后一个，前一个的内容就丢了，
    所以目录把重复字段当作错误。请删去其中一个，或把它们合并。

    不通过：

        name: 户籍人口基本信息
        name: 户籍人口信息

    通过：

        name: 户籍人口基本信息
    """)

_document("F-003", "文件不是 UTF-8 编码", "file", """
    目录文件必须以 UTF-8 编码保存。用 Windows 记事本或 Excel 另存时可能得到 GBK/GB18030 编码，
    中文会变成乱码。请在编辑器中选择“UTF-8”重新保存。错误信息给出第一个无法识别的字节所在位置。
    """)

_document("F-004", "文件过大", "file", """
    单个目录文件不应超过 1 MiB，单个值不应超过 20000 个字：一个资源条目通常只有几 KiB。
    文件过大往往是把数据本身、而不是数据的目录放进了仓库，或者滥用了 YAML 的锚点和引用
    （少量文字经层层引用展开成几十万个值）。请只保留目录元数据。
    """)

_document("F-005", "文件为空或内容不是映射", "file", """
    资源、部门、登记信息文件的内容必须是“字段名: 值”的映射；法律依据代码表必须是列表。
    空文件、只有注释的文件、或顶层写成了列表的文件都无法作为目录条目。

    不通过：

        - code: 101001/000001
        - name: 户籍人口基本信息

    通过：

        code: 101001/000001
        name: 户籍人口基本信息
    """)

_document("F-006", "不认识的文件", "file", """
    目录文件夹 ``catalog/`` 中只能有：``registry.yaml``、``legal_bases.yaml``、``holidays.yaml``，
    以及每个部门一个文件夹（内含 ``department.yaml``、可选的 ``needs.yaml`` 和以资源代码命名的
    ``.yaml`` 资源文件）。扩展名 ``.yml``、Excel 表格、多一层的子文件夹都会被拒绝，以免被误认为已编目。
    """)

_document("F-007", "缺少必需的文件", "file", """
    每个目录必须有 ``registry.yaml``（辖区、主管部门和规则配置）和 ``legal_bases.yaml``
    （法律依据代码表）；每个部门文件夹必须有 ``department.yaml``。
    """)

_document("F-008", "符号链接或特殊文件", "file", """
    目录文件夹中不能有符号链接（快捷方式）或其他特殊文件。符号链接指向的可能是目录之外的任意文件，
    目录既不读取、也不发布它指向的内容，以免把不该公开的文件带进目录，或让同一条目在两处出现。
    无论是本地文件夹还是 git 提交中的符号链接（文件模式 120000）都会被拒绝。请删除链接，
    把真实的文件放在应在的位置。

    不通过（``catalog/gongan/301001-000002.yaml`` 是指向 ``../../secret.yaml`` 的链接）：

        ln -s ../../secret.yaml catalog/gongan/301001-000002.yaml

    通过：把资源的内容写在 ``catalog/gongan/301001-000002.yaml`` 这个普通文件中。
    """)

_document("F-009", "文字中有看不见的字符", "file", """
    字段名或字段值中有零宽空格、零宽连接符、从右到左覆盖等看不见的字符。它们在屏幕上看不出来，
    却会让两个看起来相同的名称被当作不同的名称（查重、检索失效），从右到左覆盖字符还会让显示的
    文字顺序与实际内容相反，审核人看到的就不是将要发布的内容。通常是从网页、Word 或聊天软件中
    复制粘贴带进来的。错误信息给出字段和第几个字符，请删除那几个字符后重新输入。

    不通过（“流动”和“人口”之间有一个零宽空格 U+200B）：

        name: 流动​人口居住登记信息

    通过：

        name: 流动人口居住登记信息
    """)

_document("F-010", "文件含有控制字符或不是文本文件", "file", """
    文件中有空字节（U+0000）或其他控制字符。这通常说明它不是文本文件：例如把 Excel、Word、
    图片文件改成了 ``.yaml`` 扩展名，或者文件损坏。目录文件必须是 UTF-8 编码的 YAML 文本。
    错误信息给出第一个控制字符所在的行和列。请用文本编辑器重新建立文件。
    """)

_document("F-011", "嵌套层数过多", "file", """
    列表和映射一层套一层超过了 32 层。目录条目最深只需要五层左右（例如 信息项 → 第几项 → 字段），
    嵌套过深通常是括号没有配对或缩进错乱，也可能是故意构造的恶意文件。请检查括号和缩进。

    不通过：

        related: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[101001/000001]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]

    通过：

        related: [101001/000001]
    """)

_document("F-012", "使用了不支持的 YAML 标签或合并键", "file", """
    目录文件只使用最基本的 YAML：字段、文字、数字、true/false 和列表。以“!”开头的类型标签
    （如 ``!!python/object``、``!!binary``、``!!timestamp``、``!!set`` 或自定义的 ``!标签``）和合并键
    ``<<`` 都不支持：前者可能让不同的工具把同一个值读成不同的东西，甚至执行代码；后者会把别处的
    字段悄悄并进来，审核时看不到。唯一允许的标签是 ``!!str``（表示文字），一般用引号代替即可。

    不通过：

        published: !!timestamp 2024-05-10

    通过：

        published: "2024-05-10"
    """)

_document("S-001", "缺少必填字段", "schema", """
    目录条目缺少《政务信息资源目录编制指南（试行）》或本地办法要求的字段（贵州 第十条，修武 第二十二条）。
    错误信息给出字段的中文名和键名，请在所在位置补上。字段说明见“字段参考”页。

    不通过：

        share:
          condition: 仅限履职使用

    通过：

        share:
          type: 有条件共享
          condition: 仅限履职使用
    """)

_document("S-002", "不认识的字段", "schema", """
    出现了目录标准中没有的字段，通常是键名拼错了。错误信息列出此处可以使用的字段。

    不通过：

        updat_cycle: 每日

    通过：

        update_cycle: 每日
    """)

_document("S-003", "取值不在允许范围内", "schema", """
    共享类型、开放类型、更新周期、数据类型等字段只能取规定的值，且须与法规用语完全一致。

    不通过：

        update_cycle: 每天

    通过：

        update_cycle: 每日
    """)

_document("S-004", "取值类型不对", "schema", """
    字段的取值类型不对，例如应为列表却写成了文字，应为整数却写成了文字。

    不通过：

        mounted: 是

    通过：

        mounted: true
    """)

_document("S-005", "格式不正确", "schema", """
    资源代码、日期、统一社会信用代码、电话等字段有固定格式。日期写成 ``YYYY-MM-DD``；
    资源代码写成“分类码/顺序码”，例如 ``101001/000001``。

    不通过：

        published: 2024年3月1日

    通过：

        published: 2024-03-01
    """)

_document("S-006", "长度或数量不符合要求", "schema", """
    文字太短或太长、列表项太少，或数值超出范围。例如摘要至少 10 个字，每个资源至少一个信息项。

    不通过：

        summary: 人口信息

    通过：

        summary: 本市户籍人口的姓名、公民身份号码、户籍地址等基本登记信息。
    """)

_document("S-007", "列表中有重复的项", "schema", """
    法律依据、关联资源、交换方式等列表中不应出现重复的项。

    不通过：

        basis: [pipl-13, pipl-13]

    通过：

        basis: [pipl-13]
    """)

_document("S-008", "不符合目录标准", "schema", """
    其他不符合目录模式的情况。错误信息给出具体原因。
    """)

_document("F-013", "目录文件放在了目录文件夹之外", "file", """
    拉取请求在目录文件夹 ``catalog/`` 之外新增或修改了一个看起来像目录文件的文件（文件名是资源代码，
    或是 ``department.yaml``、``registry.yaml`` 等）。目录只收录 ``catalog/`` 中的文件，放在别处的
    条目不会被校验、也不会被发布，提交人却可能以为已经编目。请把文件移到 ``catalog/<部门文件夹>/`` 中。
    这是警告：仓库中确有同名的其他文件（如测试样例）时可以忽略。

    不通过：

        gongan/301001-000002.yaml

    通过：

        catalog/gongan/301001-000002.yaml
    """, level="warning")
