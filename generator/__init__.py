"""Git-based registry for government data-resource catalogs (政务数据资源目录)."""

from pathlib import Path

__version__ = "0.1.0"

#: The repository's JSON Schemas: the one definition of the catalog's shape.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
