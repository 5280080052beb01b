"""Validate: a whole catalog checked against the schemas and every rule (:mod:`.files`), and the
same at scale with results cached per file and misses checked on every core (:mod:`.batch`)."""
