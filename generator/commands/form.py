"""``catalog form``: generate the submission form (Decap CMS) from the schemas and the profile."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli import EXIT_INTERNAL, EXIT_OK, UsageError
from generator.cms import admin, config, settings, source, vendor
from generator.cms.fields import UnsupportedField

HELP = "生成填报表单（/admin/ 页面和 Decap CMS 的 config.yml）：部门经办人在浏览器中填写，保存即提交申请"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("-o", "--output", metavar="文件夹", help="把表单页面写入此文件夹（例如 site/admin）")
    parser.add_argument(
        "--print-config", nargs="?", const="", metavar="部门标识", help="只输出 config.yml：指定部门时为该部门的表单，否则为全部部门"
    )
    group = parser.add_argument_group("代码托管平台（默认按 registry.yaml 的 repo_url 推断）")
    group.add_argument("--backend", choices=settings.BACKENDS, help="github、gitea，或 proxy（本机 decap-server）")
    group.add_argument("--mode", choices=settings.MODES, help="editorial：保存即开拉取请求；branch：提交到部门分支 form/部门标识")
    group.add_argument("--repo", metavar="所有者/仓库名")
    group.add_argument("--branch", metavar="分支", help="拉取请求的目标分支（默认 main）")
    group.add_argument("--base-url", metavar="网址", help="登录地址：Gitea 实例，或 GitHub 的 OAuth 中转服务")
    group.add_argument("--api-root", metavar="网址", help="接口地址，例如 https://git.example.gov.cn/api/v1")
    group.add_argument("--app-id", metavar="客户端ID", help="在 Gitea 中为表单注册的 OAuth2 应用的客户端 ID")
    group.add_argument("--auth-endpoint", metavar="路径", help="GitHub OAuth 中转服务的授权路径（默认 auth）")
    group.add_argument("--proxy-url", metavar="网址", help="decap-server 的接口地址，例如 http://127.0.0.1:8081/api/v1")


def options(args: argparse.Namespace) -> dict[str, str]:
    return {name: getattr(args, name) or "" for name in settings.OPTIONS}


def run(args: argparse.Namespace) -> int:
    catalog = Path(args.catalog)
    if not catalog.is_dir():
        raise UsageError(f"找不到目录文件夹：{catalog}")
    if args.output is None and args.print_config is None:
        raise UsageError("请用 --output 指定写入表单页面的文件夹，或用 --print-config 只输出配置")
    site, registry = source.read(catalog)
    try:
        chosen = settings.resolve(registry.repo_url if registry else "", registry.site_url if registry else "", options(args))
    except settings.SettingsError as err:
        raise UsageError(str(err)) from None
    if args.print_config is not None:
        department = args.print_config or None
        if department is not None and department not in {d.id for d in site.departments}:
            raise UsageError(f"目录中没有部门“{department}”（部门标识即 catalog/ 下的文件夹名）")
        sys.stdout.write(config.dump(_build(chosen, site, department)))
        return EXIT_OK
    try:
        written = admin.write(Path(args.output), chosen, site)
    except (UnsupportedField, admin.AdminError) as err:
        raise UsageError(str(err)) from None
    except vendor.VendorError as err:
        print(f"catalog：{err}", file=sys.stderr)
        return EXIT_INTERNAL
    mode = "保存即开拉取请求" if chosen.mode == "editorial" else f"提交到部门分支 {settings.BRANCH_PREFIX}部门标识"
    print(f"已生成填报表单：{args.output}（{len(written)} 个文件，{len(site.departments)} 个部门，{chosen.backend}，{mode}）", file=sys.stderr)
    return EXIT_OK


def _build(chosen: settings.FormSettings, site: config.Site, department: str | None) -> dict[str, object]:
    try:
        return config.build(chosen, site, department)
    except UnsupportedField as err:
        raise UsageError(str(err)) from None
