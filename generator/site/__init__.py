"""The public catalog site: an MkDocs plugin that builds every page from the catalog folder.

Stages, in order (see :mod:`generator.site.plugin`): load and validate the catalog
(:mod:`.data`), plan the pages (:mod:`.pages`), render the generated pages' HTML from the Jinja
templates in ``generator/templates/site`` (:mod:`.render`), render resource pages straight into
the theme without Markdown (:mod:`.resources`), write downloads (:mod:`generator.exports`) and
index the site for search (:mod:`.search`).
"""
