"""JSON over HTTPS with the standard library, shared by the forge clients."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from generator.forge import ForgeError

TIMEOUT = 30


class Rest:
    """A JSON REST API at ``base`` with fixed headers."""

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.base = base.rstrip("/")
        self.headers = {"Accept": "application/json", "User-Agent": "catalog-registry-bot", **headers}

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None, missing_ok: bool = False) -> Any:
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                raw = response.read()
        except urllib.error.HTTPError as err:
            err.close()
            if missing_ok and err.code == 404:
                return None
            raise ForgeError(f"代码托管平台拒绝了请求 {method} {path}：HTTP {err.code} {err.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            raise ForgeError(f"无法连接代码托管平台 {self.base}：{getattr(err, 'reason', err)}") from None
        return json.loads(raw) if raw.strip() else None

    def pages(self, path: str, query: dict[str, Any], size_key: str, limit: int = 50) -> list[Any]:
        """Every item of a paginated list (pages of 50 until a short page)."""
        items: list[Any] = []
        for page in range(1, 1000):
            chunk = self.call("GET", path, query={**query, size_key: limit, "page": page}) or []
            items.extend(chunk)
            if len(chunk) < limit:
                break
        return items
