"""After a whole working session, the two API keys are in the keychain and nowhere else.

The real window runs in this process on the X server, with the real Secret Service, against a
sandbox over HTTP that accepts only a freshly made key pair. The session connects (after a
wrong key), browses the catalogue, places an order, follows it until it ships, meets injected
faults, a stopped server and a restart; then every file under FWDESK_HOME (the databases and
their WAL files included), the logs and everything the process printed are searched for the
keys, as they are and in the encodings a careless line of code would produce.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import keyring
import keyring.errors
import pytest
from fault_report import record
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton
from sample_orders import PORTLAND
from sandboxes import SandboxProcess
from window_checks import SendAnswers, connected

from fwdesk.app import _report_crash as report_crash
from fwdesk.app import create_app
from fwdesk.core.accounts import Environment
from fwdesk.core.credentials import SERVICE, keychain_available
from fwdesk.ui.work.jobs import Job

FAULT_SEED = "25"
"""With this seed the first nine injected faults are drops, 5xx, 429 and garbled bodies: the
session meets each without waiting out the sandbox's 30-second simulated timeouts."""
WAIT_MS = 30_000


def make_key(prefix: str) -> str:
    """Random, long enough to be masked, and with characters that URL-encoding changes, so the
    encoded forms searched for differ from the plain one."""
    return f"{prefix}+{secrets.token_urlsafe(18)}/="


def encodings(secret: str) -> dict[str, bytes]:
    """The byte patterns that would betray `secret` in a file or a stream."""
    raw = secret.encode()
    forms = {
        "plain": raw,
        "url-encoded": quote(secret, safe="").encode(),
        "form-encoded": quote_plus(secret).encode(),
        "utf-16-le": secret.encode("utf-16-le"),
        "utf-16-be": secret.encode("utf-16-be"),
    }
    # Inside a larger base64 text the key can start at any of three byte offsets; keep only
    # the characters that depend on the key alone.
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw)
        start = 4 if offset else 0
        end = len(encoded) - (4 if (offset + len(raw)) % 3 else 0)
        forms[f"base64+{offset}"] = encoded[start:end]
        forms[f"base64url+{offset}"] = encoded[start:end].translate(bytes.maketrans(b"+/", b"-_"))
    distinct: dict[str, bytes] = {}
    for form, pattern in forms.items():
        if pattern not in distinct.values():
            distinct[form] = pattern
    return distinct


class KeyScanner:
    """Searches bytes for every encoding of every secret and remembers what it looked at."""

    def __init__(self, named_secrets: dict[str, str]) -> None:
        self.needles = {
            (name, form): pattern
            for name, secret in named_secrets.items()
            for form, pattern in encodings(secret).items()
        }
        self.files: set[Path] = set()
        self.bytes_scanned = 0
        self.findings: list[str] = []

    def scan(self, where: str, content: bytes) -> None:
        self.bytes_scanned += len(content)
        for (name, form), pattern in self.needles.items():
            at = content.find(pattern)
            if at >= 0:
                context = content[max(0, at - 60) : at + len(pattern) + 60]
                self.findings.append(f"{where}: {name} ({form}) in …{context!r}…")

    def scan_tree(self, root: Path) -> None:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            self.files.add(path)
            self.scan(str(path.relative_to(root)), path.read_bytes())

    def scan_texts(self, where: str, texts: Iterable[str]) -> None:
        self.scan(where, "\n".join(texts).encode("utf-8", "surrogatepass"))


def start_keyed_sandbox(credentials: str, stderr_file: Path) -> SandboxProcess:
    """A sandbox whose own output goes to a file outside FWDESK_HOME: only what the app
    prints is under test, and the sandbox is not the app."""
    command = [sys.executable, "-m", "fwdesk.sandbox.server", "--port", "0"]
    command += ["--credentials", credentials, "--speed", "36000", "--seed", FAULT_SEED]
    with stderr_file.open("w") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
    url = process.stdout.readline().strip()
    assert url.startswith("http://"), f"fwdesk-sandbox did not start (first line {url!r})"
    return SandboxProcess(url=url, process=process)


def set_fail_rate(running: SandboxProcess, web_key: str, app_key: str, rate: float) -> None:
    """Through the sandbox's test hook, from the test itself (not through the app)."""
    answer = httpx.post(
        running.url + "_sandbox_control",
        headers={"web_api_key": web_key, "app_key": app_key},
        json={"fail_rate": rate},
    )
    answer.raise_for_status()


def in_account_dialog(window, qtbot, steps: Callable[[QDialog], None], name: str | None) -> None:
    """Opens the account dialog as the Account menu does and runs `steps` inside its modal
    loop; a failed step closes the dialog and fails the test instead of hanging it."""
    problems: list[BaseException] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "accountDialog":
            QTimer.singleShot(50, drive)
            return
        try:
            steps(dialog)
            assert not dialog.isVisible(), "the dialog did not close on Save"
        except BaseException as problem:
            problems.append(problem)
            dialog.reject()

    QTimer.singleShot(0, drive)
    window.connect_account(name)
    if problems:
        raise problems[0]


def type_into(qtbot, dialog: QDialog, name: str, text: str) -> None:
    """Typed key by key, as a paste or the keyboard would fill the field."""
    edit = dialog.findChild(QLineEdit, name)
    edit.selectAll()
    edit.del_()
    qtbot.keyClicks(edit, text)


@dataclass
class Session:
    """One shop owner's working session; each method is a stretch of it."""

    qtbot: object
    running: SandboxProcess
    account: str
    web_key: str
    app_key: str
    wrong_key: str
    windows: list = field(default_factory=list)

    @property
    def window(self):
        return self.windows[-1]

    def open_window(self) -> None:
        window = create_app(["fwdesk"])
        self.windows.append(window)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)

    def wait(self, condition: Callable[[], object], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)

    def connect_after_a_wrong_key(self) -> None:
        """A mistyped app key is tested, saved and refused; editing the account fixes it."""
        qtbot, window = self.qtbot, self.window

        def wrong_keys(dialog: QDialog) -> None:
            type_into(qtbot, dialog, "accountNameEdit", self.account)
            type_into(qtbot, dialog, "webApiKeyEdit", self.web_key)
            type_into(qtbot, dialog, "appKeyEdit", self.wrong_key)
            dialog.environment_combo.setCurrentIndex(list(Environment).index(Environment.CUSTOM))
            type_into(qtbot, dialog, "customUrlEdit", self.running.url)
            dialog.show_keys.setChecked(True)
            dialog.findChild(QPushButton, "testConnectionButton").click()
            self.wait(lambda: "did not accept" in dialog.result_label.text())
            dialog.findChild(QPushButton, "saveAccountButton").click()

        def right_keys(dialog: QDialog) -> None:
            assert dialog.findChild(QLineEdit, "appKeyEdit").text() == self.wrong_key
            type_into(qtbot, dialog, "appKeyEdit", self.app_key)
            dialog.test_button.click()
            self.wait(lambda: "Connected to FinerWorks as" in dialog.result_label.text())
            dialog.save_button.click()

        in_account_dialog(window, qtbot, wrong_keys, None)
        self.wait(lambda: window.connection_label.text().startswith("Not connected"))
        in_account_dialog(window, qtbot, right_keys, self.account)
        self.wait(lambda: connected(window))
        stored = keyring.get_password(SERVICE, self.account)
        assert self.web_key in stored and self.app_key in stored, "the keys are in the keychain"

    def browse(self) -> None:
        catalog = self.window.catalog
        self.wait(lambda: catalog.model.total() > 0 and not catalog.refreshing, 60_000)
        self.qtbot.keyClicks(catalog.search, "canvas")
        assert 0 < catalog.model.rowCount() < catalog.model.total()
        catalog.search.clear()
        catalog.inventory_only.setChecked(True)
        catalog.view.selectRow(0)
        self.wait(lambda: "Current prices" in catalog.detail.price_note.text())
        catalog.detail.quantity.setValue(2)

    def fill_order(self, row: int) -> str:
        """The catalogue's product at `row` into a new order to Portland, quoted; its PO."""
        window = self.window
        window.tabs.setCurrentWidget(window.catalog)
        window.catalog.view.selectRow(row)
        window.findChild(QPushButton, "addToOrderButton").click()
        order = window.order
        assert window.tabs.currentWidget() is order and order.items.items()
        order.recipient.set_address(PORTLAND)
        order._edited()
        self.wait(lambda: order.quote.table.rowCount() > 0)
        return order.draft.order_po

    def place_order(self) -> str:
        po = self.fill_order(0)
        self.window.order.submit()
        self.wait(lambda: "placed with FinerWorks" in self.window.order.result.text())
        return po

    def track_until_shipped(self, po: str) -> None:
        """Orders refreshes until the order has a shipment, then its tracking is copied."""
        orders = self.window.orders

        def row_of_shipped() -> int | None:
            for row in range(orders.model.rowCount()):
                tracked = orders.model.order(row)
                if tracked.order_po == po and tracked.detail.get("shipments"):
                    return row
            orders.refresh()  # skipped while one is on its way
            return None

        self.wait(lambda: row_of_shipped() is not None, 60_000)
        self.window.tabs.setCurrentWidget(orders)
        orders.view.selectRow(row_of_shipped())
        assert orders.copy_button.isEnabled()
        orders.copy_button.click()
        assert QGuiApplication.clipboard().text().strip(), "a tracking number was copied"

    def crash_inside_a_call(self, monkeypatch) -> None:
        """An unexpected error raised inside a real call (its headers hold the keys), logged by
        the worker and then handed to the app's crash reporter."""
        crashes: list[Exception] = []
        Job(
            self.window,
            "crash probe",
            lambda context: context.client.get_prices([("AP2210P48817", object())]),
        ).on_failed(crashes.append).start(self.window.service)
        self.wait(lambda: bool(crashes))
        assert isinstance(crashes[0], TypeError), crashes
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
        report_crash(type(crashes[0]), crashes[0], crashes[0].__traceback__)

    def meet_injected_faults(self) -> None:
        catalog, orders = self.window.catalog, self.window.orders
        set_fail_rate(self.running, self.web_key, self.app_key, 1.0)
        catalog.refresh_button.click()
        self.wait(lambda: catalog.message.text().startswith("Refresh failed"), 60_000)
        self.wait(lambda: not orders.refreshing, 60_000)
        orders.refresh()
        self.wait(lambda: orders.message.text().startswith("Could not refresh"), 60_000)
        set_fail_rate(self.running, self.web_key, self.app_key, 0.0)

    def lose_the_server(self) -> None:
        """The server goes away with an order ready to send: it stays a draft."""
        order, catalog = self.window.order, self.window.catalog
        assert self.running.stop() == 0
        order.submit()
        self.wait(lambda: "Not placed yet" in order.result.text())
        catalog.refresh_button.click()
        self.wait(lambda: catalog.message.text().startswith("Refresh failed"))

    def restart_offline(self) -> None:
        """A new start takes the keys from the keychain and finds the server gone."""
        self.window.close()
        self.open_window()
        self.wait(lambda: self.window.connection_label.text().startswith("Not connected"))
        assert self.window.account_name == self.account
        self.window.close()


@pytest.mark.real_keychain
@pytest.mark.timeout(300)
def test_keys_never_leave_the_keychain_during_a_full_session(
    fwdesk_home, tmp_path, qtbot, capfd, caplog, monkeypatch
):
    assert keychain_available(), "needs a Secret Service (make test starts gnome-keyring)"
    web_key, app_key, wrong_key = make_key("fwW"), make_key("fwA"), make_key("fwX")
    scanner = KeyScanner({"web_api_key": web_key, "app_key": app_key, "wrong app_key": wrong_key})
    # The scanner itself must see through the encodings it claims to cover.
    for probe in (
        b"x" + quote(app_key, safe="").encode(),
        base64.b64encode(b"ab" + web_key.encode()),
        wrong_key.encode("utf-16-le"),
    ):
        found = len(scanner.findings)
        scanner.scan("self-check", probe)
        assert len(scanner.findings) == found + 1, probe
    scanner.findings.clear()
    scanner.bytes_scanned = 0

    running = start_keyed_sandbox(f"{web_key}:{app_key}", tmp_path / "sandbox-stderr.txt")
    session = Session(
        qtbot, running, f"Key scan {uuid.uuid4().hex[:6]}", web_key, app_key, wrong_key
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    SendAnswers().install(monkeypatch)
    try:
        session.open_window()
        session.connect_after_a_wrong_key()
        session.browse()
        session.track_until_shipped(session.place_order())
        session.crash_inside_a_call(monkeypatch)
        session.fill_order(1)
        session.meet_injected_faults()
        session.lose_the_server()
        # The databases' WAL files exist only while the app has them open: look now too.
        wal_files = sorted(p.name for p in fwdesk_home.rglob("*-wal"))
        scanner.scan_tree(fwdesk_home)
        session.restart_offline()
    finally:
        for window in session.windows:
            window.close()
        running.stop()
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, session.account)

    scanner.scan_tree(fwdesk_home)
    log_files = sorted(p.name for p in (fwdesk_home / "logs").iterdir())
    log_text = "".join((fwdesk_home / "logs" / name).read_text() for name in log_files)
    assert "unexpected error:\nTraceback" in log_text, "the crash report went to the log"
    assert "did not accept the API keys" in log_text, "the wrong key was noticed and logged"
    output = capfd.readouterr()
    scanner.scan_texts("captured stdout", [output.out])
    scanner.scan_texts("captured stderr", [output.err])
    scanner.scan_texts("log records", [r.getMessage() for r in caplog.records])
    scanner.scan_texts("log tracebacks", [r.exc_text or "" for r in caplog.records])
    record(
        "keys",
        files_scanned=len(scanner.files),
        bytes_scanned=scanner.bytes_scanned,
        wal_files=wal_files,
        log_files=log_files,
        log_records=len(caplog.records),
        patterns_per_key=len(encodings(web_key)),
        findings=len(scanner.findings),
    )
    assert wal_files, "the session's databases were open in WAL mode when first scanned"
    assert not scanner.findings, "\n".join(scanner.findings)
