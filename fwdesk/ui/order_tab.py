"""The New order tab: type an order, watch its shipping quote, send it exactly once.

The form becomes a draft in SQLite at the first edit and is saved as you type. A quote is
asked for 300 ms after the last edit that changes it (destination, items, quantities); every
request carries the form's generation, and an answer for an older generation is dropped.
Sending goes through the outbox in a worker lane, so a lost answer is resolved by looking the
order up, never by sending it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.orders import Address, AddressCheck, Order
from fwdesk.api.shipping import OrderQuote, ShippingOption
from fwdesk.core import pending_orders
from fwdesk.core.catalog import CatalogProduct
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
from fwdesk.core.messages import explain
from fwdesk.core.order_rules import check_draft, quote_ready
from fwdesk.core.outbox import Outbox, SendReport
from fwdesk.core.payment import CREDITS_FALLBACK, TEST_TOKEN, Payment
from fwdesk.core.pending_orders import PendingOrders, Staged
from fwdesk.core.store import STORAGE_ERRORS, Store
from fwdesk.ui.catalog_model import money
from fwdesk.ui.order_form import ExtrasForm, ItemsEditor, RecipientForm, error_label
from fwdesk.ui.pending_panel import PendingPanel
from fwdesk.ui.quote_panel import QuotePanel
from fwdesk.ui.send_dialog import confirm_send
from fwdesk.ui.worker import ApiService, JobContext, Priority

QUOTE_DELAY_MS = 300
SAVE_DELAY_MS = 300
NOT_SAVED = "The order could not be saved to disk first (see the message at the top)."
SAVE_RETRY_MS = 5000
"""After a failed save (a full disk), how often saving is tried again."""
PENDING_REFRESH_MS = 5 * 60_000
"""How often FinerWorks' pending orders are listed again (other desks add to them)."""
PENDING_ROLE = Qt.ItemDataRole.UserRole + 1
"""List items of pending orders carry their fulfillment id under this role."""
STATE_LABELS = {
    PENDING: "on FinerWorks for review",
    DRAFT: "draft",
    SUBMITTING: "sending…",
    UNKNOWN: "checking with FinerWorks",
    REJECTED: "refused",
    SUBMITTED: "placed",
}


class OrderTab(QWidget):
    submitted = Signal(str)
    import_requested = Signal()

    def __init__(
        self, service: ApiService, store: Store, mode_text: Callable[[], str], prefix: str = "SHOP-"
    ) -> None:
        super().__init__()
        self.setObjectName("orderPage")
        self._service = service
        self._drafts = DraftStore(store)
        self._mode_text = mode_text
        self.po_prefix = prefix
        self.draft: Draft | None = None
        self._staged: Staged | None = None
        """The pending order shown, when the form shows one (read-only)."""
        self._generation = 0
        self._quoted_generation = -1
        self._loading = False
        self._sending = False
        """Between Submit and the end of the send (the question included)."""
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._unsaved = False
        """A save failed: what is on screen is newer than the disk."""
        self._retry_timer = QTimer(self, singleShot=True, interval=SAVE_RETRY_MS)
        self._retry_timer.timeout.connect(self.save_now)
        self._quote_timer = QTimer(self, singleShot=True, interval=QUOTE_DELAY_MS)
        self._quote_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._quote_timer.timeout.connect(self._ask_quote)
        self._pending_timer = QTimer(self, interval=PENDING_REFRESH_MS)
        self._pending_timer.timeout.connect(self.refresh_pending)
        self._pending_timer.start()
        self._build()
        self.refresh_list()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.drafts_list = QListWidget(objectName="draftsList")
        self.drafts_list.setAccessibleName("Drafts and recent orders")
        self.drafts_list.itemActivated.connect(self._open_item)
        self.drafts_list.itemClicked.connect(self._open_item)
        new_button = QPushButton("&New order", objectName="newDraftButton")
        new_button.clicked.connect(self.new_draft)
        self.delete_button = QPushButton("Delete draft", objectName="deleteDraftButton")
        self.delete_button.clicked.connect(self._delete_draft)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Drafts", objectName="pageTitle"))
        left_layout.addWidget(self.drafts_list, 1)
        left_layout.addWidget(new_button)
        left_layout.addWidget(self.delete_button)
        import_button = QPushButton("&Import CSV…", objectName="importCsvButton")
        import_button.clicked.connect(self.import_requested)
        left_layout.addWidget(import_button)

        self.po_edit = QLineEdit(objectName="orderPoEdit")
        self.po_edit.setAccessibleName("Order PO number")
        self.po_edit.textEdited.connect(self._edited)
        self.po_error = error_label()
        self.state_label = QLabel(objectName="draftState")
        self.state_label.setWordWrap(True)
        self.save_problem = QLabel(objectName="saveProblem")
        self.save_problem.setProperty("role", "failure")
        self.save_problem.setWordWrap(True)
        self.save_problem.setMargin(6)
        self.save_problem.hide()
        po_row = QHBoxLayout()
        po_caption = QLabel("Order &PO")
        po_caption.setBuddy(self.po_edit)
        po_row.addWidget(po_caption)
        po_row.addWidget(self.po_edit, 1)
        self.recipient = RecipientForm()
        self.recipient.edited.connect(self._edited)
        self.recipient.destination_changed.connect(self._quote_soon)
        self.check_address_button = QPushButton("Check address", objectName="checkAddressButton")
        self.check_address_button.clicked.connect(self._check_address)
        self.suggestion = QFrame(objectName="addressSuggestion")
        self.suggestion.setProperty("role", "warning")
        self.suggestion_text = QLabel()
        self.suggestion_text.setWordWrap(True)
        accept = QPushButton("Use suggested address", objectName="acceptSuggestionButton")
        accept.clicked.connect(self._accept_suggestion)
        reject = QPushButton("Keep mine", objectName="rejectSuggestionButton")
        reject.clicked.connect(self.suggestion.hide)
        suggestion_layout = QVBoxLayout(self.suggestion)
        suggestion_layout.addWidget(self.suggestion_text)
        buttons = QHBoxLayout()
        buttons.addWidget(accept)
        buttons.addWidget(reject)
        buttons.addStretch(1)
        suggestion_layout.addLayout(buttons)
        self.suggestion.hide()
        self._suggested: Address | None = None
        self.items = ItemsEditor()
        self.items.edited.connect(self._edited)
        self.items.edited.connect(self._quote_soon)
        self.items.add_requested.connect(self._add_typed_sku)
        self.extras = ExtrasForm()
        self.extras.edited.connect(self._edited)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addWidget(self.save_problem)
        self.pending_panel = PendingPanel()
        self.pending_panel.take_requested.connect(self._take_pending)
        self.pending_panel.delete_requested.connect(self._delete_pending)
        form_layout.addWidget(self.pending_panel)
        form_layout.addLayout(po_row)
        form_layout.addWidget(self.po_error)
        form_layout.addWidget(self.state_label)
        form_layout.addWidget(self.recipient)
        form_layout.addWidget(self.check_address_button, 0, Qt.AlignmentFlag.AlignLeft)
        form_layout.addWidget(self.suggestion)
        form_layout.addWidget(QLabel("Items", objectName="pageTitle"))
        form_layout.addWidget(self.items)
        form_layout.addWidget(self.extras)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.quote = QuotePanel()
        self.quote.chosen.connect(self._shipping_chosen)
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
        for widget in (left, scroll, right):
            splitter.addWidget(widget)
        splitter.setSizes([220, 560, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(splitter)

    # -- drafts ---------------------------------------------------------------------------

    def use_source(self, service: ApiService, store: Store) -> None:
        """Switching to another connection; the caller has made sure the draft is saved (or
        that the user chose to leave it)."""
        self._unsaved = False
        self._retry_timer.stop()
        self.save_problem.hide()
        self._service = service
        self._drafts = DraftStore(store)
        self.draft = None
        self._show(None)
        self.refresh_list()
        self.recover()

    @Slot()
    def refresh_pending(self) -> None:
        """List FinerWorks' pending orders again (in the background lane)."""
        store = self._drafts.store
        self._service.submit(
            "pending orders",
            lambda context: pending_orders.refresh(context.client, store),
            priority=Priority.BACKGROUND,
            key="pending-refresh",
            on_done=lambda _staged: self.refresh_list(),
            report=False,
        )

    def recover(self) -> None:
        """Drafts whose sending was interrupted are settled before anything else is sent;
        FinerWorks' pending orders are listed too."""
        self.refresh_pending()
        if self._drafts.in_states(SUBMITTING, UNKNOWN):
            store = self._drafts.store
            self._service.submit(
                "recover orders",
                lambda context: Outbox(DraftStore(store)).recover(context.client),
                priority=Priority.BACKGROUND,
                abortable=False,
                on_done=lambda _none: self.refresh_list(),
            )

    def refresh_list(self) -> None:
        self.drafts_list.clear()
        shown = self._drafts.in_states(DRAFT, REJECTED, UNKNOWN, SUBMITTING)
        shown += self._drafts.in_states(SUBMITTED)[-20:]
        for draft in shown:
            item = QListWidgetItem(_list_text(draft))
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            if draft.state == SUBMITTED:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.drafts_list.addItem(item)
            if self.draft is not None and draft.id == self.draft.id:
                self.drafts_list.setCurrentItem(item)
        staged_orders = PendingOrders(self._drafts.store).all()
        if staged_orders:
            header = QListWidgetItem("On FinerWorks for review")
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.drafts_list.addItem(header)
        for staged in staged_orders:
            item = QListWidgetItem(_list_text(staged.as_draft(), state=None))
            item.setData(PENDING_ROLE, staged.fulfillment_id)
            item.setToolTip("Staged on FinerWorks; any desk of the shop can place it.")
            self.drafts_list.addItem(item)
            if self._staged is not None and staged.fulfillment_id == self._staged.fulfillment_id:
                self.drafts_list.setCurrentItem(item)

    def _label_current(self) -> None:
        item = self.drafts_list.currentItem()
        if (
            item is not None
            and self.draft is not None
            and item.data(Qt.ItemDataRole.UserRole) == self.draft.id
        ):
            item.setText(_list_text(self.draft))

    @Slot()
    def new_draft(self) -> None:
        if not self.save_now():
            return
        self.draft = None
        self._staged = None
        self._show(None)
        self.result.clear()
        self.refresh_list()

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        if not self.save_now():
            self.refresh_list()
            return
        pending_id = item.data(PENDING_ROLE)
        if pending_id is not None:
            staged = PendingOrders(self._drafts.store).get(pending_id)
            if staged is not None:
                self._staged = staged
                self.draft = replace(staged.as_draft(), state=PENDING)
                self._show(self.draft)
            return
        draft = self._drafts.get(item.data(Qt.ItemDataRole.UserRole))
        if draft is not None:
            self.draft = draft
            self._staged = None
            self._show(draft)

    @Slot()
    def _delete_draft(self) -> None:
        if self.draft is None or not self.draft.editable:
            return
        answer = QMessageBox.question(
            self, "Delete draft", f"Delete the draft {self.draft.order_po}? It cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._drafts.delete(self.draft.id)
            self.new_draft()

    def _show(self, draft: Draft | None) -> None:
        self._loading = True
        blank = draft or Draft(order_po="")
        self.po_edit.setText(blank.order_po)
        self.po_edit.setPlaceholderText("chosen when you start typing")
        self.recipient.set_address(blank.recipient)
        self.items.set_items(blank.items)
        self.extras.load(blank)
        self._loading = False
        editable = draft is None or draft.editable
        for widget in (
            self.po_edit,
            self.recipient,
            self.items,
            self.extras,
            self.submit_button,
            self.check_address_button,
            self.validate_button,
        ):
            widget.setEnabled(editable)
        self.delete_button.setEnabled(draft is not None and draft.editable)
        self.review_button.setEnabled(editable)
        self.pending_panel.show_staged(self._staged if draft and draft.state == PENDING else None)
        self._show_state(draft)
        self.recipient.show_problems({})
        self.po_error.hide()
        self._quote_soon()

    def _show_state(self, draft: Draft | None) -> None:
        if draft is None:
            self.state_label.clear()
            return
        text = {
            SUBMITTED: f"Placed with FinerWorks as order {draft.order_id}.",
            REJECTED: draft.message,
            UNKNOWN: "FinerWorks' answer was lost; fwdesk is checking whether the order arrived "
            "before sending anything again.",
            SUBMITTING: "Being sent…",
            PENDING: "",
        }.get(draft.state, draft.message)
        self.state_label.setText(text)

    # -- editing --------------------------------------------------------------------------

    def _collect(self) -> Draft:
        assert self.draft is not None
        draft = replace(
            self.draft,
            order_po=self.po_edit.text().strip() or self.draft.order_po,
            recipient=self.recipient.address(),
            items=self.items.items(),
        )
        return self.extras.apply_to(draft)

    @Slot()
    def _edited(self) -> None:
        if self._loading:
            return
        if self.draft is None and not self._create_draft():
            return
        self.draft = self._collect()
        self._save_timer.start()

    def _create_draft(self) -> bool:
        try:
            self.draft = self._drafts.create(self.po_prefix)
        except STORAGE_ERRORS as error:
            self._save_failed(error)
            return False
        self.po_edit.setText(self.draft.order_po)
        self.refresh_list()
        return True

    @Slot()
    def save_now(self) -> bool:
        """Writes the form to its draft. False when the disk refused: the form keeps what was
        typed, says so, and saving is tried again every few seconds."""
        self._save_timer.stop()
        if self.draft is None:
            if not self._unsaved or not self._create_draft():
                return not self._unsaved
            self.draft = self._collect()
        if not self.draft.editable:
            return True
        try:
            self.draft = self._drafts.save(self.draft)
        except ValueError as problem:
            self.po_error.setText(str(problem))
            self.po_error.show()
            return True
        except STORAGE_ERRORS as error:
            self._save_failed(error)
            return False
        self._unsaved = False
        self._retry_timer.stop()
        self.save_problem.hide()
        self.po_error.hide()
        self._label_current()
        return True

    @property
    def unsaved(self) -> bool:
        return self._unsaved

    def _save_failed(self, error: BaseException) -> None:
        self._unsaved = True
        self.save_problem.setText(
            f"This order is not saved yet. {explain(error)} What you typed stays here, and "
            "fwdesk saves it as soon as it can."
        )
        self.save_problem.show()
        self._retry_timer.start()

    def add_item(self, product: CatalogProduct, quantity: int) -> None:
        """From the catalogue's "Add to order"."""
        if self.draft is not None and not self.draft.editable:
            self.new_draft()
        self.items.add_item(DraftItem(product.sku, quantity, product.name[:50]))

    @Slot(str, int)
    def _add_typed_sku(self, sku: str, quantity: int) -> None:
        """A typed SKU is checked with FinerWorks before it joins the order."""
        self.items.show_message(f"Checking {sku} with FinerWorks…")
        self._service.submit(
            "check product",
            lambda context: context.client.get_product_details([(sku, quantity)]),
            key="check-sku",
            on_done=lambda found: self._sku_checked(sku, quantity, found),
            on_error=lambda error: self.items.show_message(f"{sku}: {explain(error)}"),
            report=False,
        )

    def _sku_checked(self, sku: str, quantity: int, found: list) -> None:
        if not any(details.available for details in found):
            self.items.show_message(f"FinerWorks does not know {sku}.")
            return
        self.items.show_message("")
        self.items.sku.clear()
        self.items.add_item(DraftItem(sku, quantity, (found[0].name or "")[:50]))

    # -- quote ----------------------------------------------------------------------------

    def requote(self) -> None:
        """Ask again: the account's shipping preferences changed what FinerWorks preselects,
        so the order's method is chosen afresh."""
        if self.draft is not None and self.draft.editable:
            self.draft = replace(self.draft, shipping_code=None)
        self._quote_soon()

    @Slot()
    def _quote_soon(self) -> None:
        self._generation += 1
        self._quote_timer.start()

    @Slot()
    def _ask_quote(self) -> None:
        draft = self._collect() if self.draft is not None else None
        if draft is None or not quote_ready(draft):
            self.quote.show_message(
                "Enter the destination (country, state, postal code) and at least one item "
                "to see shipping costs."
            )
            return
        generation = self._generation
        order = replace(draft.to_order(), order_po=draft.order_po or "QUOTE")
        self.quote.updating()
        self._service.submit(
            "shipping quote",
            lambda context: _quote(context, order),
            priority=Priority.INTERACTIVE,
            key="quote",
            on_done=lambda quote: self._quoted(generation, quote),
            on_error=lambda error: self._quote_failed(generation, error),
            report=False,
        )

    def _quoted(self, generation: int, quote: OrderQuote) -> None:
        if generation != self._generation:
            return  # the form changed since this was asked: a newer quote is on its way
        self._quoted_generation = generation
        kept = self.draft.shipping_code if self.draft else None
        chosen = self.quote.show_options(quote.options, kept, quote.preferred_option)
        self._apply_line_prices(quote.options)
        if self.draft is not None and chosen != self.draft.shipping_code:
            self.draft = replace(self.draft, shipping_code=chosen)
            self._save_timer.start()

    def _quote_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.quote.show_message(f"No quote right now: {explain(error)}")

    def _apply_line_prices(self, options: list[ShippingOption]) -> None:
        totals = options[0].calculated_total if options else None
        prices = {}
        for line in totals.product_pricing if totals else []:
            sku = (line.product_sku or line.product_code or "").upper()
            if line.product_qty:
                unit = line.total_price / line.product_qty
                prices[f"{sku}#{line.product_qty}"] = (money(unit), money(line.total_price))
        self.items.set_prices(prices)

    @Slot(str)
    def _shipping_chosen(self, code: str) -> None:
        if self.draft is not None and self.draft.editable and code != self.draft.shipping_code:
            self.draft = replace(self.draft, shipping_code=code)
            self._save_timer.start()

    # -- address check, validate, submit --------------------------------------------------

    @Slot()
    def _check_address(self) -> None:
        address = self.recipient.address()
        self.suggestion.hide()
        self._service.submit(
            "check address",
            lambda context: context.client.validate_recipient_address(address),
            key="check-address",
            on_done=lambda check: self._address_checked(address, check),
            on_error=lambda error: self._show_result(explain(error)),
            report=False,
        )

    def _address_checked(self, sent: Address, check: AddressCheck) -> None:
        if not check.ok:
            self.suggestion_text.setText(
                f"<b>FinerWorks could not confirm this address.</b> {check.message}"
            )
            self._suggested = None
        elif check.address is not None and check.address.to_json() != sent.to_json():
            self._suggested = replace(
                check.address, country_code=check.address.country_code or sent.country_code
            )
            lines = [
                check.address.address_1,
                check.address.city,
                check.address.state_code,
                check.address.zip_postal_code,
            ]
            self.suggestion_text.setText(
                "<b>FinerWorks suggests:</b> " + ", ".join(x for x in lines if x)
            )
        else:
            self._show_result("FinerWorks confirmed the address.")
            return
        self.suggestion.findChild(QPushButton, "acceptSuggestionButton").setVisible(
            self._suggested is not None
        )
        self.suggestion.show()

    @Slot()
    def _accept_suggestion(self) -> None:
        if self._suggested is not None:
            self.recipient.set_address(self._suggested)
            self._edited()
        self.suggestion.hide()

    def _problems(self) -> dict[str, str]:
        """Shows every problem beside its field; returns them (empty when ready to send)."""
        self._edited()
        assert self.draft is not None
        problems = check_draft(self.draft, for_submit=True)
        self.recipient.show_problems(problems)
        self.items.check()
        self.extras.check_with(self.draft)
        if "order_po" in problems:
            self.po_error.setText(problems["order_po"])
            self.po_error.show()
        if "shipping_code" in problems:
            self.quote.status.setText(problems["shipping_code"])
        return problems

    @Slot()
    def validate(self) -> None:
        if self._problems():
            self._show_result("Some fields need attention (marked in red).")
            return
        if not self.save_now():
            self._show_result(NOT_SAVED)
            return
        order = self.draft.to_order()
        self._show_result("Asking FinerWorks to check the order…")
        self._service.submit(
            "validate order",
            # With the test token, as FinerWorks' own app checks a spreadsheet (API.md 9.2):
            # a check never pays.
            lambda context: context.client.submit_orders_v2(
                [order], TEST_TOKEN, validate_only=True
            ),
            on_done=lambda _none: self._show_result(
                "FinerWorks found no problems with this order."
            ),
            on_error=lambda error: self._show_result(explain(error)),
            report=False,
        )

    @Slot()
    def submit(self) -> None:
        """Checks the form, asks FinerWorks how the account can pay, then asks the shop."""
        if self._sending:
            return  # a double click that slipped through
        if self.draft is None or self._problems():
            self._show_result("Some fields need attention (marked in red). Nothing was sent.")
            return
        if not self.save_now():
            self._show_result(NOT_SAVED + " Nothing was sent.")
            return
        draft = self.draft
        self._sending = True
        self.submit_button.setEnabled(False)
        total = self.quote.grand_total(draft.shipping_code)
        option = self.quote.option(draft.shipping_code)
        method = option.shipping_method if option and option.shipping_method else "not chosen"
        confirm_send(
            self,
            self._service,
            title="Send this order?",
            summary=f"Send order {draft.order_po} to FinerWorks?\n\n"
            f"Total: {money(total) if total is not None else 'not quoted yet'} "
            f"(shipping: {method})",
            mode=self._mode_text(),
            total=total,
            all_test=draft.test_mode,
            on_send=lambda payment: self._send(draft.id, payment),
            on_cancel=self._not_sent,
        )

    @Slot()
    def _not_sent(self) -> None:
        self._sending = False
        self.submit_button.setEnabled(self.draft is None or self.draft.editable)

    def _send(self, draft_id: int, payment: Payment | None) -> None:
        if self.draft is None or self.draft.id != draft_id:
            self._not_sent()
            return  # the shop moved on to another order while the question was open
        store = self._drafts.store
        chosen = payment or CREDITS_FALLBACK
        self._show_result(f"Sending {self.draft.order_po if self.draft else 'the order'}…")
        self._service.submit(
            "submit order",
            lambda context: _send(context, store, [draft_id], chosen),
            priority=Priority.INTERACTIVE,
            abortable=False,
            on_done=self._sent,
            on_error=self._send_failed,
        )

    def _sent(self, report: SendReport) -> None:
        self._not_sent()
        if report.submitted:
            placed = self._drafts.by_po(report.submitted[0])
            self.new_draft()
            note = report.notes.get(placed.order_po)
            self._show_result(
                note or f"Order {placed.order_po} placed with FinerWorks (order {placed.order_id})."
            )
            self.submitted.emit(placed.order_po)
            return
        self.draft = self._drafts.get(self.draft.id) if self.draft else None
        self._show(self.draft)
        self.refresh_list()
        if report.rejected:
            self._show_result(next(iter(report.rejected.values())))
        else:
            self._show_result(
                "Not placed yet: FinerWorks could not be reached or its answer was lost. "
                "The order is kept and checked before it is ever sent again."
            )

    def _send_failed(self, error: Exception) -> None:
        self._not_sent()
        self._show_result(explain(error))
        self.refresh_list()

    def _show_result(self, text: str) -> None:
        self.result.setText(text)

    # -- pending orders on FinerWorks -----------------------------------------------------

    @Slot()
    def save_for_review(self) -> None:
        """Stages the order on FinerWorks (save_pending_orders) instead of placing it."""
        if self._sending or self.draft is None or self._problems():
            self._show_result("Some fields need attention (marked in red). Nothing was sent.")
            return
        if not self.save_now():
            self._show_result(NOT_SAVED + " Nothing was sent.")
            return
        self._sending = True
        self.review_button.setEnabled(False)
        store, draft_id = self._drafts.store, self.draft.id
        self._show_result(f"Saving {self.draft.order_po} to FinerWorks for review…")
        self._service.submit(
            "save for review",
            lambda context: pending_orders.save_for_review(context.client, store, draft_id),
            abortable=False,
            on_done=self._saved_for_review,
            on_error=self._review_failed,
        )

    def _saved_for_review(self, staged: Staged) -> None:
        self._not_sent()
        self.draft = None
        self._staged = staged
        self.refresh_list()
        self.draft = replace(staged.as_draft(), state=PENDING)
        self._show(self.draft)
        self._show_result(
            f"{staged.order_po} is saved on FinerWorks for review (pending order "
            f"{staged.fulfillment_id}). It is not placed until a desk or FinerWorks' dashboard "
            "places it."
        )

    def _review_failed(self, error: Exception) -> None:
        self._not_sent()
        self.review_button.setEnabled(True)
        self._show_result(explain(error))

    @Slot(int)
    def _take_pending(self, fulfillment_id: int) -> None:
        store = self._drafts.store
        self.pending_panel.set_busy(True)
        self._service.submit(
            "take pending order",
            lambda context: pending_orders.take_in(context.client, store, fulfillment_id),
            abortable=False,
            on_done=self._taken,
            on_error=self._pending_failed,
        )

    def _taken(self, draft: Draft) -> None:
        self._staged = None
        self.draft = draft
        self.refresh_list()
        self._show(draft)
        self._show_result(f"{draft.order_po} is now a draft on this computer.")

    @Slot(int)
    def _delete_pending(self, fulfillment_id: int) -> None:
        staged = self._staged
        po = staged.order_po if staged else str(fulfillment_id)
        answer = QMessageBox.question(
            self,
            "Delete pending order",
            f"Delete {po} from FinerWorks' pending orders? No desk will be able to place it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self._drafts.store
        self.pending_panel.set_busy(True)
        self._service.submit(
            "delete pending order",
            lambda context: pending_orders.delete(context.client, store, fulfillment_id),
            abortable=False,
            on_done=lambda _none: self._pending_deleted(po),
            on_error=self._pending_failed,
        )

    def _pending_deleted(self, po: str) -> None:
        self.new_draft()
        self._show_result(f"{po} was deleted from FinerWorks' pending orders.")

    def _pending_failed(self, error: Exception) -> None:
        self.pending_panel.set_busy(False)
        self._show_result(explain(error))


def _list_text(draft: Draft, state: str | None = "") -> str:
    """`state` None leaves the state out (the list's group heading says it)."""
    name = " ".join(filter(None, [draft.recipient.first_name, draft.recipient.last_name]))
    text = f"{draft.order_po}  ·  {name or 'no recipient yet'}"
    return text if state is None else f"{text}  ·  {STATE_LABELS[state or draft.state]}"


def _quote(context: JobContext, order: Order) -> OrderQuote:
    """Quoted as FinerWorks' own app quotes: list_shipping_options_multiple, which also names
    the option the account's shipping preferences pick (API.md 9.3)."""
    quotes = context.client.list_shipping_options_multiple([order])
    return quotes[0] if quotes else OrderQuote(order_po=order.order_po)


def _send(context: JobContext, store: Store, ids: list[int], payment: Payment) -> SendReport:
    return Outbox(DraftStore(store), sleep=context.sleep).send(context.client, ids, payment=payment)
