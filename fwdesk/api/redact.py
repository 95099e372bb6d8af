"""Keeping API keys out of text: error messages, and the httpx log line that prints URLs.

Keys sent in the query string (the old documented mechanism) would otherwise appear in
httpx's own "HTTP Request: GET https://...?web_api_key=..." log record.
"""

from __future__ import annotations

import logging
import threading
import weakref

MASK = "********"


class Redactor:
    """Replaces every occurrence of the given secrets with a mask."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        # Longest first, so a key that contains the other is masked whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        _log_filter.add(self)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text


class _SecretLogFilter(logging.Filter):
    """Masks every live client's keys in records of the loggers it is attached to."""

    def __init__(self) -> None:
        super().__init__()
        self._redactors: weakref.WeakSet[Redactor] = weakref.WeakSet()
        self._lock = threading.Lock()

    def add(self, redactor: Redactor) -> None:
        with self._lock:
            self._redactors.add(redactor)

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            redactors = list(self._redactors)
        if redactors:
            text = record.getMessage()
            for redact in redactors:
                text = redact(text)
            record.msg, record.args = text, None
        return True


_log_filter = _SecretLogFilter()
for _name in ("httpx", "httpcore", "fwdesk.api"):
    logging.getLogger(_name).addFilter(_log_filter)
