"""Harvest benchmark (kept apart from the test suite): ``python tests/benchmarks/harvest.py``.

Writes an upper registry with ``--members`` members, each publishing a synthetic DCAT JSON-LD
download of ``--resources`` datasets (the format of this project's own ``downloads/dcat.jsonld``),
then runs ``catalog harvest`` in a fresh process per run and reports wall time and peak memory
(the child's own ``ru_maxrss``). Each size is run twice: a first harvest (every resource added) and a
second one after every member changed one resource in ten (what a weekly harvest sees). Several
sizes show whether the cost grows linearly. Members are served as ``file:`` addresses: the network
is not what is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.exports.dcat import CONTEXT  # noqa: E402

REGISTRY = """name: 测试国
level: 省
division_code: "100000"
bureau: {name: 测试国家数据局, uscc: 11990100001000010R}
profile: national
member_pages: 5000
members:
"""


def dataset(member: str, number: int, edition: int) -> dict:
    code = f"3{number // 1000 % 100:02d}001/{number:06d}"
    page = f"https://{member}.example.gov.cn/resources/{code.replace('/', '-')}/"
    summary = f"第 {number} 号资源的摘要：记录本部门履职中产生的业务数据，按月更新（第 {edition} 版）。"
    return {
        "@id": page, "@type": "dcat:Dataset", "dct:identifier": code, "dct:title": f"测试资源 {number}",
        "dct:description": summary,
        "dct:publisher": {"@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": f"测试部门 {number % 40}", "dct:identifier": "11990100001000010R"},
        "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC", "@type": "dct:RightsStatement"},
        "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/MONTHLY", "@type": "dct:Frequency"},
        "dct:issued": {"@value": "2024-03-01", "@type": "xsd:date"},
        "dcat:landingPage": {"@id": page, "@type": "foaf:Document"},
        "zwml:shareType": ["无条件共享", "有条件共享", "不予共享"][number % 3],
        "zwml:shareBasis": ["中华人民共和国个人信息保护法 第十三条"] if number % 3 else [],
        "zwml:status": "在用",
    }


def write_member(folder: Path, member: str, resources: int, edition: int) -> Path:
    path = folder / f"{member}.jsonld"
    datasets = [dataset(member, n, edition if n % 10 == 0 else 1) for n in range(1, resources + 1)]
    document = {"@context": CONTEXT, "@type": "dcat:Catalog", "dct:title": member, "dcat:dataset": datasets}
    path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def setup(where: Path, members: int, resources: int) -> Path:
    catalog = where / "catalog"
    catalog.mkdir(parents=True)
    served = where / "served"
    served.mkdir()
    lines = [REGISTRY]
    for index in range(members):
        code = f"{110000 + index * 100}"
        path = write_member(served, code, resources, 1)
        lines.append(f'  - {{code: "{code}", name: 成员{index:02d}, profile: national, source: {{url: "file://{path}"}}}}\n')
    (catalog / "registry.yaml").write_text("".join(lines), encoding="utf-8")
    return served


def run(where: Path) -> tuple[float, float]:
    script = (
        "import resource, sys; from generator.cli import main; code = main(sys.argv[1:]); "
        "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)"
    )
    command = [sys.executable, "-c", script,
               "harvest", "--catalog", str(where / "catalog"), "--date", "2026-11-22", "--format", "json"]
    env = {**os.environ, "CATALOG_CACHE_DIR": str(where / "cache")}
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    peak = int(done.stderr.rsplit("maxrss", 1)[1].split()[0])  # the child's own peak, in KiB
    return seconds, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5x5000,10x5000,20x1000,20x2500,20x5000", help="成员数x每个成员的资源数，逗号分隔")
    parser.add_argument("--output", default=str(REPO / "docs" / "about" / "harvest-benchmarks.json"))
    args = parser.parse_args()
    results = []
    for size in args.sizes.split(","):
        members, resources = (int(x) for x in size.split("x"))
        where = Path(tempfile.mkdtemp(prefix="catalog-harvest-bench-"))
        try:
            served = setup(where, members, resources)
            first, first_mb = run(where)
            for path in served.glob("*.jsonld"):
                write_member(served, path.stem, resources, 2)
            second, second_mb = run(where)
            snapshot = sum(p.stat().st_size for p in (where / "members").rglob("*")) / 1024 / 1024
            total = members * resources
            results.append({"members": members, "resources": resources, "total": total,
                            "first_s": round(first, 1), "first_mb": round(first_mb), "second_s": round(second, 1),
                            "second_mb": round(second_mb), "ms_per_1000": round(first / total * 1_000_000),
                            "snapshot_mb": round(snapshot, 1)})
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        finally:
            shutil.rmtree(where, ignore_errors=True)
    Path(args.output).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
