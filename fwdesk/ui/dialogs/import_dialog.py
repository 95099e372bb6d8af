"""File > Import orders: a file from FinerWorks' spreadsheet, Etsy, Shopify, fwdesk's own
layout or any CSV through a column mapping; its orders previewed with what each needs (a
product link, a fix) and which are already placed or pending; then drafts, Submit all in
API-sized batches with progress and Cancel, or saving them on FinerWorks for review.

The file is read and planned in a worker (core.imports.reading); what FinerWorks already has
is asked in another job and folded into the preview when it answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.errors import ApiError
from fwdesk.core import pending_orders
from fwdesk.core.drafts import REJECTED, SUBMITTED, Draft, DraftStore
from fwdesk.core.imports.layouts import Source
from fwdesk.core.imports.mapping import ColumnMapping, guess_mapping, header_signature
from fwdesk.core.imports.plan import (
    ImportPlan,
    create_drafts,
    known_on_finerworks,
    mark_known,
    new_links,
    relink,
)
from fwdesk.core.imports.product_links import ProductLinks, catalogue_choices
from fwdesk.core.imports.reading import Reading, describe, make_plan, read_file
from fwdesk.core.imports.saved_mappings import SavedMappings
from fwdesk.core.imports.table_file import Table, TableProblem
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.outbox import SendReport
from fwdesk.core.payment import CREDITS_FALLBACK, Payment
from fwdesk.core.store import STORAGE_ERRORS, Store
from fwdesk.ui.dialogs.import_links import ProductLinksPanel
from fwdesk.ui.dialogs.import_mapping import ImportMappingDialog
from fwdesk.ui.dialogs.import_preview import ITEMS, STATUS, ImportPreviewModel
from fwdesk.ui.dialogs.send_dialog import confirm_send
from fwdesk.ui.widgets.sizing import fit_size
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.lanes import Priority
from fwdesk.ui.work.sender import OrderSender

FILTERS = "Order files (*.csv *.txt *.tsv *.xlsx);;All files (*)"
SIZED_ROWS = 200
"""Columns fit the first rows' text: measuring all of a 5,000-row file would take seconds."""


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
        self.setWindowTitle("Import orders")
        fit_size(self, 1100, 700)
        self._service = service
        self._store = store
        self._prefix = prefix
        self._mode_text = mode_text
        self._sender = sender
        self.reading: Reading | None = None
        self.plan: ImportPlan | None = None
        self._drafts: list[Draft] = []
        self.checking = False
        """FinerWorks is being asked which orders it already has."""
        self.send_job: Job | None = None
        """The send under way, or the last one (its `settled` says when it is over)."""

        self.path = QLabel("No file chosen.", objectName="importPath")
        choose = QPushButton("&Choose file…", objectName="chooseCsvButton")
        choose.clicked.connect(self._choose)
        self.remap_button = QPushButton("Change &columns…", objectName="remapButton")
        self.remap_button.clicked.connect(self._remap)
        self.layout_label = QLabel(
            "FinerWorks' spreadsheet (.xlsx or CSV), Etsy's Sold Orders or Sold Order Items, "
            "Shopify's orders export, or any CSV whose columns you point out.",
            objectName="importLayoutLabel",
        )
        self.layout_label.setWordWrap(True)
        self.layout_label.setProperty("role", "hint")
        self.preview_model = ImportPreviewModel()
        self.preview_model.again_changed.connect(self._again_changed)
        self.preview = QTableView(objectName="importPreview")
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(SIZED_ROWS)
        header.setSectionResizeMode(ITEMS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        self.links = ProductLinksPanel()
        self.links.linked.connect(self._save_links)
        self.links.setVisible(False)
        self.summary = QLabel(objectName="importSummaryLabel")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton("Create &drafts", objectName="createDraftsButton")
        self.create_button.clicked.connect(self.create_drafts)
        self.submit_button = QPushButton("&Submit all…", objectName="submitAllButton")
        self.submit_button.clicked.connect(self.submit_all)
        self.review_button = QPushButton(
            "Save to FinerWorks for &review", objectName="saveForReviewButton"
        )
        self.review_button.setToolTip(
            "Stage the orders on FinerWorks as pending: another desk or FinerWorks' "
            "dashboard places them."
        )
        self.review_button.clicked.connect(self.save_for_review)
        self.progress = QProgressBar(objectName="importProgress")
        self.cancel_button = QPushButton("Cancel sending", objectName="cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.results = QListWidget(objectName="importResults")
        self.results.setAccessibleName("Result per order")
        self.results.setVisible(False)
        rows = self.results.model()
        for change in (rows.rowsInserted, rows.rowsRemoved, rows.modelReset):
            change.connect(self._results_changed)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.path, 1)
        top.addWidget(self.remap_button)
        actions = QHBoxLayout()
        actions.addWidget(self.create_button)
        actions.addWidget(self.submit_button)
        actions.addWidget(self.review_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addStretch()
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.links, 2)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.results, 1)
        self._set_busy(False)

    @Slot()
    def _results_changed(self) -> None:
        self.results.setVisible(self.results.count() > 0)

    # -- reading --------------------------------------------------------------------------

    @Slot()
    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Import orders", str(Path.home()), FILTERS
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Reads in a worker; the preview follows (`plan` is set once it is shown)."""
        self.path.setText(str(path))
        self.reading, self.plan, self._drafts = None, None, []
        self.results.clear()
        self.preview_model.show_plan(None)
        self.links.setVisible(False)
        self.summary.setText(f"Reading {path.name}…")
        store = self._store
        Job(
            self, "read import file", lambda _context: read_file(path, store), key="import-read"
        ).on_done(self._read).on_failed(self._unreadable).start(self._service)
        self._set_busy(False)

    def _unreadable(self, error: Exception) -> None:
        text = error.message if isinstance(error, TableProblem) else explain(error)
        self.summary.setText(f"Not imported: {text}")
        self._update_buttons()

    def _read(self, reading: Reading) -> None:
        self.reading = reading
        if reading.plan is None:
            self._map(reading.table, guess_mapping(reading.table.headers))
            return
        self._planned(reading.plan)

    @Slot()
    def _remap(self) -> None:
        if self.reading is not None:
            table = self.reading.table
            self._map(table, self.reading.mapping or guess_mapping(table.headers))

    def _map(self, table: Table, mapping: ColumnMapping) -> None:
        dialog = ImportMappingDialog(table, mapping, self)
        if not dialog.exec():
            self.summary.setText("Not imported: the columns were not chosen.")
            self._update_buttons()
            return
        chosen = dialog.mapping()
        try:
            SavedMappings(self._store).save(header_signature(table.headers), chosen.to_json())
        except STORAGE_ERRORS as error:
            self.summary.setText(f"The mapping is used but not remembered: {explain(error)}")
        assert self.reading is not None
        self.reading = Reading(table, Source.MAPPED, chosen, None)
        store = self._store
        Job(
            self,
            "plan import",
            lambda _context: make_plan(table, Source.MAPPED, chosen, store),
            key="import-read",
        ).on_done(self._planned).on_failed(self._unreadable).start(self._service)

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._show_plan()
        self._check_finerworks()

    def _check_finerworks(self) -> None:
        """Orders already placed or pending on FinerWorks (from another desk, its dashboard,
        an earlier import) are not imported again."""
        plan = self.plan
        pos = [o.po for o in plan.orders if o.po] if plan else []
        if not pos:
            return
        self.checking = True
        self._update_buttons()
        Job(
            self,
            "orders already on FinerWorks",
            lambda context: known_on_finerworks(context, pos),
            key="import-known",
        ).on_done(lambda known: self._known(plan, known)).on_failed(self._not_checked).on_progress(
            self._checked_some
        ).start(self._service)

    def _checked_some(self, done: int, total: int) -> None:
        if self.plan is not None and self.checking:
            self.summary.setText(
                f"{self.plan.summary()} Asking FinerWorks which it already has "
                f"({done:,} of {total:,})…"
            )

    def _known(self, plan: ImportPlan, known: dict) -> None:
        self.checking = False
        if plan is self.plan:
            mark_known(plan, known)
            self._show_plan()

    def _not_checked(self, error: Exception) -> None:
        self.checking = False
        self._show_plan()
        self.summary.setText(
            f"{self.summary.text()} FinerWorks could not be asked which of these orders it "
            f"already has ({explain(error)}); sending still never places a PO twice."
        )

    # -- the preview ----------------------------------------------------------------------

    def _show_plan(self) -> None:
        plan, reading = self.plan, self.reading
        assert plan is not None and reading is not None
        table = reading.table
        self.layout_label.setText(
            f"<b>{plan.source.value}</b> · {describe(table)} · {len(table.rows):,} rows, "
            f"{len(plan.orders):,} orders"
        )
        self.remap_button.setVisible(plan.source is Source.MAPPED)
        if self.preview_model.rowCount() != len(plan.orders):
            self.preview_model.show_plan(plan)
        else:
            self.preview_model.refresh()
        self._show_summary()

    def _show_summary(self) -> None:
        plan = self.plan
        assert plan is not None
        unlinked = plan.unlinked()
        if unlinked:
            self.links.show_unlinked(list(unlinked.values()), catalogue_choices(self._store))
        else:
            self.links.setVisible(False)
        checking = " Asking FinerWorks which it already has…" if self.checking else ""
        self.summary.setText(plan.summary() + checking)
        self._update_buttons()

    @Slot()
    def _again_changed(self) -> None:
        self._show_summary()

    def _save_links(self, made: list) -> None:
        plan = self.plan
        if plan is None:
            return
        links = ProductLinks(self._store)
        try:
            links.save([new_links(plan.source, item, sku, image) for item, sku, image in made])
        except STORAGE_ERRORS as error:
            self.links.problem.setText(f"Links not saved: {explain(error)}")
            return
        relink(plan, links)
        self._show_plan()

    # -- drafts and sending ---------------------------------------------------------------

    @Slot()
    def create_drafts(self) -> list[Draft]:
        if self.plan is not None and not self._drafts and self.plan.ready:
            try:
                self._drafts = create_drafts(DraftStore(self._store), self.plan, self._prefix)
                self.preview_model.locked = True
            except (*STORAGE_ERRORS, ValueError) as error:
                self.summary.setText(f"No drafts were created: {explain(error)}")
                return []
            self.results.clear()
            for draft in self._drafts:
                reference = f" ({draft.reference})" if draft.reference != draft.order_po else ""
                self.results.addItem(f"{draft.order_po}{reference}: draft created")
        self._update_buttons()
        return self._drafts

    @Slot()
    def submit_all(self) -> None:
        drafts = [d for d in self.create_drafts() if self._state(d) not in (SUBMITTED,)]
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

    @Slot()
    def save_for_review(self) -> None:
        """Each order staged on FinerWorks' pending table (one call each, as its own app
        saves them); drafts that could not be staged stay drafts here."""
        drafts = [d for d in self.create_drafts() if self._state(d) not in (SUBMITTED,)]
        if not drafts:
            return
        self._set_busy(True)
        self.progress.setRange(0, len(drafts))
        store, ids = self._store, [d.id for d in drafts]
        self.send_job = (
            Job(self, "save imported orders for review", lambda c: _stage(c, store, ids))
            .on_progress(self._progressed)
            .on_done(self._staged)
            .on_failed(self._failed)
            .start(self._service)
        )

    def _staged(self, outcome: dict[int, str]) -> None:
        self._set_busy(False)
        self.results.clear()
        staged = 0
        for draft in self._drafts:
            problem = outcome.get(draft.id)
            if problem == "":
                staged += 1
                text = f"{draft.order_po}: pending on FinerWorks, to review and place there"
            elif problem is None:
                text = f"{draft.order_po}: not saved for review (stopped); it stays in Drafts"
            else:
                text = f"{draft.order_po}: not saved for review: {problem} It stays in Drafts."
            self.results.addItem(text)
        self.summary.setText(f"{staged} of {len(self._drafts)} orders saved for review.")
        self._update_buttons()

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

    def _state(self, draft: Draft) -> str:
        current = DraftStore(self._store).get(draft.id)
        return current.state if current is not None else ""

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
        self._update_buttons()

    def _set_busy(self, busy: bool) -> None:
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy or bool(self._drafts))
        self._update_buttons(busy)

    def _update_buttons(self, busy: bool = False) -> None:
        busy = busy or self.sending
        ready = self.plan is not None and bool(self.plan.ready) and not self.checking
        unsent = not self._drafts or any(
            self._state(d) not in (SUBMITTED, "") for d in self._drafts
        )
        self.create_button.setEnabled(ready and not self._drafts and not busy)
        self.submit_button.setEnabled(ready and unsent and not busy)
        self.review_button.setEnabled(ready and unsent and not busy)

    def done(self, result: int) -> None:
        """Closing stops the send between batches; what was placed is still recorded (the
        send belongs to the order sender, not to this dialog)."""
        if self.sending:
            self.send_job.cancel()
        super().done(result)


def _stage(context: JobContext, store: Store, ids: list[int]) -> dict[int, str]:
    """Draft id -> "" once staged (it leaves the drafts), or why it could not be."""
    outcome: dict[int, str] = {}
    for done, draft_id in enumerate(ids, start=1):
        context.check()
        try:
            pending_orders.save_for_review(context.client, store, draft_id)
        except (ApiError, ValueError, *STORAGE_ERRORS) as error:  # said; the rest still go
            outcome[draft_id] = str(error) if isinstance(error, ValueError) else explain(error)
        else:
            outcome[draft_id] = ""
        context.progress(done, len(ids))
    return outcome
