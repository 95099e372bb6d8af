"""API keys in the operating system's keychain, and nowhere else.

Each saved account has one keychain entry (service ``fwdesk``, user = account name) holding
both keys. When no trustworthy keychain exists (no Secret Service on a bare Linux desktop, or
only a plaintext-file backend), keys can be kept in memory for this session only: never a file.
"""

from __future__ import annotations

import json
import logging
from types import ModuleType
from typing import TYPE_CHECKING

from fwdesk.api.keys import Credentials

if TYPE_CHECKING:
    import keyring.backend

SERVICE = "fwdesk"
log = logging.getLogger(__name__)

# Backends that store nothing, keep secrets in a file, or ask for a password on a terminal.
_UNTRUSTED = ("fail", "null", "plaintext", "encrypted", "file")


class KeychainError(Exception):
    """The keychain refused or failed; the message is meant for the user."""


def _keyring() -> ModuleType:
    """keyring finds and loads its backends on import, which costs tens of milliseconds; only
    the first call that needs the keychain pays for it, so demo start-up never does."""
    import keyring
    import keyring.errors

    return keyring


def _backend() -> keyring.backend.KeyringBackend | None:
    """The keychain keyring chose; None when choosing failed (its own configuration file
    unreadable, say), which is no keychain rather than a crash."""
    try:
        return _keyring().get_keyring()
    except Exception as problem:  # keyring's backend discovery raises whatever it meets
        log.warning("no keychain backend: %s", type(problem).__name__)
        return None


def backend_name() -> str:
    backend = _backend()
    if backend is None:
        return "none"
    return getattr(backend, "name", type(backend).__name__)


def keychain_available() -> bool:
    """True when keys would go to a real OS keychain (Secret Service, macOS, Windows)."""
    backend = _backend()
    if backend is None:
        return False
    return any(_trusted(b) for b in getattr(backend, "backends", [backend]))


def _trusted(backend: keyring.backend.KeyringBackend) -> bool:
    where = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    return backend.priority > 0 and not any(word in where for word in _UNTRUSTED)


class CredentialStore:
    """The keychain, with an in-memory fallback the user has to opt into."""

    def __init__(self) -> None:
        self._session: dict[str, Credentials] = {}

    @property
    def keychain_available(self) -> bool:
        return keychain_available()

    def save(self, account: str, credentials: Credentials, *, session_only: bool = False) -> None:
        if session_only:
            self._session[account] = credentials
            return
        web_api_key, app_key = credentials.secrets()
        secret = json.dumps({"web_api_key": web_api_key, "app_key": app_key})
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, account, secret)
        except Exception as problem:  # any backend failure, D-Bus ones included
            raise KeychainError(_plain(problem)) from None
        self._session.pop(account, None)

    def load(self, account: str) -> Credentials | None:
        if account in self._session:
            return self._session[account]
        keyring = _keyring()
        try:
            secret = keyring.get_password(SERVICE, account)
        except Exception as problem:  # any backend failure, D-Bus ones included
            raise KeychainError(_plain(problem)) from None
        if not secret:
            return None
        try:
            data = json.loads(secret)
            return Credentials(str(data["web_api_key"]), str(data["app_key"]))
        except (ValueError, KeyError, TypeError):
            log.warning("the keychain entry for an account is damaged; asking for the keys again")
            return None

    def delete(self, account: str) -> None:
        self._session.pop(account, None)
        keyring = _keyring()
        try:
            keyring.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            return  # nothing was stored
        except Exception as problem:  # any backend failure, D-Bus ones included
            raise KeychainError(_plain(problem)) from None

    def is_session_only(self, account: str) -> bool:
        return account in self._session


def _plain(problem: Exception) -> str:
    """A keyring error in words, without anything the backend may have echoed back."""
    log.warning("keychain failure: %s", type(problem).__name__)
    return (
        "The system keychain, where fwdesk keeps the API keys, could not be used "
        f"({type(problem).__name__}); is the desktop session unlocked?"
    )
