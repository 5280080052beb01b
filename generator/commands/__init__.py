"""One module per ``catalog`` sub-command: ``HELP``, ``add_arguments(parser)``, ``run(args)``."""
