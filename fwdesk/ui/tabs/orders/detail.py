"""One order in full beside the Orders table: recipient, items, totals, when each status was
first seen, shipments with tracking links, and the actions FinerWorks still allows for its
status id."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fwdesk.core import order_status
from fwdesk.core.money import money
from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.tracking import tracking_link

ATTENTION_COLOUR = "#B45309"
ACTIONS: tuple[tuple[str, str, str, Callable[[int | None], bool]], ...] = (
    ("hold", "&Hold", "holdOrderButton", order_status.can_hold),
    ("pending", "Re&lease", "releaseOrderButton", order_status.can_release),
    ("cancel", "Ca&ncel order…", "cancelOrderButton", order_status.can_cancel),
)
"""update_order's commands, their buttons, and the status ids that allow them."""


class OrderDetail(QWidget):
    act = Signal(str)
    """An update_order command for the order shown: hold, pending (release) or cancel."""
    change_recipient = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel(objectName="orderDetail")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.copy_button = QPushButton("Copy tracking numbers", objectName="copyTrackingButton")
        self.copy_button.clicked.connect(self._copy_tracking)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for command, text, name, _allowed in ACTIONS:
            button = QPushButton(text, objectName=name)
            button.setProperty("command", command)
            button.clicked.connect(self._command_clicked)
            actions.addWidget(button)
            self.buttons[command] = button
        self.recipient_button = QPushButton(
            "Change &recipient…", objectName="changeRecipientButton"
        )
        self.recipient_button.clicked.connect(self.change_recipient)
        actions.addWidget(self.recipient_button)
        actions.addStretch(1)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.text, 1)
        layout.addLayout(copy_row)
        self.tracked: TrackedOrder | None = None
        self.show_order(None, [])

    def show_order(self, tracked: TrackedOrder | None, timeline: list[tuple[str, str]]) -> None:
        self.tracked = tracked
        status_id = tracked.status_id if tracked is not None else None
        for command, _text, _name, allowed in ACTIONS:
            self.buttons[command].setEnabled(tracked is not None and allowed(status_id))
        self.recipient_button.setEnabled(
            tracked is not None and order_status.can_change_recipient(status_id)
        )
        shipments = (tracked.detail.get("shipments") or []) if tracked else []
        self.copy_button.setEnabled(bool(shipments))
        if tracked is None:
            self.text.setText("<p>Select an order to see its journey.</p>")
        else:
            self.text.setText(_detail_html(tracked, timeline))

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


def _detail_html(tracked: TrackedOrder, timeline: list[tuple[str, str]]) -> str:
    esc = html.escape
    recipient = tracked.detail.get("recipient") or {}
    address = ", ".join(
        esc(str(recipient[k]))
        for k in ("address_1", "city", "state_code", "zip_postal_code", "country_code")
        if recipient.get(k)
    )
    items = "".join(
        f"<li>{i.get('product_qty')} × "
        f"{esc(str(i.get('product_title') or i.get('product_sku')))}</li>"
        for i in tracked.detail.get("items") or []
    )
    totals = tracked.detail.get("totals") or {}
    seen = "".join(
        f"<li>{esc(label)} — first seen {esc(first[:16].replace('T', ' '))}</li>"
        for label, first in timeline
    )
    parcels = []
    for shipment in tracked.detail.get("shipments") or []:
        number = shipment.get("tracking_number") or ""
        link = tracking_link(shipment.get("carrier"), number)
        shown = f'<a href="{esc(link)}">{esc(number)}</a>' if link else esc(number)
        carrier = esc(str(shipment.get("carrier") or ""))
        service = esc(str(shipment.get("service") or ""))
        shipped = esc(str(shipment.get("shipment_date") or "")[:10])
        parcels.append(f"<li>{carrier} {service}: {shown}, shipped {shipped}</li>")
    meaning = tracked.meaning
    advice = (
        f'<p style="color:{ATTENTION_COLOUR}"><b>{esc(meaning.advice)}</b></p>'
        if meaning.advice
        else ""
    )
    same = meaning.stage.title.casefold() == tracked.status_label.casefold()
    stage = "" if same else f" ({meaning.stage.title})"
    reference = (
        f"<p><b>Your order</b> {esc(tracked.reference)}</p>"
        if tracked.reference and tracked.reference != tracked.order_po
        else ""
    )
    paid = ""
    if tracked.sale_total is not None:
        margin = tracked.margin
        kept = f"; you keep {money(margin)}" if margin is not None else ""
        paid = f"<p><b>Customer paid</b> {money(tracked.sale_total)}{kept}</p>"
    return (
        f"<h3>{esc(tracked.order_po)} · {esc(tracked.status_label)}{esc(stage)}</h3>"
        f"{advice}{reference}"
        f"<p><b>{esc(tracked.customer)}</b><br>{address}</p>"
        f"<p><b>Items</b></p><ul>{items}</ul>"
        f"<p><b>FinerWorks charges</b> {money(tracked.grand_total)}"
        f" (shipping {esc(str(totals.get('order_shipping_rate', '—')))})</p>{paid}"
        f"<p><b>Status history</b></p><ul>{seen}</ul>"
        f"<p><b>Shipments</b></p><ul>{''.join(parcels) or '<li>Not shipped yet.</li>'}</ul>"
    )
