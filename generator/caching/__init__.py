"""Caches of earlier results (validation, resource pages, search-index parts) that a pull request
cannot write to and that are never trusted without a check.

- :mod:`~generator.caching.place` decides the folder: outside the repository by default, and a
  configured folder inside the repository is refused;
- :mod:`~generator.caching.store` reads and writes entries: plain bytes (JSON, HTML, an archive,
  never a pickle), each sealed with an HMAC under a per-machine secret that lives outside every
  cache folder; an entry that fails its check is ignored and made again.
"""

from generator.caching.place import open_store
from generator.caching.store import Store

__all__ = ["Store", "open_store"]
