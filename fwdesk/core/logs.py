"""The app's log: rotating files under the log folder, every record scrubbed of API keys."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from fwdesk.api.redact import SecretLogFilter

FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def setup_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Attach a rotating file handler to the root logger (once per file) and return it."""
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(log_file):
            return handler
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(SecretLogFilter())
    root.addHandler(handler)
    # httpx logs every request at INFO; the client logs what matters (failures, retries).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return handler
