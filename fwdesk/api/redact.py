"""Keeping API keys out of text: error messages, and the httpx log line that prints URLs.

Keys sent in the query string (the old documented mechanism) would otherwise appear in
httpx's own "HTTP Request: GET https://...?web_api_key=..." log record.
"""

from __future__ import annotations

import logging
import threading
import weakref
from typing import ClassVar

MASK = "********"
MIN_SECRET_LENGTH = 6
"""Shorter values are not secrets worth masking (the simulator's public demo/demo pair), and
masking them would garble every log line that happens to contain those letters."""


class Redactor:
    """Replaces every occurrence of the given secrets with a mask."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        # Longest first, so a key that contains the other is masked whole.
        self._secrets = sorted(
            {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True
        )
        SecretLogFilter.add(self)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text


class SecretLogFilter(logging.Filter):
    """Masks every live client's keys in the records it sees (as a logger or handler filter)."""

    _redactors: ClassVar[weakref.WeakSet[Redactor]] = weakref.WeakSet()
    _lock = threading.Lock()

    @classmethod
    def add(cls, redactor: Redactor) -> None:
        with cls._lock:
            cls._redactors.add(redactor)

    @classmethod
    def redact(cls, text: str) -> str:
        with cls._lock:
            redactors = list(cls._redactors)
        for redact in redactors:
            text = redact(text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        text = self.redact(record.getMessage())
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        record.msg, record.args = text, None
        return True


_log_filter = SecretLogFilter()
for _name in ("httpx", "httpcore", "fwdesk.api"):
    logging.getLogger(_name).addFilter(_log_filter)
