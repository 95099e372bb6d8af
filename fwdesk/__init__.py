"""fwdesk: place and follow FinerWorks print-on-demand orders from the desktop."""

__version__ = "0.1.0"
"""The one place the version is written; pyproject.toml reads it from here. Reading it from
the installed package's metadata instead cost about 40 ms of every start-up."""
