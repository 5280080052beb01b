"""A synthetic catalog for benchmarks and scale tests, deterministic from a seed.

Vocabulary comes from the sample catalog (resource and data-item names) and, when present, from the
real portal records in ``../shared/corpus/`` (titles only, used as words, never copied as records).
Every share and open type occurs, with negative-list entries, resources on notice and delisted ones.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.load.model import code_to_stem
from generator.load.uscc import check_character, org_check_character

DISTRICTS = (
    "城东", "城西", "城南", "城北", "高新", "开发", "滨江", "临港", "新城", "老城",
    "东湖", "西山", "南岭", "北塘", "青溪", "白沙", "红岩", "金山", "银湖", "石门",
)
FALLBACK_NAMES = (
    "企业登记信息", "行政许可信息", "行政处罚信息", "监督检查信息", "统计监测数据", "项目审批信息",
    "证照核发信息", "人员资格信息", "设施分布信息", "补贴发放信息", "投诉举报信息", "检验检测结果",
)
FALLBACK_ITEMS = (
    "名称", "地址", "联系电话", "登记日期", "办理状态", "所属区域", "经办机构", "有效期至", "备注",
    "金额", "数量", "类别代码", "审批意见", "负责人", "经度", "纬度", "更新时间",
)
SHARE = ("无条件共享",) * 6 + ("有条件共享",) * 3 + ("不予共享",)
OPEN = ("无条件开放",) * 4 + ("依申请开放",) * 3 + ("不予开放",) * 3
CYCLES = ("实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期")
BASES = (
    ("pipl-13", "中华人民共和国个人信息保护法", "第十三条"),
    ("tongjifa-39", "中华人民共和国统计法", "第三十九条"),
    ("shujuanquan-21", "中华人民共和国数据安全法", "第二十一条"),
    ("xinxi-gongkai-15", "中华人民共和国政府信息公开条例", "第十五条"),
)


@dataclass(frozen=True)
class Vocabulary:
    names: tuple[str, ...]
    items: tuple[str, ...]


def vocabulary(sample: Path | None, corpus: Path | None) -> Vocabulary:
    """Resource names and data-item names to draw from."""
    names: set[str] = set(FALLBACK_NAMES)
    items: set[str] = set(FALLBACK_ITEMS)
    if sample and sample.is_dir():
        for path in sorted(sample.glob("*/*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            if isinstance(data, dict) and "items" in data:
                names.add(str(data["name"]))
                items.update(str(item["name"]) for item in data["items"] if isinstance(item, dict))
    if corpus and corpus.is_dir():
        for path in sorted(corpus.glob("*.json")):
            for record in json.loads(path.read_text(encoding="utf-8")):
                title = record.get("名称") or record.get("目录名称") or record.get("标题")
                if isinstance(title, str):
                    cleaned = re.sub(r"^[\u4e00-\u9fa5]{2,3}[市省]", "", title.strip())
                    if 4 <= len(cleaned) <= 40:
                        names.add(cleaned)
    items -= {"公民身份号码", "统一社会信用代码"}
    return Vocabulary(tuple(sorted(names)), tuple(sorted(items)))


def uscc(division: str, serial: int) -> str:
    body = f"{serial:08d}"
    head = "11" + division + body + org_check_character(body)
    return head + check_character(head)


def write_catalog(
    root: Path, resources: int, departments: int, items: int, seed: int, words: Vocabulary
) -> list[Path]:
    """Write a valid catalog under ``root`` (the catalog folder); returns resource paths in order."""
    rng = random.Random(seed)
    division = "459900"
    root.mkdir(parents=True, exist_ok=True)
    (root / "registry.yaml").write_text(
        "# 合成数据：用于性能测试。\nname: 合成省\nlevel: 省\ndivision_code: \"459900\"\nsample: true\n"
        f"bureau:\n  name: 合成省大数据发展局\n  uscc: \"{uscc(division, 1)}\"\nprofile: guangxi\n",
        encoding="utf-8",
    )
    (root / "legal_bases.yaml").write_text(
        "".join(
            f"- id: {i}\n  name: {n}\n  article: {a}\n  issuer: 全国人民代表大会常务委员会\n  effective: \"2021-11-01\"\n"
            for i, n, a in BASES
        ),
        encoding="utf-8",
    )
    depts = [f"d{index:03d}" for index in range(departments)]
    for index, dept in enumerate(depts):
        folder = root / dept
        folder.mkdir(exist_ok=True)
        (folder / "department.yaml").write_text(
            f"id: {dept}\nname: 合成省第{index + 1}厅\nuscc: \"{uscc(division, 100 + index)}\"\n"
            f"item_code: \"{index // 100 + 1:02d}{index % 100:03d}\"\ncontact:\n  office: 信息中心\n  phone: 0771-{5000000 + index}\n",
            encoding="utf-8",
        )
    paths = []
    for number in range(resources):
        dept_index = number % departments
        path = _resource(root, number, dept_index, depts, items, rng, words)
        paths.append(path)
    return paths


def _resource(
    root: Path, number: int, dept_index: int, depts: list[str], items: int, rng: random.Random, words: Vocabulary
) -> Path:
    dept = depts[dept_index]
    item_code = f"{dept_index // 100 + 1:02d}{dept_index % 100:03d}"
    sequence = number // len(depts) + 1
    code = f"3{item_code}/{sequence:06d}"
    district = DISTRICTS[(number // len(words.names)) % len(DISTRICTS)]
    name = f"{district}{words.names[number % len(words.names)]}（{number}）"
    subject = rng.choice(("自然人", "法人", "其他"))
    lines = [f"code: {code}", f"name: {name}", "classification:", "  class: 部门", f"  item: 合成省第{dept_index + 1}厅",
             f"department: {dept}", f"summary: {name}，记录{district}相关业务办理过程中形成的数据，供政务部门履职使用。",
             "format: {category: 数据库, type: 关系型数据库}", "items:"]
    identifier = {"自然人": "公民身份号码", "法人": "统一社会信用代码"}.get(subject)
    if identifier:
        lines.append(f"  - {{name: {identifier}, type: C, length: 18, identifier: true}}")
    for k in range(items - (1 if identifier else 0)):
        item = words.items[(number * 7 + k * 13) % len(words.items)]
        kind = ("C", "D", "N", "T", "C", "M")[k % 6]
        length = ", length: 100" if kind == "C" else ""
        lines.append(f"  - {{name: {item}{k + 1}, type: {kind}{length}}}")
    share = rng.choice(SHARE)
    lines += ["share:", f"  type: {share}"]
    if share != "无条件共享":
        lines += ["  condition: 仅向依法履职需要的部门提供", "  basis: [pipl-13]"]
    opened = rng.choice(OPEN)
    if subject == "自然人" and opened == "无条件开放":
        opened = "依申请开放"  # data identifying natural persons is never opened unconditionally
    lines += ["open:", f"  type: {opened}"]
    if opened != "无条件开放":
        lines += ["  condition: 涉及个人信息或商业秘密", "  basis: [xinxi-gongkai-15]"]
    status = "公示中" if number % 211 == 5 else "已下线" if number % 223 == 7 else "在用"
    lines += [f"update_cycle: {CYCLES[number % len(CYCLES)]}", f"published: \"20{23 + number % 3}-0{1 + number % 9}-1{number % 10}\"",
              "source_business: 日常业务办理", f"subject_type: {subject}", "security_level: 内部",
              f"mounted: {'true' if number % 2 else 'false'}", f"status: {status}"]
    if status != "在用":
        lines += ["delisting:", "  reason: 职能调整，该业务已划转至其他部门", "  basis: [shujuanquan-21]"]
    path = root / dept / f"{code_to_stem(code)}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
