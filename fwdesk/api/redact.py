"""Keeping API keys out of text: error messages, and the httpx log line that prints URLs.

Keys sent in the query string (the old documented mechanism) would otherwise appear in
httpx's own "HTTP Request: GET https://...?web_api_key=..." log record.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from typing import ClassVar
from urllib.parse import quote, quote_plus

MASK = "********"


def spellings(secret: str) -> set[str]:
    """The forms a key can take in text: as it is, URL-encoded, escaped inside a JSON string,
    and backslash-escaped (a repr, a log of bytes)."""
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret),
        json.dumps(secret)[1:-1],
        secret.encode("unicode_escape").decode("ascii"),
        repr(secret)[1:-1],
    }
    return {form for form in forms if form}


class Redactor:
    """Replaces every occurrence of the given secrets, in any of their spellings, with a
    mask; keys of any length are masked, since any length can be an account's key."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        forms = {form for secret in secrets if secret for form in spellings(secret)}
        # Longest first, so a key that contains the other is masked whole.
        self._secrets = sorted(forms, key=len, reverse=True)
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
