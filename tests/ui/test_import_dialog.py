"""fwdesk's own CSV layout through the import dialog: a preview per order with its problems,
drafts for the valid orders under the sheet's own order numbers, Submit all with progress and
Cancel, and a result per order."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sample_orders import csv_row
from sandboxes import start_sandbox
from window_checks import SendAnswers

from fwdesk.core.drafts import DRAFT, SUBMITTED, DraftStore
from fwdesk.core.imports.layouts import FWDESK_COLUMNS as COLUMNS
from fwdesk.core.paths import RESOURCES
from fwdesk.ui.dialogs import import_preview
from fwdesk.ui.dialogs.import_dialog import ImportDialog

SAMPLE = RESOURCES / "sample-orders.csv"


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> SendAnswers:
    return SendAnswers().install(monkeypatch)


def dialog_on(open_window, qtbot, url: str) -> ImportDialog:
    window = open_window("--sandbox-url", url)
    prefix = f"I{uuid.uuid4().hex[:6].upper()}-"
    dialog = ImportDialog(
        window.service, window.store, window.session.sender, prefix, window._mode_text, window
    )
    qtbot.addWidget(dialog)
    dialog.prefix = prefix
    return dialog


def loaded(dialog: ImportDialog, qtbot, path: Path) -> None:
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.checking, timeout=20000)


def test_preview_then_submit_all_places_every_valid_order(
    open_window, qtbot, sandbox, tmp_path, answers
):
    sheet = tmp_path / "orders.csv"
    tag = uuid.uuid4().hex[:6].upper()
    text = SAMPLE.read_text().replace("WEB-", f"W{tag}-")
    bad = f"B{tag},Ann,Lee,,1 Main St,,,Austin,ZZ,,78701,us,,,SD,,,,,,,,AP2210P48817,1,,,,\n"
    sheet.write_text(text + bad)
    dialog = dialog_on(open_window, qtbot, sandbox.url)
    loaded(dialog, qtbot, sheet)
    assert "fwdesk CSV" in dialog.layout_label.text()
    model = dialog.preview_model
    assert model.rowCount() == 4, "one row per order"
    assert dialog.summary.text().startswith("3 of 4 orders ready")
    statuses = [model.index(r, import_preview.STATUS).data() for r in range(4)]
    assert statuses.count("Ready") == 3 and "US state" in statuses[3]
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("3 of 3 orders placed"), timeout=20000)
    [asked] = answers.asked
    assert asked.summary == "Send 3 orders to FinerWorks?"
    assert asked.payment == "Visa ending in 4242", "a batch of unknown total goes on the card"
    results = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert len(results) == 3 and all(": placed (FinerWorks order " in r for r in results)
    placed = [o["order_po"] for o in sandbox.server_orders() if tag in o["order_po"]]
    assert sorted(placed) == [f"W{tag}-100{n}" for n in (1, 2, 3)], "the sheet's own numbers"
    orders = dialog.parent().orders.model
    assert all(orders.row_of(po) is not None for po in placed), "listed at once, no refresh"


@pytest.mark.timeout(120)
def test_cancel_stops_between_batches_and_loses_nothing(open_window, qtbot, tmp_path):
    slow = start_sandbox("--latency-ms", "250")
    try:
        rows = [csv_row(f"R{n}") for n in range(40)]
        sheet = tmp_path / "many.csv"
        sheet.write_text("\n".join([",".join(COLUMNS), *rows]) + "\n")
        dialog = dialog_on(open_window, qtbot, slow.url)
        loaded(dialog, qtbot, Path(sheet))
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 5, timeout=30000)
        with qtbot.waitSignal(dialog.send_job.settled, timeout=30000):
            dialog.cancel_button.click()  # the batch on its way is finished and recorded first
        assert "Sending was stopped" in dialog.summary.text()
        drafts = DraftStore(dialog._store)
        states = [drafts.get(d.id).state for d in dialog._drafts]
        assert set(states) <= {SUBMITTED, DRAFT}
        placed = {o["order_po"] for o in slow.server_orders()}
        submitted = {d.order_po for d in dialog._drafts if drafts.get(d.id).state == SUBMITTED}
        assert placed == submitted and 5 <= len(placed) < 40
    finally:
        slow.stop()


def test_a_closed_import_leaves_nothing_of_its_file_behind(open_window, qtbot, monkeypatch):
    window = open_window("--demo")
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: 0)
    for _ in range(3):
        window.import_csv()
    qtbot.waitUntil(lambda: window.findChildren(ImportDialog) == [], timeout=5000)
