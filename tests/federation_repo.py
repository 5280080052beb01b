"""A province registry with two city members and one county member, as real git repositories.

::

    province/   测试省 450000 (jilin)   members: 450100 (git), 450200 (path), 450221 (url: DCAT over HTTP)
    city1/      测试市 450100 (national) the base test catalog, committed 2026-09-01
    city2/      测试二市 450200 (national) the base catalog renamed, committed 2026-09-02
    county/     测试县 450221 (national) the base catalog renamed; its DCAT download served by
                a local ``http.server`` (Last-Modified / If-Modified-Since)

The province lists 户籍人口基本信息 as 不予共享 (个人信息保护法 第十三条) on its negative list; the
cities share a resource of that name unconditionally, which the cross-level check flags.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import BASE, TODAY
from gitbuild import GitRepo

from generator.exports import dcat
from generator.exports.jsonfile import dump_script_safe
from generator.publish.source import collect

NEGATIVE = """code: 301001/000009
name: 户籍人口基本信息
classification:
  class: 部门
  item: 测试市公安局
department: gongan
summary: 全省户籍人口的姓名、公民身份号码、户籍地址等基本登记信息。
format: {category: 数据库, type: 达梦数据库}
items:
  - {name: 公民身份号码, type: C, length: 18, identifier: true}
share:
  type: 不予共享
  condition: 含公民身份号码等个人信息，法律规定不得向其他部门提供
  basis: [pipl-13]
open:
  type: 不予开放
  condition: 含个人身份信息
  basis: [pipl-13]
update_cycle: 每日
published: "2024-03-01"
source_business: 户口登记
subject_type: 自然人
security_level: 敏感
mounted: true
status: 在用
"""


def member_repo(where: Path, name: str, code: str, day: str) -> GitRepo:
    repo = GitRepo(where)
    shutil.copytree(BASE, where / "catalog")
    repo.replace("catalog/registry.yaml", "name: 测试市", f"name: {name}")
    repo.replace("catalog/registry.yaml", 'division_code: "450100"', f'division_code: "{code}"')
    repo.commit(f"新增{name}目录", day)
    return repo


def members_yaml(city1: Path, city2: Path, county_url: str) -> str:
    return f"""members:
  - code: "450100"
    name: 测试市
    level: 市
    profile: national
    site_url: https://city1.example.gov.cn
    source: {{git: "{city1}", ref: main}}
  - code: "450200"
    name: 测试二市
    level: 市
    profile: national
    source: {{path: "{city2}"}}
  - code: "450221"
    name: 测试县
    level: 县
    profile: national
    source: {{url: "{county_url}"}}
"""


@dataclass
class Federation:
    province: GitRepo
    city1: GitRepo
    city2: GitRepo
    county: GitRepo
    served: Path
    """The folder the HTTP server serves (``dcat.jsonld``)."""
    url: str

    @property
    def catalog(self) -> Path:
        return self.province.root / "catalog"

    def publish_county(self) -> None:
        """Write the county's DCAT download as its site would."""
        data = collect(self.county.root / "catalog", TODAY)
        (self.served / "dcat.jsonld").write_bytes(dump_script_safe(dcat.catalog(data, "https://county.example.gov.cn/")))


@contextmanager
def federation(where: Path) -> Iterator[Federation]:
    city1 = member_repo(where / "city1", "测试市", "450100", "2026-09-01")
    city2 = member_repo(where / "city2", "测试二市", "450200", "2026-09-02")
    county = member_repo(where / "county", "测试县", "450221", "2026-09-03")
    served = where / "served"
    served.mkdir()
    handler = functools.partial(_Quiet, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/dcat.jsonld"
    try:
        province = member_repo(where / "province", "测试省", "450000", "2026-09-04")
        province.replace("catalog/registry.yaml", "level: 市", "level: 省")
        province.replace("catalog/registry.yaml", "profile: national", "profile: jilin")
        registry = province.read("catalog/registry.yaml")
        province.write("catalog/registry.yaml", registry + members_yaml(city1.root, city2.root, url))
        province.write("catalog/gongan/301001-000009.yaml", NEGATIVE)
        province.replace("catalog/shichang/102001-000001.yaml", "item: 法人单位", "item: 法人")  # 吉林 第二十一条
        province.commit("登记下级目录", "2026-09-05")
        found = Federation(province, city1, city2, county, served, url)
        found.publish_county()
        yield found
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
