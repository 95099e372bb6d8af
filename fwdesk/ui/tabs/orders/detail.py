"""One order in full beside the Orders table: recipient, items, totals, the gift message, when
each status was first seen, shipments with tracking links, the actions FinerWorks still
allows for its status id, Reorder, and the shop's own note.

What is not known is left out rather than shown as a dash or a blank that looks like data;
times are the shop's clock (core.shop_time), money is in dollars (core.money), countries are
named. The note is saved as it is typed, a moment after the last key, and at once when
another order is chosen or the pane goes out of view, so no keystroke is lost.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QHideEvent, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core import order_status, shop_time
from fwdesk.core.money import money
from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.tracking import tracking_link
from fwdesk.ui.widgets.countries import countries
from fwdesk.ui.widgets.theme import colours

ACTIONS: tuple[tuple[str, str, str, Callable[[int | None], bool]], ...] = (
    ("hold", "Hol&d", "holdOrderButton", order_status.can_hold),
    ("pending", "Re&lease", "releaseOrderButton", order_status.can_release),
    ("cancel", "Ca&ncel order…", "cancelOrderButton", order_status.can_cancel),
)
"""update_order's commands, their buttons, and the status ids that allow them."""
NOTE_SAVE_MS = 600
"""The pause in typing after which the note is saved."""
NOTHING_CHOSEN = "Select an order to see its journey."
MODE_WORDS = {"demo": "Demo order", "test": "Test order", "live": "Live order"}


class OrderDetail(QWidget):
    act = Signal(str)
    """An update_order command for the order shown: hold, pending (release) or cancel."""
    change_recipient = Signal()
    reorder = Signal()
    """A new draft from the order shown."""
    note_edited = Signal(str, str)
    """(order_po, note) to be saved: typed, then a pause."""

    def __init__(self) -> None:
        super().__init__()
        self.text = _wrapping_label("orderDetail")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message = _wrapping_label("orderActionMessage")
        self.message.setProperty("role", "hint")
        self.copy_button = QPushButton("Copy tracking numbers", objectName="copyTrackingButton")
        self.copy_button.clicked.connect(self._copy_tracking)
        self.buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()
        for column, (command, text, name, _allowed) in enumerate(ACTIONS):
            button = QPushButton(text, objectName=name)
            button.setProperty("command", command)
            button.clicked.connect(self._command_clicked)
            actions.addWidget(button, 0, column)
            self.buttons[command] = button
        self.recipient_button = QPushButton(
            "Change reci&pient…", objectName="changeRecipientButton"
        )
        self.recipient_button.clicked.connect(self.change_recipient)
        self.reorder_button = QPushButton("Reorder", objectName="reorderButton")
        self.reorder_button.setToolTip(
            "A new draft with the same recipient and items, under a new PO"
        )
        self.reorder_button.clicked.connect(self.reorder)
        actions.addWidget(self.recipient_button, 1, 0)
        actions.addWidget(self.reorder_button, 1, 1)
        actions.setColumnStretch(len(ACTIONS), 1)
        self.actions = QWidget(objectName="orderActions")
        self.actions.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)

        self.note_label = QLabel("Your no&te (kept on this computer, never sent to FinerWorks)")
        self.note_label.setWordWrap(True)
        self.note = QPlainTextEdit(objectName="orderNoteEdit")
        self.note.setAccessibleName("Your note on this order")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.note_label.setBuddy(self.note)
        self.note.textChanged.connect(self._note_typed)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.save_note)
        self._note_po = ""
        """The order the note box holds the note of."""
        self._note_typed_since_saved = False

        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.actions)
        layout.addWidget(self.message)
        layout.addWidget(self.text)
        layout.addLayout(copy_row)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.tracked: TrackedOrder | None = None
        self.show_order(None, [])

    def show_order(self, tracked: TrackedOrder | None, timeline: list[tuple[str, str]]) -> None:
        """The order (or none). The same order shown again (a refresh) leaves the note box
        alone, since the shop may be typing in it."""
        same = tracked is not None and tracked.order_po == self._note_po
        if not same:
            self.save_note()
            self.show_message("")
        self.tracked = tracked
        status_id = tracked.status_id if tracked is not None else None
        for command, _text, _name, allowed in ACTIONS:
            self.buttons[command].setEnabled(tracked is not None and allowed(status_id))
        self.recipient_button.setEnabled(
            tracked is not None and order_status.can_change_recipient(status_id)
        )
        self.reorder_button.setEnabled(tracked is not None and bool(tracked.detail.get("items")))
        shipments = (tracked.detail.get("shipments") or []) if tracked else []
        self.copy_button.setVisible(bool(shipments))
        self.copy_button.setEnabled(bool(shipments))
        for part in (self.actions, self.note_label, self.note):
            part.setVisible(tracked is not None)
        if tracked is None:
            self.text.setText(f"<p>{NOTHING_CHOSEN}</p>")
        else:
            self.text.setText(detail_html(tracked, timeline))
        if not same:
            self._note_po = tracked.order_po if tracked is not None else ""
            self.note.blockSignals(True)
            self.note.setPlainText(tracked.note if tracked is not None else "")
            self.note.moveCursor(QTextCursor.MoveOperation.End)  # to add to it
            self.note.blockSignals(False)

    def show_message(self, text: str) -> None:
        """What became of an action on this order (asked, refused): wraps under the buttons."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def save_note(self) -> None:
        """Hands a note typed since the last save to be stored; nothing when none was."""
        self._note_timer.stop()
        if self._note_typed_since_saved:
            self._note_typed_since_saved = False
            self.note_edited.emit(self._note_po, self.note.toPlainText())

    def hideEvent(self, event: QHideEvent) -> None:
        """Out of view (another tab, the window closing): the note is kept now."""
        self.save_note()
        super().hideEvent(event)

    @Slot()
    def _note_typed(self) -> None:
        if self._note_po:
            self._note_typed_since_saved = True
            self._note_timer.start()

    @Slot()
    def _command_clicked(self) -> None:
        self.act.emit(self.sender().property("command"))

    @Slot()
    def _copy_tracking(self) -> None:
        if self.tracked is not None:
            numbers = [
                s.get("tracking_number") or "" for s in self.tracked.detail.get("shipments") or []
            ]
            QGuiApplication.clipboard().setText("\n".join(n for n in numbers if n))


def _wrapping_label(name: str) -> QLabel:
    """A label that takes more lines for a long text instead of widening the window."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


@functools.cache
def _country_names() -> dict[str, str]:
    return {code: name for name, code in countries()}


def country_name(code: str) -> str:
    """ "United States" for "us"; an unknown code as it was written."""
    return _country_names().get(code.strip().upper(), code.strip())


def detail_html(tracked: TrackedOrder, timeline: list[tuple[str, str]]) -> str:
    esc = html.escape
    meaning = tracked.meaning
    same = meaning.stage.title.casefold() == tracked.status_label.casefold()
    stage = "" if same else f" ({meaning.stage.title})"
    parts = [f"<h3>{esc(tracked.order_po)} · {esc(tracked.status_label)}{esc(stage)}</h3>"]
    if meaning.advice:
        parts.append(f'<p style="color:{colours().attention}"><b>{esc(meaning.advice)}</b></p>')
    placed = shop_time.shown(tracked.placed_at)
    said = [f"<b>Placed</b> {esc(placed)}"] if placed else []
    parts.append(f"<p>{' · '.join([*said, MODE_WORDS[tracked.mode]])}</p>")
    if tracked.reference and tracked.reference != tracked.order_po:
        parts.append(f"<p><b>Your order</b> {esc(tracked.reference)}</p>")
    parts.append(_recipient_html(tracked))
    items = [_item_html(i) for i in tracked.detail.get("items") or []]
    if items:
        parts.append(f"<p><b>Items</b></p><ul>{''.join(items)}</ul>")
    method = str(tracked.detail.get("shipping_method") or "").strip()
    if method:
        parts.append(f"<p><b>Shipping</b> {esc(method)}</p>")
    parts.append(_money_html(tracked))
    gift = str(tracked.detail.get("gift_message") or "").strip()
    if gift:
        parts.append(f"<p><b>Gift message</b><br>“{esc(gift)}”</p>")
    seen = [
        f"<li>{esc(label)} — first seen {esc(shop_time.shown(first))}</li>"
        if shop_time.shown(first)
        else f"<li>{esc(label)}</li>"
        for label, first in timeline
    ]
    if seen:
        parts.append(f"<p><b>Status history</b></p><ul>{''.join(seen)}</ul>")
    parcels = [_shipment_html(s) for s in tracked.detail.get("shipments") or []]
    parts.append(
        f"<p><b>Shipments</b></p><ul>{''.join(parcels) or '<li>Not shipped yet.</li>'}</ul>"
    )
    return "".join(p for p in parts if p)


def _recipient_html(tracked: TrackedOrder) -> str:
    esc = html.escape
    recipient = tracked.detail.get("recipient") or {}

    def field(key: str) -> str:
        return str(recipient.get(key) or "").strip()

    country = country_name(field("country_code")) if field("country_code") else ""
    town = _joined(" ", _joined(", ", field("city"), field("state_code")), field("zip_postal_code"))
    lines = [
        tracked.customer,
        field("company_name"),
        _joined(", ", field("address_1"), field("address_2"), field("address_3")),
        _joined(", ", town, field("province"), country),
        _joined(" · ", field("phone"), field("email")),
    ]
    shown = "<br>".join(esc(line) for line in lines if line)
    return f"<p><b>Ship to</b><br>{shown}</p>" if shown else ""


def _joined(separator: str, *parts: str) -> str:
    return separator.join(p for p in parts if p)


def _item_html(item: dict) -> str:
    name = str(item.get("product_title") or item.get("product_sku") or "").strip()
    quantity = item.get("product_qty")
    counted = f"{quantity} × " if quantity else ""
    return f"<li>{counted}{html.escape(name)}</li>" if name else ""


def _money_html(tracked: TrackedOrder) -> str:
    totals = tracked.detail.get("totals") or {}
    shipping = _decimal(totals.get("order_shipping_rate"))
    parts = []
    if tracked.grand_total is not None:
        of_which = f" (shipping {money(shipping)})" if shipping is not None else ""
        parts.append(f"<p><b>FinerWorks charges</b> {money(tracked.grand_total)}{of_which}</p>")
    if tracked.sale_total is not None:
        margin = tracked.margin
        kept = f"; you keep {money(margin)}" if margin is not None else ""
        parts.append(f"<p><b>Customer paid</b> {money(tracked.sale_total)}{kept}</p>")
    return "".join(parts)


def _shipment_html(shipment: dict) -> str:
    esc = html.escape
    number = str(shipment.get("tracking_number") or "")
    link = tracking_link(shipment.get("carrier"), number)
    shown = f'<a href="{esc(link)}">{esc(number)}</a>' if link else esc(number)
    how = " ".join(
        esc(str(shipment.get(key) or "").strip())
        for key in ("carrier", "service")
        if shipment.get(key)
    )
    day = shop_time.shown_day(str(shipment.get("shipment_date") or ""))
    said = ": ".join(p for p in (how, shown) if p)
    return f"<li>{said}{f', shipped {esc(day)}' if day else ''}</li>" if said or day else ""


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
