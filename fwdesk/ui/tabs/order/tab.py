"""The New order tab: type an order, watch its shipping quote, send it exactly once.

The parts live beside it: the drafts list (`drafts_list`), the form (`editor`) and the way it
reaches the disk (`core.draft_session`), the quote (`quote_controller`, `quote_panel`), the
address and SKU checks (`checks`), orders staged on FinerWorks (`pending_panel`), and Validate
and Submit (`submission`). Sending goes through the shared `OrderSender`, so a lost answer is
resolved by looking the order up, never by sending it twice, and the Orders tab hears of a
placed order at once. This module joins them and keeps the order on the form and on disk in
step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.shipping import OrderQuote
from fwdesk.core.catalog import CatalogProduct
from fwdesk.core.catalog_framing import Framing
from fwdesk.core.draft_session import DraftSession, Saved
from fwdesk.core.drafts import (
    DRAFT,
    PENDING,
    REJECTED,
    SUBMITTED,
    SUBMITTING,
    UNKNOWN,
    Draft,
    DraftItem,
    DraftStore,
)
from fwdesk.core.field_names import form_key, label
from fwdesk.core.outbox import ELSEWHERE, SendReport
from fwdesk.core.pending_orders import PendingOrders, Staged
from fwdesk.core.store import Store
from fwdesk.ui.tabs.order.checks import SkuChecker
from fwdesk.ui.tabs.order.drafts_list import RECENT_PLACED, DraftsList
from fwdesk.ui.tabs.order.editor import OrderEditor
from fwdesk.ui.tabs.order.quote_controller import QuoteController, line_prices
from fwdesk.ui.tabs.order.quote_panel import QuotePanel
from fwdesk.ui.tabs.order.submission import OrderSubmission
from fwdesk.ui.work.jobs import JobRunner
from fwdesk.ui.work.sender import OrderSender

SAVE_DELAY_MS = 300
NOT_SAVED = "The order could not be saved to disk first (see the message at the top)."
SAVE_RETRY_MS = 5000
"""After a failed save (a full disk), how often saving is tried again."""
PENDING_REFRESH_MS = 5 * 60_000
"""How often FinerWorks' pending orders are listed again (other desks add to them)."""


def needs_attention(problems: dict[str, str]) -> str:
    """Validate's summary: the fields it marked, by the form's labels."""
    names = ", ".join(dict.fromkeys(label(key) for key in problems))
    return f"Check {names}: see the message beside each."


class OrderTab(QWidget):
    import_requested = Signal()

    def __init__(
        self,
        service: JobRunner,
        store: Store,
        sender: OrderSender,
        mode_text: Callable[[], str],
        prefix: str = "SHOP-",
    ) -> None:
        super().__init__()
        self.setObjectName("orderPage")
        self._service = service
        self._sender = sender
        sender.recovered.connect(self.refresh_list)
        self._mode_text = mode_text
        self.session = DraftSession(DraftStore(store), prefix)
        self._staged: Staged | None = None
        """The pending order shown, when the form shows one (read-only)."""
        self._server_problems: dict[str, str] = {}
        """What FinerWorks last refused, by form key, until the form changes."""
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._retry_timer = QTimer(self, singleShot=True, interval=SAVE_RETRY_MS)
        self._retry_timer.timeout.connect(self.save_now)
        self._build(store)
        self._pending_timer = QTimer(self, interval=PENDING_REFRESH_MS)
        self._pending_timer.timeout.connect(self.pending_panel.refresh)
        self._pending_timer.start()
        self.refresh_list()

    # -- layout ---------------------------------------------------------------------------

    def _build(self, store: Store) -> None:
        self.drafts = DraftsList()
        self.drafts.draft_opened.connect(self._open_draft)
        self.drafts.pending_opened.connect(self._open_pending)
        self.drafts.new_requested.connect(self.new_draft)
        self.drafts.delete_requested.connect(self._delete_draft)
        self.drafts.import_requested.connect(self.import_requested)
        self.drafts_list = self.drafts.list

        self.editor = OrderEditor(self._service, store)
        self.editor.edited.connect(self._edited)
        self.editor.address.said.connect(self._show_result)
        self.skus = SkuChecker(self._service, self)
        self.editor.items.use_runner(self._service)
        self.editor.items.add_requested.connect(self.skus.check)
        self.skus.said.connect(self.editor.items.show_message)
        self.skus.found.connect(self._sku_found)
        for name in ("po_edit", "po_error", "save_problem", "recipient", "address", "items"):
            setattr(self, name, getattr(self.editor, name))
        self.extras = self.editor.extras
        self.pending_panel = self.editor.pending_panel
        self.pending_panel.listed.connect(self.refresh_list)
        self.pending_panel.saved.connect(self._saved_for_review)
        self.pending_panel.taken.connect(self._taken)
        self.pending_panel.deleted.connect(self._pending_deleted)
        self.pending_panel.said.connect(self._show_result)
        self.pending_panel.save_failed.connect(self._review_failed)

        self.items.table.setTabKeyNavigation(False)  # Tab leaves a table; arrows move in it
        self.quote = QuotePanel()
        self.quote.table.setTabKeyNavigation(False)
        self.quote.chosen.connect(self._shipping_chosen)
        self.quotes = QuoteController(self._service, self.quote, self._typed)
        self.quotes.quoted.connect(self._quoted)
        self.quotes.refused.connect(self._refused)
        self.recipient.destination_changed.connect(self.quotes.soon)
        self.items.edited.connect(self.quotes.soon)
        self.validate_button = QPushButton("&Validate", objectName="validateButton")
        self.validate_button.clicked.connect(self.validate)
        self.submit_button = QPushButton("&Submit order…", objectName="submitButton")
        self.submit_button.clicked.connect(self.submit)
        self.review_button = QPushButton(
            "Save to FinerWorks for review", objectName="saveForReviewButton"
        )
        self.review_button.setToolTip(
            "Stages the order on FinerWorks without placing it, so another desk or FinerWorks' "
            "dashboard can review and place it."
        )
        self.review_button.clicked.connect(self.save_for_review)
        self.submission = OrderSubmission(
            self, self._service, self._sender, self.quote, self._mode_text
        )
        self.submission.said.connect(self._show_result)
        self.submission.sent.connect(self._sent)
        self.submission.failed.connect(self._send_failed)
        self.submission.busy_changed.connect(self._busy)
        self.result = QLabel(objectName="submitResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.quote, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.validate_button)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignRight)
        right_layout.addWidget(self.result)

        splitter = QSplitter()
        for widget in (self.drafts, self.editor, right):
            splitter.addWidget(widget)
        splitter.setSizes([220, 560, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(splitter)

    # -- the order shown ------------------------------------------------------------------

    @property
    def draft(self) -> Draft | None:
        return self.session.draft

    @draft.setter
    def draft(self, draft: Draft | None) -> None:
        self.session.draft = draft

    @property
    def po_prefix(self) -> str:
        return self.session.prefix

    @po_prefix.setter
    def po_prefix(self, prefix: str) -> None:
        self.session.prefix = prefix

    @property
    def default_shipping(self) -> str:
        return self.session.shipping

    @default_shipping.setter
    def default_shipping(self, code: str) -> None:
        self.session.shipping = code

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    def use_source(self, service: JobRunner, store: Store) -> None:
        """Switching to another connection; the caller has made sure the draft is saved (or
        that the user chose to leave it)."""
        self._retry_timer.stop()
        self.editor.show_unsaved(None)
        self._service = service
        shipping = self.session.shipping
        self.session = DraftSession(DraftStore(store), self.session.prefix)
        self.session.shipping = shipping
        self.editor.use_source(service, store)
        self.editor.items.use_runner(service)
        self.quotes.use_service(service)
        self.skus.use_service(service)
        self.submission.use_service(service)
        self._staged = None
        self._show(None)
        self.refresh_list()
        self.list_pending()

    def list_pending(self) -> None:
        """The orders staged on FinerWorks, asked for when the tab is first shown. (Drafts
        whose sending was interrupted are the sender's to settle; the list follows it.)"""
        self.pending_panel.refresh()

    @Slot()
    def refresh_list(self) -> None:
        drafts = self.session.drafts
        shown = drafts.in_states(DRAFT, REJECTED, UNKNOWN, SUBMITTING)
        shown += drafts.in_states(SUBMITTED)[-RECENT_PLACED:]
        current = self.draft
        self.drafts.show_entries(
            shown,
            PendingOrders(drafts.store).all(),
            current_draft=current.id if current is not None else None,
            current_pending=self._staged.fulfillment_id if self._staged else None,
        )

    @Slot()
    def new_draft(self) -> None:
        if not self.save_now():
            return
        self.session.open(None)
        self._staged = None
        self._show(None)
        self.result.clear()
        self.refresh_list()
        self.recipient.first_name.setFocus()

    def open_draft(self, draft_id: int) -> None:
        """A draft made elsewhere (Reorder): listed and shown in the form."""
        self._open_draft(draft_id)
        self.refresh_list()

    @Slot(int)
    def _open_draft(self, draft_id: int) -> None:
        if not self.save_now():
            self.refresh_list()
            return
        draft = self.session.drafts.get(draft_id)
        if draft is not None:
            self.session.open(draft)
            self._staged = None
            self._show(draft)

    @Slot(int)
    def _open_pending(self, fulfillment_id: int) -> None:
        if not self.save_now():
            self.refresh_list()
            return
        staged = PendingOrders(self.session.drafts.store).get(fulfillment_id)
        if staged is not None:
            self._staged = staged
            self.session.open(replace(staged.as_draft(), state=PENDING))
            self._show(self.draft)

    @Slot()
    def _delete_draft(self) -> None:
        draft = self.draft
        if draft is None or not draft.editable:
            return
        answer = QMessageBox.question(
            self, "Delete draft", f"Delete the draft {draft.order_po}? It cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.drafts.delete(draft.id)
            self.new_draft()

    def _show(self, draft: Draft | None) -> None:
        self.editor.show_draft(draft)
        editable = draft is None or draft.editable
        for widget in (self.submit_button, self.validate_button, self.review_button):
            widget.setEnabled(editable)
        self.drafts.delete_button.setEnabled(draft is not None and draft.editable)
        self.pending_panel.show_staged(self._staged if draft and draft.state == PENDING else None)
        self.quotes.soon()

    # -- editing --------------------------------------------------------------------------

    def _typed(self) -> Draft | None:
        """The order as the form holds it now (None before the first edit)."""
        return self.editor.typed(self.draft) if self.draft is not None else None

    @Slot()
    def _edited(self) -> None:
        if self.draft is None:
            begun = self.session.begin()
            if not begun.ok:
                self._save_failed(begun)
                return
            self.po_edit.setText(self.draft.order_po)
            self.refresh_list()
            self.drafts.delete_button.setEnabled(True)
        self.draft = self.editor.typed(self.draft)
        self._save_timer.start()
        if self.quotes.failed:
            # FinerWorks refused the last quote: any edit may be the fix, so ask again
            self._server_problems = {}
            self.quotes.soon()

    @Slot()
    def save_now(self) -> bool:
        """Writes the form to its draft. False when the disk refused: the form keeps what was
        typed, says so, and saving is tried again every few seconds."""
        self._save_timer.stop()
        created = self.draft is None and self.session.unsaved
        saved = self.session.save(self.editor.typed)
        if not saved.ok:
            self._save_failed(saved)
            return False
        if created and self.draft is not None:
            self.po_edit.setText(self.draft.order_po)
            self.refresh_list()
        self._retry_timer.stop()
        self.editor.show_unsaved(None)
        self.editor.show_po_problem(saved.po_problem)
        if not saved.po_problem and self.draft is not None:
            self.drafts.relabel(self.draft)
        return True

    def _save_failed(self, saved: Saved) -> None:
        self.editor.show_unsaved(saved.storage_problem)
        self._retry_timer.start()

    def add_item(
        self, product: CatalogProduct, quantity: int, framing: Framing | None = None
    ) -> None:
        """From the catalogue's "Add to order", framed as chosen there."""
        if self.draft is not None and not self.draft.editable:
            self.new_draft()
        if framing is None:
            item = DraftItem(product.sku, quantity, product.name[:50])
        else:
            title = framing.item_title(product)
            item = DraftItem(product.sku, quantity, title, template=framing.template(product))
        self.items.add_item(item)

    @Slot(object)
    def _sku_found(self, item: DraftItem) -> None:
        self.items.sku.clear()
        self.items.add_item(item)

    # -- quote ----------------------------------------------------------------------------

    def requote(self) -> None:
        """Ask again: the account's shipping preferences changed what FinerWorks preselects,
        so the order's method is chosen afresh."""
        if self.draft is not None and self.draft.editable:
            self.draft = replace(self.draft, shipping_code=None)
        self.quotes.soon()

    @Slot(object)
    def _quoted(self, quote: OrderQuote) -> None:
        self._server_problems = {}  # FinerWorks took the form as it is now
        kept = self.draft.shipping_code if self.draft else None
        chosen = self.quote.show_options(quote.options, kept, quote.preferred_option)
        self.items.set_prices(line_prices(quote))
        if self.draft is not None and self.draft.editable and chosen != self.draft.shipping_code:
            self.draft = replace(self.draft, shipping_code=chosen)
            self._save_timer.start()

    @Slot(object)
    def _refused(self, field_errors: dict[str, list[str]]) -> None:
        """FinerWorks refused the quote naming fields: they are marked like the form's own
        problems, and any edit asks again."""
        self._server_problems = {}
        for path, messages in field_errors.items():
            key = form_key(path)
            if key is not None:
                text = " ".join(messages) or "FinerWorks refused this."
                self._server_problems.setdefault(key, text)
        if self._server_problems:
            self.recipient.show_problems(self._server_problems)

    @Slot(str)
    def _shipping_chosen(self, code: str) -> None:
        if self.draft is not None and self.draft.editable and code != self.draft.shipping_code:
            self.draft = replace(self.draft, shipping_code=code)
            self._save_timer.start()

    # -- validate and submit ----------------------------------------------------------------

    def _problems(self) -> dict[str, str]:
        """Shows every problem beside its field; returns them (empty when ready to send)."""
        self._edited()
        assert self.draft is not None
        problems = self.editor.show_problems(self.draft, self._server_problems)
        if "shipping_code" in problems:
            self.quote.status.setText(
                problems["shipping_code"]
                if self.quote.options
                else "Choose a shipping method once the quote has come."
            )
        return problems

    def _ready(self, nothing_sent: str = "") -> bool:
        """The form has no problem and is on disk; otherwise says why, beside the fields."""
        problems = self._problems() if self.draft is not None else {"items": ""}
        if problems:
            self._show_result(f"{needs_attention(problems)}{nothing_sent}")
            return False
        if not self.save_now():
            self._show_result(f"{NOT_SAVED}{nothing_sent}")
            return False
        return True

    @Slot()
    def validate(self) -> None:
        if self._ready():
            self.submission.validate(self.draft)

    @Slot()
    def submit(self) -> None:
        """Checks the form, then asks FinerWorks how the account can pay, then the shop."""
        if self.submission.busy or not self._ready(" Nothing was sent."):
            return  # a double click that slipped through lands on `busy`
        self.submission.submit(
            self.draft, lambda draft_id: self.draft is not None and self.draft.id == draft_id
        )

    @Slot(bool)
    def _busy(self, busy: bool) -> None:
        editable = not busy and (self.draft is None or self.draft.editable)
        self.submit_button.setEnabled(editable)
        self.review_button.setEnabled(editable)

    @Slot(object)
    def _sent(self, report: SendReport) -> None:
        drafts = self.session.drafts
        if report.submitted:
            placed = drafts.by_po(report.submitted[0])
            self.new_draft()
            note = report.notes.get(placed.order_po)
            self._show_result(
                note or f"Order {placed.order_po} placed with FinerWorks (order {placed.order_id})."
            )
            return
        if self.draft is not None and self.draft.id is not None:
            self.session.open(drafts.get(self.draft.id))
        self._show(self.draft)
        self.refresh_list()
        if report.rejected:
            self._show_result(next(iter(report.rejected.values())))
        elif report.elsewhere:
            self._show_result(ELSEWHERE)
        else:
            self._show_result(
                "Not placed yet: FinerWorks could not be reached or its answer was lost. "
                "The order is kept and checked before it is ever sent again."
            )

    @Slot(str)
    def _send_failed(self, text: str) -> None:
        self._show_result(text)
        self.refresh_list()

    @Slot(str)
    def _show_result(self, text: str) -> None:
        self.result.setText(text)

    # -- orders staged on FinerWorks --------------------------------------------------------

    @Slot()
    def save_for_review(self) -> None:
        """Stages the order on FinerWorks (save_pending_orders) instead of placing it."""
        if self.submission.busy or not self._ready(" Nothing was sent."):
            return
        self.submission.set_busy(True)
        self.pending_panel.save_for_review(self.draft.id, self.draft.order_po)

    @Slot(object)
    def _saved_for_review(self, staged: Staged) -> None:
        self.submission.set_busy(False)
        self._staged = staged
        self.session.open(replace(staged.as_draft(), state=PENDING))
        self.refresh_list()
        self._show(self.draft)
        self._show_result(
            f"{staged.order_po} is saved on FinerWorks for review (pending order "
            f"{staged.fulfillment_id}). It is not placed until a desk or FinerWorks' dashboard "
            "places it."
        )

    @Slot(str)
    def _review_failed(self, text: str) -> None:
        self.submission.set_busy(False)
        self._show_result(text)

    @Slot(object)
    def _taken(self, draft: Draft) -> None:
        self._staged = None
        self.session.open(draft)
        self.refresh_list()
        self._show(draft)
        self._show_result(f"{draft.order_po} is now a draft on this computer.")

    @Slot(str)
    def _pending_deleted(self, po: str) -> None:
        self.new_draft()
        self._show_result(f"{po} was deleted from FinerWorks' pending orders.")
