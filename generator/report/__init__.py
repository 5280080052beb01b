"""Reports for people about pull requests and notices: Markdown, GitHub annotations, plain text.

Each module returns text; only the CLI writes it anywhere. Everything a submitter wrote passes
through :func:`generator.report.neutral.text` before it reaches Markdown.
"""
