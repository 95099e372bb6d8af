"""Connecting accounts: validation beside each field, testing the keys, keychain or session."""

from __future__ import annotations

import json

import keyring
import keyring.backends.fail
import pytest
from layout_checks import clipped
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton
from window_checks import connected

from fwdesk.core.accounts import Account, Environment, Mode
from fwdesk.core.credentials import CredentialStore
from fwdesk.ui.dialogs.account_dialog import AccountDialog


@pytest.fixture
def dialog_for(open_window, qtbot):
    window = open_window("--demo")

    def build(**kwargs):
        dialog = AccountDialog(
            window.service, window.credentials, {a.name for a in window.settings.accounts}, **kwargs
        )
        qtbot.addWidget(dialog)
        return dialog

    build.window = window
    return build


def fill(dialog, name="", web="", app="", environment=Environment.PRODUCTION, url=""):
    dialog.findChild(QLineEdit, "accountNameEdit").setText(name)
    dialog.findChild(QLineEdit, "webApiKeyEdit").setText(web)
    dialog.findChild(QLineEdit, "appKeyEdit").setText(app)
    dialog.environment_combo.setCurrentIndex(list(Environment).index(environment))
    dialog.url_edit.setText(url)


def errors(dialog) -> dict[str, str]:
    labels = {
        "name": dialog.name_error,
        "web": dialog.web_key_error,
        "app": dialog.app_key_error,
        "url": dialog.url_error,
    }
    return {key: label.text() for key, label in labels.items() if not label.isHidden()}


def test_keys_are_password_fields_with_a_show_toggle(dialog_for):
    dialog = dialog_for()
    assert dialog.objectName() == "accountDialog"
    web, app = (
        dialog.findChild(QLineEdit, "webApiKeyEdit"),
        dialog.findChild(QLineEdit, "appKeyEdit"),
    )
    assert web.echoMode() == app.echoMode() == QLineEdit.EchoMode.Password
    dialog.findChild(QCheckBox, "showKeysCheck").setChecked(True)
    assert web.echoMode() == app.echoMode() == QLineEdit.EchoMode.Normal
    assert web.accessibleName() == "Web API key" and app.accessibleName() == "App key"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({}, {"name": "Give the account a name.", "web": "Paste the key", "app": "Paste the key"}),
        ({"name": "Shop", "web": "abc def", "app": "x"}, {"web": "no spaces"}),
        ({"name": "Shop", "web": "abc", "app": "clé-1234"}, {"app": "plain letters, digits"}),
        (
            {
                "name": "Shop",
                "web": "a",
                "app": "b",
                "environment": Environment.CUSTOM,
                "url": "ftp://x",
            },
            {"url": "https://"},
        ),
        (
            {
                "name": "Shop",
                "web": "a",
                "app": "b",
                "environment": Environment.CUSTOM,
                "url": "http://h/v3/?x=1",
            },
            {"url": "'?'"},
        ),
    ],
)
def test_wrong_fields_get_a_message_beside_them_and_nothing_is_saved(
    dialog_for, memory_keyring, entry, expected
):
    dialog = dialog_for()
    fill(dialog, **entry)
    dialog.findChild(QPushButton, "saveAccountButton").click()
    shown = errors(dialog)
    assert set(shown) == set(expected)
    for key, fragment in expected.items():
        assert fragment in shown[key]
    assert dialog.choice is None and memory_keyring.entries == {}


def test_a_name_already_taken_is_refused(dialog_for):
    window = dialog_for.window
    window.settings.accounts.append(Account("Shop"))
    dialog = dialog_for()
    fill(dialog, "Shop", "a", "b")
    dialog.save_button.click()
    assert "already has this name" in errors(dialog)["name"]


def test_test_connection_reports_success_and_failure(dialog_for, qtbot, sandbox, caplog):
    dialog = dialog_for()
    fill(dialog, "Sandbox", "demo-web", "nope", Environment.CUSTOM, sandbox.url)
    dialog.findChild(QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: "did not accept" in dialog.result_label.text(), timeout=10000)
    fill(dialog, "Sandbox", "shop2-web", "shop2-app", Environment.CUSTOM, sandbox.url)
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: "Connected to FinerWorks as" in dialog.result_label.text(), timeout=10000
    )
    assert "shop2" in dialog.result_label.text()
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "FinerWorks did not accept the API keys. Copy both keys again from your FinerWorks "
        "account and check the environment (production or test)."
    ], "the refused keys, noted once in the status bar and the log"


def test_the_simulators_demo_keys_are_accepted_and_tested(dialog_for, qtbot, sandbox):
    """The README's sandbox keys are demo/demo: FinerWorks sets no rule between the two."""
    dialog = dialog_for()
    fill(dialog, "Sandbox", "demo", "demo", Environment.CUSTOM, sandbox.url)
    dialog.test_button.click()
    assert errors(dialog) == {}
    qtbot.waitUntil(lambda: "as <b>demo</b>" in dialog.result_label.text(), timeout=10000)
    dialog.save_button.click()
    assert dialog.choice is not None and dialog.choice.credentials.secrets() == ("demo", "demo")


def test_the_http_warning_wraps_inside_the_dialog_at_1024_by_700(open_window, qtbot):
    window = open_window("--demo")
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    dialog = AccountDialog(window.service, window.credentials, set(), parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.findChild(QLabel, "customUrlHint")
    assert hint.isHidden()
    dialog.environment_combo.setCurrentIndex(list(Environment).index(Environment.CUSTOM))
    qtbot.waitUntil(lambda: hint.height() >= hint.heightForWidth(hint.width()), timeout=5000)
    assert "plain http://" in hint.text() and hint.wordWrap()
    assert hint.width() >= dialog.url_edit.width(), "as wide as the field above it"
    assert hint.heightForWidth(hint.width()) > hint.fontMetrics().height(), "it wraps"
    assert dialog.rect().contains(QRect(hint.mapTo(dialog, QPoint(0, 0)), hint.size()))
    assert dialog.height() <= 700 and clipped(dialog) == []


def test_save_puts_the_keys_in_the_keychain_only(dialog_for, memory_keyring, fwdesk_home):
    dialog = dialog_for()
    fill(dialog, "Shop", "web-1234", "app-5678", Environment.TEST_HOST)
    dialog.save_button.click()
    assert dialog.choice is not None and dialog.choice.session_only is False
    stored = json.loads(memory_keyring.entries[("fwdesk", "Shop")])
    assert stored == {"web_api_key": "web-1234", "app_key": "app-5678"}


def test_without_a_keychain_keys_stay_for_the_session_only(dialog_for, qtbot):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    dialog = dialog_for()
    notice = dialog.findChild(QCheckBox, "sessionOnlyCheck")
    assert notice is not None and not dialog.save_button.isEnabled()
    fill(dialog, "Shop", "web-1234", "app-5678")
    notice.setChecked(True)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.choice.session_only is True
    store: CredentialStore = dialog_for.window.credentials
    assert store.is_session_only("Shop")
    assert store.load("Shop").web_api_key == "web-1234"


def test_connecting_switching_and_disconnecting_accounts(
    open_window, qtbot, sandbox, memory_keyring
):
    window = open_window("--demo")
    store = window.credentials
    for name, keys in (("Studio", ("demo", "demo")), ("Second shop", ("shop2-web", "shop2-app"))):
        from fwdesk.api.keys import Credentials

        store.save(name, Credentials(*keys))
        window.settings.upsert(Account(name, Environment.CUSTOM, sandbox.url))
    window.switch_account("Studio")
    qtbot.waitUntil(
        lambda: connected(window) and "as demo" in window.connection_label.text(), timeout=10000
    )
    assert window.banner.mode is Mode.TEST and "“Studio”" in window.banner.detail.text()
    assert "Not encrypted" in window.banner.detail.text()
    window.switch_account("Second shop")
    qtbot.waitUntil(lambda: "as shop2" in window.connection_label.text(), timeout=10000)
    switch_entries = [a.text() for a in window.switch_menu.actions()]
    assert switch_entries == ["Demo (built-in simulator)", "Studio", "Second shop"]
    assert [a.isChecked() for a in window.switch_menu.actions()] == [False, False, True]
    window.disconnect_account()
    assert window.banner.mode is Mode.DEMO
    saved = json.loads((window.paths.settings_file).read_text())
    assert saved["active_account"] is None and len(saved["accounts"]) == 2
