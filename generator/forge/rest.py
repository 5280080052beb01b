"""JSON over HTTPS with the standard library, shared by the forge clients.

Whatever comes back is checked before anyone reads it: a web page (a login page, a proxy's error
page), cut-off or otherwise broken JSON, or a value of the wrong shape is a :class:`ForgeError`
naming the request, never a traceback. Redirects are followed only to the same scheme, host and
port as the API base: ``urllib`` would otherwise send the ``Authorization`` header (the token) to
whatever host a redirect names.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from generator.forge import ForgeError

TIMEOUT = 30


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the API's own origin; anything else is refused."""

    def __init__(self, origin: tuple[str, str]) -> None:
        self.origin = origin

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if (target.scheme, target.netloc) != self.origin:
            fp.close()
            raise ForgeError(
                f"代码托管平台把请求重定向到另一个地址 {target.scheme}://{target.netloc}；"
                "为保护访问令牌，没有跟随。请检查 CATALOG_FORGE_API 是否为平台 API 的正确地址",
                code,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Rest:
    """A JSON REST API at ``base`` with fixed headers."""

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json", "User-Agent": "catalog-registry-bot", **headers}
        split = urllib.parse.urlsplit(self.base)
        self.opener = urllib.request.build_opener(_SameOrigin((split.scheme, split.netloc)))

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None, missing_ok: bool = False) -> Any:
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                raw = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            err.close()
            if missing_ok and err.code == 404:
                return None
            raise ForgeError(f"代码托管平台拒绝了请求 {method} {path}：HTTP {err.code} {err.reason}", err.code) from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise ForgeError(f"无法连接代码托管平台 {self.base}：{getattr(err, 'reason', err)}") from None
        except http.client.HTTPException as err:
            raise ForgeError(f"代码托管平台对请求 {method} {path} 的回复不完整（{type(err).__name__}），请稍后重新运行") from None
        return _decode(raw, kind, method, path)

    def pages(self, path: str, query: dict[str, Any], size_key: str, limit: int = 50) -> list[Any]:
        """Every item of a paginated list (pages of 50 until a short page)."""
        items: list[Any] = []
        for page in range(1, 1000):
            chunk = self.call("GET", path, query={**query, size_key: limit, "page": page}) or []
            items.extend(listed(chunk, f"GET {path}"))
            if len(chunk) < limit:
                break
        return items


def _decode(raw: bytes, kind: str, method: str, path: str) -> Any:
    if not raw.strip():
        return None
    start = raw.lstrip()[:1]
    if kind == "text/html" or start == b"<":
        raise ForgeError(
            f"代码托管平台对请求 {method} {path} 返回了网页而不是 JSON（可能是登录页、代理或维护页面），"
            "请检查 CATALOG_FORGE_API 和访问令牌"
        )
    try:
        return json.loads(raw)
    except ValueError:
        raise ForgeError(f"代码托管平台对请求 {method} {path} 的回复不是完整的 JSON（可能被截断），请稍后重新运行") from None


_SHAPES = {dict: "对象", list: "列表", str: "字符串", int: "数字", float: "数字", bool: "真假值", type(None): "空值"}


def shape(value: Any) -> str:
    """The JSON kind of ``value``, in Chinese."""
    return _SHAPES.get(type(value), "未知内容")


def listed(value: Any, what: str) -> list[Any]:
    """``value`` if it is a JSON array, else a :class:`ForgeError` about ``what``."""
    if not isinstance(value, list):
        raise ForgeError(f"代码托管平台对请求 {what} 的回复应为列表，实际是{shape(value)}")
    return value
