"""The middle of the New order tab: the order's PO and state, its recipient with the address
check, its items and optional fields, and the notices above them (an unsaved order, an order
staged on FinerWorks). It shows a draft and reads the form back; keeping it on disk, quoting
and sending it are the tab's."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.orders import Address
from fwdesk.core.drafts import PENDING, REJECTED, SUBMITTED, SUBMITTING, UNKNOWN, Draft
from fwdesk.core.order_rules import check_draft
from fwdesk.core.store import Store
from fwdesk.ui.tabs.order.checks import AddressChecker
from fwdesk.ui.tabs.order.items_editor import ItemsEditor
from fwdesk.ui.tabs.order.order_form import ExtrasForm, RecipientForm, error_label
from fwdesk.ui.tabs.order.pending_panel import PendingPanel
from fwdesk.ui.work.jobs import JobRunner

STATE_TEXT = {
    REJECTED: None,
    UNKNOWN: "FinerWorks' answer was lost; fwdesk is checking whether the order arrived before "
    "sending anything again.",
    SUBMITTING: "Being sent…",
    PENDING: "",
}
"""What the form says about a draft in each state (None: the draft's own message)."""


class OrderEditor(QScrollArea):
    edited = Signal()
    """The shop changed something; a show_draft never emits it."""

    def __init__(self, service: JobRunner, store: Store) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._loading = False
        self.po_edit = QLineEdit(objectName="orderPoEdit")
        self.po_edit.setAccessibleName("Order PO number")
        self.po_edit.textEdited.connect(self._changed)
        self.po_error = error_label()
        self.state_label = QLabel(objectName="draftState")
        self.state_label.setWordWrap(True)
        self.save_problem = QLabel(objectName="saveProblem")
        self.save_problem.setProperty("role", "failure")
        self.save_problem.setWordWrap(True)
        self.save_problem.setMargin(6)
        self.save_problem.hide()
        po_row = QHBoxLayout()
        po_caption = QLabel("Order PO")
        po_caption.setBuddy(self.po_edit)
        po_row.addWidget(po_caption)
        po_row.addWidget(self.po_edit, 1)
        self.recipient = RecipientForm()
        self.recipient.edited.connect(self._changed)
        self.address = AddressChecker(service, self.recipient.address)
        self.address.accepted.connect(self._use_address)
        self.items = ItemsEditor()
        self.items.edited.connect(self._changed)
        self.extras = ExtrasForm()
        self.extras.edited.connect(self._changed)
        self.pending_panel = PendingPanel(service, store)
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.addWidget(self.save_problem)
        layout.addWidget(self.pending_panel)
        layout.addLayout(po_row)
        layout.addWidget(self.po_error)
        layout.addWidget(self.state_label)
        layout.addWidget(self.recipient)
        layout.addWidget(self.address)
        layout.addWidget(QLabel("Items", objectName="pageTitle"))
        layout.addWidget(self.items)
        layout.addWidget(self.extras)
        layout.addStretch(1)
        self.setWidget(form)

    def use_source(self, service: JobRunner, store: Store) -> None:
        self.address.use_service(service)
        self.pending_panel.use_source(service, store)

    @Slot()
    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def show_draft(self, draft: Draft | None) -> None:
        """Fills the form with `draft` (a blank form for None), editable only while the
        draft has not been sent."""
        self._loading = True
        blank = draft or Draft(order_po="")
        self.po_edit.setText(blank.order_po)
        self.po_edit.setPlaceholderText("chosen when you start typing")
        self.recipient.set_address(blank.recipient)
        self.items.set_items(blank.items)
        self.extras.load(blank)
        self._loading = False
        editable = draft is None or draft.editable
        for widget in (self.po_edit, self.recipient, self.items, self.extras, self.address):
            widget.setEnabled(editable)
        for fields in (self.recipient, self.extras):
            fields.set_read_only_look(editable)
        self.po_edit.setPlaceholderText("chosen when you start typing" if editable else "")
        self.show_state(draft)
        self.recipient.show_problems({})
        self.po_error.hide()

    def show_state(self, draft: Draft | None) -> None:
        if draft is None:
            self.state_label.clear()
        elif draft.state == SUBMITTED:
            self.state_label.setText(
                draft.message or f"Placed with FinerWorks as order {draft.order_id}."
            )
        else:
            self.state_label.setText(STATE_TEXT.get(draft.state) or draft.message)

    def typed(self, draft: Draft) -> Draft:
        """`draft` with what the form holds now."""
        typed = replace(
            draft,
            order_po=self.po_edit.text().strip() or draft.order_po,
            recipient=self.recipient.address(),
            items=self.items.items(),
        )
        return self.extras.apply_to(typed)

    def show_problems(self, draft: Draft, server: dict[str, str] | None = None) -> dict[str, str]:
        """Marks every problem of `draft` (and those FinerWorks named, `server`, by form key)
        beside its field, scrolls to the first and puts the cursor there; returns them all
        (empty: ready)."""
        problems = {**(server or {}), **check_draft(draft, for_submit=True)}
        self.show_po_problem(problems.get("order_po", ""))
        self.recipient.judge_all()
        in_recipient = self.recipient.show_problems(problems)
        in_items = self.items.check() or any(k.startswith("items") for k in problems)
        extras = {k: v for k, v in problems.items() if k in self.extras.edits}
        if extras:
            self.extras.setChecked(True)
        in_extras = self.extras.show_problems(extras)
        first = next(
            (
                widget
                for widget in (
                    self.po_edit if "order_po" in problems else None,
                    in_recipient,
                    self.items if in_items else None,
                    in_extras,
                )
                if widget is not None
            ),
            None,
        )
        if first is not None:
            self.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return problems

    def show_po_problem(self, text: str) -> None:
        self.po_error.setText(text)
        self.po_error.setVisible(bool(text))

    def show_unsaved(self, problem: str | None) -> None:
        """The notice of an order the disk refused; None once it is saved."""
        if problem is None:
            self.save_problem.hide()
            return
        self.save_problem.setText(
            f"This order is not saved yet. {problem} What you typed stays here, and fwdesk "
            "saves it as soon as it can."
        )
        self.save_problem.show()

    @Slot(object)
    def _use_address(self, address: Address) -> None:
        self.recipient.set_address(address)
        self.edited.emit()
