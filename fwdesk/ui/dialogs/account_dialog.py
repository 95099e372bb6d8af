"""Connect (or edit) a FinerWorks account: a name, the two keys, and where to send orders.

The keys go to the OS keychain on Save. If this computer has no usable keychain, the dialog
says so and saving needs the user's explicit choice to keep the keys for this session only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.account import CredentialCheck
from fwdesk.api.keys import Credentials, key_problem
from fwdesk.core.accounts import Account, Environment, normalise_url, url_problem
from fwdesk.core.credentials import CredentialStore, KeychainError
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.ui.work.jobs import Job, JobRunner

PROBE_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class AccountChoice:
    """What the dialog produced: the account, its keys, and where the keys live."""

    account: Account
    credentials: Credentials
    session_only: bool


def field_error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    wrapping(label)
    label.hide()
    return label


def wrapping(label: QLabel) -> QLabel:
    """A label under a field that takes the field's whole width and as many lines as its text
    needs: a form lays a label out at its preferred width otherwise, a narrow column of a few
    words whose last lines fall outside the dialog."""
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label


def set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def grow_to_fit(dialog: QWidget) -> None:
    """Taller when a message shown after opening needs it. Qt sizes a window whose layout
    wraps text once, when it opens: a line that wraps later would be cut at the bottom of its
    row. Never taller than the window the dialog belongs to."""
    layout = dialog.layout()
    if layout is None or not dialog.isVisible():
        return
    width = dialog.width()
    wanted = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    owner = dialog.parentWidget()
    if owner is not None:
        wanted = min(wanted, owner.window().height())
    if wanted > dialog.height():
        dialog.resize(width, wanted)


class AccountDialog(QDialog):
    def __init__(
        self,
        service: JobRunner,
        store: CredentialStore,
        taken_names: set[str],
        account: Account | None = None,
        credentials: Credentials | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle("Edit account" if account else "Connect a FinerWorks account")
        self.setMinimumWidth(560)
        self._service = service
        self._store = store
        self._taken = taken_names - ({account.name} if account else set())
        self._original = account
        self._probe: Job | None = None
        self.choice: AccountChoice | None = None
        self._build()
        if account is not None:
            self.name_edit.setText(account.name)
            self.environment_combo.setCurrentIndex(list(Environment).index(account.environment))
            self.url_edit.setText(account.custom_url)
        if credentials is not None:
            self.web_key_edit.setText(credentials.web_api_key)
            self.app_key_edit.setText(credentials.app_key)
        self._environment_changed()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.windowTitle(), objectName="dialogTitle")
        intro = QLabel(
            "Both keys are in your FinerWorks account under API settings. fwdesk keeps them in "
            "this computer's keychain, never in a file."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.name_edit = self._line("accountNameEdit", "Account name", "e.g. My print shop")
        self.web_key_edit = self._secret("webApiKeyEdit", "Web API key")
        self.app_key_edit = self._secret("appKeyEdit", "App key")
        self.show_keys = QCheckBox("Show keys", objectName="showKeysCheck")
        self.show_keys.toggled.connect(self._toggle_keys)
        self.environment_combo = QComboBox(objectName="environmentCombo")
        self.environment_combo.setAccessibleName("Environment")
        for environment in Environment:
            self.environment_combo.addItem(environment.label, environment)
        self.environment_combo.currentIndexChanged.connect(self._environment_changed)
        self.url_edit = self._line("customUrlEdit", "Custom URL", "https://…/v3/")
        self.url_hint = wrapping(QLabel(objectName="customUrlHint"))
        self.url_hint.setProperty("role", "hint")

        self.name_error, self.web_key_error, self.app_key_error, self.url_error = (
            field_error_label() for _ in range(4)
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Account &name", self.name_edit)
        form.addRow("", self.name_error)
        form.addRow("&Web API key", self.web_key_edit)
        form.addRow("", self.web_key_error)
        form.addRow("&App key", self.app_key_edit)
        form.addRow("", self.app_key_error)
        form.addRow("", self.show_keys)
        form.addRow("&Environment", self.environment_combo)
        self.url_label = QLabel("Custom &URL")
        self.url_label.setBuddy(self.url_edit)
        form.addRow(self.url_label, self.url_edit)
        form.addRow("", self.url_error)
        form.addRow("", self.url_hint)

        self.test_button = QPushButton("&Test connection", objectName="testConnectionButton")
        self.test_button.clicked.connect(self._test_connection)
        self.result_frame = QFrame(objectName="connectionResult")
        self.result_label = QLabel(objectName="connectionResultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout = QHBoxLayout(self.result_frame)
        result_layout.setContentsMargins(10, 8, 10, 8)
        result_layout.addWidget(self.result_label)
        self.result_frame.hide()
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save and connect")
        self.save_button.setObjectName("saveAccountButton")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(title)
        layout.addWidget(intro)
        if not self._store.keychain_available:
            layout.addWidget(self._no_keychain_notice())
        else:
            self.session_only = None
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.result_frame)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(objectName=name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._forget_result)
        return edit

    def _secret(self, name: str, accessible: str) -> QLineEdit:
        edit = self._line(name, accessible, "paste it here")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
        )
        return edit

    def _no_keychain_notice(self) -> QFrame:
        notice = QFrame(objectName="noKeychainNotice")
        notice.setProperty("role", "warning")
        text = QLabel(
            "<b>No system keychain is available on this computer,</b> so fwdesk cannot store "
            "your keys safely. You can still connect: fwdesk will keep the keys in memory until "
            "you quit, and ask for them again next time. They are never written to a file."
        )
        text.setWordWrap(True)
        self.session_only = QCheckBox(
            "Keep my keys for this session only", objectName="sessionOnlyCheck"
        )
        self.session_only.toggled.connect(self._update_save)
        layout = QVBoxLayout(notice)
        layout.addWidget(text)
        layout.addWidget(self.session_only)
        self.save_button.setEnabled(False)
        return notice

    # -- behaviour ------------------------------------------------------------------------

    @property
    def environment(self) -> Environment:
        return self.environment_combo.currentData()

    @Slot(bool)
    def _toggle_keys(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.web_key_edit.setEchoMode(mode)
        self.app_key_edit.setEchoMode(mode)

    @Slot()
    def _update_save(self) -> None:
        self.save_button.setEnabled(self.session_only is None or self.session_only.isChecked())

    @Slot()
    def _environment_changed(self) -> None:
        custom = self.environment is Environment.CUSTOM
        self.url_label.setVisible(custom)
        self.url_edit.setVisible(custom)
        self.url_hint.setVisible(custom)
        self.url_hint.setText(
            "An address over plain http:// is not encrypted: use it only for a local simulator."
        )
        if not custom:
            set_error(self.url_error, "")
        self._forget_result()

    @Slot()
    def _forget_result(self) -> None:
        if self._probe is not None and self._probe.live:
            self._probe.cancel()
            self.test_button.setEnabled(True)
        self.result_frame.hide()

    def _validated(self) -> tuple[Account, Credentials] | None:
        """The account and keys, or None after putting a message beside each wrong field."""
        name = self.name_edit.text().strip()
        web_key = self.web_key_edit.text().strip()
        app_key = self.app_key_edit.text().strip()
        url = self.url_edit.text().strip()
        problems = {
            self.name_error: "Give the account a name."
            if not name
            else ("Another saved account already has this name." if name in self._taken else ""),
            self.web_key_error: key_problem(web_key),
            # FinerWorks sets no rule between the two keys (the simulator's are demo/demo)
            self.app_key_error: key_problem(app_key),
            self.url_error: (url_problem(url) or "")
            if self.environment is Environment.CUSTOM
            else "",
        }
        for label, text in problems.items():
            set_error(label, text)
        first_wrong = next((label for label, text in problems.items() if text), None)
        if first_wrong is not None:
            edits = {
                self.name_error: self.name_edit,
                self.web_key_error: self.web_key_edit,
                self.app_key_error: self.app_key_edit,
                self.url_error: self.url_edit,
            }
            edits[first_wrong].setFocus()
            return None
        custom_url = normalise_url(url) if self.environment is Environment.CUSTOM else ""
        return Account(name, self.environment, custom_url), Credentials(web_key, app_key)

    @Slot()
    def _test_connection(self) -> None:
        validated = self._validated()
        if validated is None:
            return
        account, credentials = validated
        self._forget_result()
        self.test_button.setEnabled(False)
        self._show_result("Checking the keys with FinerWorks…", "warning")
        url = account.base_url
        self._probe = (
            Job(
                self,
                "test connection",
                lambda context: _probe(credentials, url, context),
                key="test-connection",
            )
            .on_done(self._probe_succeeded)
            .on_failed(self._probe_failed)
            .start(self._service)
        )

    def _probe_succeeded(self, check: CredentialCheck) -> None:
        self.test_button.setEnabled(True)
        who = check.account.account_username if check.account else "your account"
        text = f"Connected to FinerWorks as <b>{who}</b>."
        if check.app is not None and check.app.app_live_mode is False:
            text += " This app is in test mode: orders are accepted but not printed or billed."
        self._show_result(text, "success")

    def _probe_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self._show_result(explain(error), "failure")

    def _show_result(self, text: str, role: str) -> None:
        self.result_label.setText(text)
        self.result_frame.setProperty("role", role)
        self.result_frame.style().unpolish(self.result_frame)
        self.result_frame.style().polish(self.result_frame)
        self.result_frame.show()

    @Slot()
    def _save(self) -> None:
        validated = self._validated()
        if validated is None:
            return
        account, credentials = validated
        session_only = self.session_only is not None and self.session_only.isChecked()
        try:
            self._store.save(account.name, credentials, session_only=session_only)
            if self._original is not None and self._original.name != account.name:
                self._store.delete(self._original.name)
        except KeychainError as problem:
            self._show_result(
                f"{problem} You can keep the keys for this session only instead.", "failure"
            )
            return
        self._forget_result()
        self.choice = AccountChoice(account, credentials, session_only)
        self.accept()

    def done(self, result: int) -> None:
        self._forget_result()
        super().done(result)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            grow_to_fit(self)
        return handled


def _probe(credentials: Credentials, url: str, context: JobContext) -> CredentialCheck:
    """Runs in the worker thread with a client of its own: the keys being tested are not the
    keys of the lane's current connection."""
    import httpx

    from fwdesk.api.client import FinerWorksClient

    context.check()
    timeout = httpx.Timeout(PROBE_TIMEOUT_S, connect=5.0)
    with FinerWorksClient(credentials, url, timeout=timeout) as client:
        return client.test_my_credentials()
