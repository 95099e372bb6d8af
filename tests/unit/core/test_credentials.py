"""The keychain wrapper: any failure of the backend reaches the app as one plain message."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest

from fwdesk.api.keys import Credentials
from fwdesk.core.credentials import CredentialStore, KeychainError

SECRET = "w3b-k3y-never-shown"


class _BrokenBus(keyring.backend.KeyringBackend):
    """Fails as a Secret Service behind a dead D-Bus connection does: not a KeyringError."""

    priority = 1

    def get_password(self, service, username):
        raise ConnectionResetError(f"bus gone while reading {SECRET}")

    def set_password(self, service, username, password):
        raise ConnectionResetError(f"bus gone while writing {password}")

    def delete_password(self, service, username):
        raise ConnectionResetError("bus gone")


@pytest.fixture
def broken_keychain():
    previous = keyring.get_keyring()
    keyring.set_keyring(_BrokenBus())
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize(
    "call",
    [
        lambda store: store.load("Studio"),
        lambda store: store.save("Studio", Credentials(SECRET, "app-key-123456")),
        lambda store: store.delete("Studio"),
    ],
    ids=["load", "save", "delete"],
)
def test_any_backend_failure_is_a_keychain_error_without_the_secret(broken_keychain, call, caplog):
    with pytest.raises(KeychainError) as raised:
        call(CredentialStore())
    message = str(raised.value)
    assert "keychain" in message and "ConnectionResetError" in message
    assert SECRET not in message
    [logged] = caplog.records
    assert "ConnectionResetError" in logged.getMessage() and SECRET not in logged.getMessage()


def test_session_only_keys_need_no_keychain(broken_keychain):
    store = CredentialStore()
    store.save("Studio", Credentials(SECRET, "app-key-123456"), session_only=True)
    assert store.load("Studio").secrets() == (SECRET, "app-key-123456")
