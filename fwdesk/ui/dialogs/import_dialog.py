"""File > Import orders from CSV: preview every row with its problems, turn the valid orders
into drafts, and submit them all in API-sized batches with progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.csv_import import CsvImport, create_drafts, parse_orders_csv
from fwdesk.core.drafts import REJECTED, SUBMITTED, Draft, DraftStore
from fwdesk.core.messages import explain
from fwdesk.core.outbox import SendReport
from fwdesk.core.paths import RESOURCES
from fwdesk.core.payment import CREDITS_FALLBACK, Payment
from fwdesk.core.store import STORAGE_ERRORS, Store
from fwdesk.ui.dialogs.send_dialog import confirm_send
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority
from fwdesk.ui.work.sender import OrderSender

PREVIEW_COLUMNS = ("Row", "Order", "Recipient", "SKU", "Qty", "Problems")
SAMPLE = RESOURCES / "sample-orders.csv"


class ImportDialog(QDialog):
    def __init__(
        self,
        service: JobRunner,
        store: Store,
        sender: OrderSender,
        prefix: str,
        mode_text: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import orders from CSV")
        self.resize(980, 620)
        self._service = service
        self._store = store
        self._prefix = prefix
        self._mode_text = mode_text
        self._sender = sender
        self._imported: CsvImport | None = None
        self._drafts: list[Draft] = []
        self.send_job: Job | None = None
        """The send under way, or the last one (its `settled` says when it is over)."""

        self.path = QLabel("No file chosen.", objectName="importPath")
        choose = QPushButton("&Choose file…", objectName="chooseCsvButton")
        choose.clicked.connect(self._choose)
        layout_note = QLabel(
            "One row per product; rows with the same <b>order_ref</b> make one order. "
            f"The columns are those of the sample file: {SAMPLE.name} in the resources folder."
        )
        layout_note.setWordWrap(True)
        layout_note.setProperty("role", "hint")
        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS), objectName="importPreview")
        self.preview.setHorizontalHeaderLabels(PREVIEW_COLUMNS)
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.create_button = QPushButton("Create &drafts", objectName="createDraftsButton")
        self.create_button.clicked.connect(self.create_drafts)
        self.submit_button = QPushButton("&Submit all…", objectName="submitAllButton")
        self.submit_button.clicked.connect(self.submit_all)
        self.progress = QProgressBar(objectName="importProgress")
        self.cancel_button = QPushButton("Cancel sending", objectName="cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.results = QListWidget(objectName="importResults")
        self.results.setAccessibleName("Result per order")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.path, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.create_button)
        actions.addWidget(self.submit_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(layout_note)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.results, 1)
        self._set_busy(False)
        self._update_buttons()

    # -- reading --------------------------------------------------------------------------

    @Slot()
    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Import orders", str(Path.home()), "CSV files (*.csv);;All files (*)"
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as problem:
            self.summary.setText(f"Could not read {path.name}: {problem}")
            return
        self.path.setText(str(path))
        self._imported = parse_orders_csv(text)
        self._drafts = []
        self.results.clear()
        self._show_preview()

    def _show_preview(self) -> None:
        imported = self._imported
        assert imported is not None
        rows = [
            (line, order, index)
            for order in imported.orders
            for index, line in enumerate(order.rows)
        ]
        self.preview.setRowCount(len(rows))
        for position, (line, order, index) in enumerate(sorted(rows, key=lambda r: r[0])):
            item = order.draft.items[index]
            recipient = order.draft.recipient
            name = f"{recipient.first_name} {recipient.last_name}".strip()
            problems = "; ".join(order.problems.values()) if order.problems else ""
            cells = [str(line), order.ref, name, item.sku, str(item.quantity), problems or "OK"]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if problems:
                    cell.setForeground(QColor("#B91C1C"))
                self.preview.setItem(position, column, cell)
        valid, total = len(imported.valid), len(imported.orders)
        lines = [f"{valid} of {total} orders are ready to import."]
        if total - valid:
            verb = "has" if total - valid == 1 else "have"
            lines.append(f"{total - valid} {verb} problems (in red) and will be left out.")
        lines += imported.file_problems
        self.summary.setText(" ".join(lines))
        self._update_buttons()

    # -- drafts and sending ---------------------------------------------------------------

    @Slot()
    def create_drafts(self) -> list[Draft]:
        if self._imported is not None and not self._drafts:
            try:
                self._drafts = create_drafts(DraftStore(self._store), self._imported, self._prefix)
            except STORAGE_ERRORS as error:
                self.summary.setText(f"No drafts were created: {explain(error)}")
                return []
            self.results.clear()
            for draft in self._drafts:
                self.results.addItem(f"{draft.order_po}: draft created")
        self._update_buttons()
        return self._drafts

    @Slot()
    def submit_all(self) -> None:
        drafts = self.create_drafts()
        if not drafts:
            return
        self._set_busy(True)
        noun = "order" if len(drafts) == 1 else "orders"
        confirm_send(
            self,
            self._service,
            title="Submit all",
            summary=f"Send {len(drafts)} {noun} to FinerWorks?",
            mode=self._mode_text(),
            total=None,
            all_test=all(d.test_mode for d in drafts),
            on_send=lambda payment: self._send_all([d.id for d in drafts], payment),
            on_cancel=lambda: self._set_busy(False),
        )

    def _send_all(self, ids: list[int], payment: Payment | None) -> None:
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.send_job = self._sender.send(
            self,
            ids,
            payment or CREDITS_FALLBACK,
            name="submit imported orders",
            priority=Priority.BACKGROUND,
            on_done=self._finished,
            on_failed=self._failed,
            on_progress=self._progressed,
        )

    @property
    def sending(self) -> bool:
        return self.send_job is not None and self.send_job.live

    @Slot()
    def cancel(self) -> None:
        """Stops between batches: a batch already on its way is finished and recorded first,
        and the results are shown once it has."""
        if self.sending:
            self.send_job.settled.connect(self._stopped)
            self.send_job.cancel()
            self.summary.setText("Stopping after the orders already on their way…")

    @Slot()
    def _stopped(self) -> None:
        self._set_busy(False)
        self._show_results(None)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, report: SendReport) -> None:
        self._set_busy(False)
        self._show_results(report)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self._show_results(None)
        self.summary.setText(f"Sending stopped: {explain(error)}")

    def _show_results(self, report: SendReport | None) -> None:
        drafts = DraftStore(self._store)
        self.results.clear()
        placed = 0
        for draft in self._drafts:
            current = drafts.get(draft.id) or draft
            if current.state == SUBMITTED:
                placed += 1
                text = f"{current.order_po}: placed (FinerWorks order {current.order_id})"
            elif current.state == REJECTED:
                text = f"{current.order_po}: refused: {current.message}"
            else:
                text = f"{current.order_po}: not sent yet ({current.state}); it stays in Drafts"
            self.results.addItem(text)
        self.progress.setValue(placed)
        stopped = "" if report is not None else " Sending was stopped."
        self.summary.setText(f"{placed} of {len(self._drafts)} orders placed.{stopped}")

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy or bool(self._drafts))
        self._update_buttons(busy)

    def _update_buttons(self, busy: bool = False) -> None:
        ready = self._imported is not None and bool(self._imported.valid)
        self.create_button.setEnabled(ready and not self._drafts and not busy)
        self.submit_button.setEnabled(ready and not busy)

    def done(self, result: int) -> None:
        """Closing stops the send between batches; what was placed is still recorded (the
        send belongs to the order sender, not to this dialog)."""
        if self.sending:
            self.send_job.cancel()
        super().done(result)
