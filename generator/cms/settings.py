"""Which forge the form talks to and how it submits: settings from the registry, checked.

Three backends of Decap CMS are supported:

- ``github`` (GitHub or GitHub Enterprise): editorial workflow — saving opens a pull request;
- ``gitea`` (Gitea or Forgejo, what government intranets run): Decap's Gitea backend has no
  editorial workflow, so each department's form commits to its own branch ``form/<部门标识>`` and
  a workflow opens the pull request (:mod:`generator.cms.branches`);
- ``proxy`` (``decap-server``, npm): a local repository, for trying the form and for the tests.

By default the backend follows the registry's ``repo_url``: ``github.com`` means GitHub, any other
host a Gitea instance at that address.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, replace
from typing import Any

BACKENDS = ("github", "gitea", "proxy")
MODES = ("editorial", "branch")
BRANCH_PREFIX = "form/"
"""Department branches of the branch mode are ``form/<department id>``."""

_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class SettingsError(ValueError):
    """The form cannot be configured as asked; the message is Chinese and names the setting."""


@dataclass(frozen=True)
class FormSettings:
    """How the generated form reaches the repository."""

    backend: str
    """``github``, ``gitea`` or ``proxy`` (Decap's backend names)."""
    mode: str
    """``editorial`` (each saved entry becomes a pull request) or ``branch`` (one branch per department)."""
    repo: str = ""
    """``owner/name`` on the forge; not used by ``proxy``."""
    branch: str = "main"
    """The branch pull requests go to."""
    base_url: str = ""
    """Where login happens: the Gitea instance, or the OAuth relay for GitHub (Decap's ``base_url``)."""
    api_root: str = ""
    """The forge's REST API, e.g. ``https://git.example.gov.cn/api/v1``; GitHub's default when empty."""
    app_id: str = ""
    """Client id of the OAuth application registered on Gitea for the form (Decap's ``app_id``)."""
    auth_endpoint: str = ""
    """Path of the OAuth relay's authorisation endpoint (GitHub only), default ``auth``."""
    proxy_url: str = ""
    """URL of ``decap-server``'s API, e.g. ``http://127.0.0.1:8081/api/v1`` (``proxy`` only)."""
    site_url: str = ""

    def department_branch(self, department: str) -> str:
        return f"{BRANCH_PREFIX}{department}"

    def backend_config(self, department: str | None = None) -> dict[str, Any]:
        """Decap's ``backend`` section; in branch mode a department page commits to its branch."""
        branch = self.branch
        if self.mode == "branch" and department is not None:
            branch = self.department_branch(department)
        config: dict[str, Any] = {"name": self.backend}
        if self.backend == "proxy":
            config["proxy_url"] = self.proxy_url
        else:
            config["repo"] = self.repo
        config["branch"] = branch
        for key in ("base_url", "api_root", "auth_endpoint", "app_id"):
            value = getattr(self, key)
            if value:
                config[key] = value
        return config


OPTIONS = ("backend", "mode", "repo", "branch", "base_url", "api_root", "app_id", "auth_endpoint", "proxy_url")
"""Settings a site or the command line may give; anything not given is derived from the registry."""


def resolve(repo_url: str, site_url: str, given: dict[str, str]) -> FormSettings:
    """Settings from the registry's ``repo_url`` and explicit values (empty strings are not given)."""
    given = {k: v.strip() for k, v in given.items() if k in OPTIONS and v and v.strip()}
    derived = _from_repo_url(repo_url)
    backend = given.get("backend") or derived.get("backend", "")
    if not backend:
        raise SettingsError("无法确定表单连接哪个代码托管平台：请在 registry.yaml 中填写 repo_url，或指定 backend（github、gitea 或 proxy）")
    if backend not in BACKENDS:
        raise SettingsError(f"表单的 backend 应为 github、gitea 或 proxy，现在是“{backend}”")
    values = {k: v for k, v in derived.items() if derived.get("backend") == backend} if backend != "proxy" else {}
    values.update(given)
    values["backend"] = backend
    values.setdefault("mode", "branch" if backend == "gitea" else "editorial")
    settings = FormSettings(**{k: values.get(k, "") for k in OPTIONS if k in values}, site_url=site_url)
    if not settings.branch:
        settings = replace(settings, branch="main")
    check(settings)
    return settings


def _from_repo_url(repo_url: str) -> dict[str, str]:
    parsed = urllib.parse.urlsplit(repo_url or "")
    path = parsed.path.strip("/").removesuffix(".git")
    if not parsed.netloc or not _REPO.match(path):
        return {}
    if parsed.netloc.lower() == "github.com":
        return {"backend": "github", "repo": path}
    forge = f"{parsed.scheme}://{parsed.netloc}"
    return {"backend": "gitea", "repo": path, "base_url": forge, "api_root": f"{forge}/api/v1"}


def check(settings: FormSettings) -> None:
    """Refuse settings Decap would reject or that would send a clerk's login somewhere unsafe."""
    if settings.mode not in MODES:
        raise SettingsError(f"表单的 mode 应为 editorial（保存即开拉取请求）或 branch（按部门分支），现在是“{settings.mode}”")
    if settings.backend == "gitea" and settings.mode == "editorial":
        raise SettingsError("Decap CMS 的 Gitea 后端不支持编辑工作流（editorial_workflow）：Gitea 请使用 mode: branch（按部门分支，由工作流开拉取请求）")
    if settings.backend == "proxy":
        _url("proxy_url", settings.proxy_url, local_http=True, required=True)
        return
    if not _REPO.match(settings.repo):
        raise SettingsError(f"表单的 repo 应为“所有者/仓库名”，现在是“{settings.repo}”")
    _url("base_url", settings.base_url, required=settings.backend == "gitea")
    _url("api_root", settings.api_root, required=settings.backend == "gitea")
    if settings.backend == "gitea" and not settings.app_id:
        raise SettingsError("使用 Gitea 登录表单须填写 app_id：在 Gitea 中为表单注册 OAuth2 应用（重定向地址为网站的 /admin/ 页面），填写其客户端 ID")
    if settings.backend == "github" and settings.app_id:
        raise SettingsError("app_id 只用于 Gitea；GitHub 的登录经由 base_url 指向的 OAuth 中转服务")


def _url(name: str, value: str, *, required: bool, local_http: bool = False) -> None:
    if not value:
        if required:
            raise SettingsError(f"表单缺少设置 {name}")
        return
    parsed = urllib.parse.urlsplit(value)
    local = parsed.hostname in ("localhost", "127.0.0.1", "::1")
    if parsed.scheme == "https" and parsed.netloc:
        return
    if parsed.scheme == "http" and parsed.netloc and (local or local_http):
        return
    raise SettingsError(f"表单的 {name} 应为 https:// 开头的网址（本机测试可用 http://127.0.0.1），现在是“{value}”")
