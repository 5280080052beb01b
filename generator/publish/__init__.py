"""The publish model: the catalog as published on a given date — its records, lists, needs
matching, statistics, notices, deadlines and change history — computed once, with no MkDocs
import. :mod:`generator.site` renders it; :mod:`generator.exports` serialises it."""
