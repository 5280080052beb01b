"""Load and shape: catalog files as bytes → text → YAML values with positions → schema-checked
frozen records (:mod:`.catalog`, :mod:`.model`), with the folder layout, the schemas and the
checks of characters and codes that loading needs."""
