"""fwdesk: place and follow FinerWorks print-on-demand orders from the desktop."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fwdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
