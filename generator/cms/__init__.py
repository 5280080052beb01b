"""The submission form (填报表单): Decap CMS at ``/admin/`` of the built site, generated from the schemas.

A department clerk fills a form instead of writing YAML; saving opens a pull request (GitHub's
editorial workflow) or commits to the department's own branch, from which a workflow opens the pull
request (Gitea, whose Decap backend has no editorial workflow). ``catalog check`` then runs on that
pull request as on any other. The stages, one module each:

- :mod:`settings` — which forge, repository and mode, from the registry and the site's settings;
- :mod:`fields` — the resource schema and the profile as Decap widgets (labels and hints in Chinese);
- :mod:`config` — one ``config.yml`` per page: the backend, one collection per department;
- :mod:`vendor` — the pinned Decap CMS bundle shipped in the repository (no CDN at run time);
- :mod:`admin` — writes the pages under ``admin/``; :mod:`plugin` does it during ``mkdocs build``;
- :mod:`branches` — the pull request for each department branch (the workflow in ``workflows/``).

The browser side (``static/``) reads and writes YAML exactly as :mod:`generator.load.yamlwrite` does.
"""
