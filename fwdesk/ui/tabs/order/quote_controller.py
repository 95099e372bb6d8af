"""When the order's shipping quote is asked, and which answers count.

A quote is asked 300 ms after the last edit that changes it (destination, items,
quantities). Each request carries the form's generation, and an answer for an older
generation is dropped, never shown; a newer request also supersedes an older one in the
worker (same job key).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from fwdesk.api.errors import ApiValidationError
from fwdesk.api.shipping import OrderQuote
from fwdesk.core.drafts import Draft
from fwdesk.core.jobs import JobContext
from fwdesk.core.messages import explain
from fwdesk.core.money import money
from fwdesk.core.order_rules import quote_ready
from fwdesk.ui.tabs.order.quote_panel import QuotePanel
from fwdesk.ui.work.jobs import Job, JobRunner

QUOTE_DELAY_MS = 300
NOT_READY = (
    "Enter the destination (country, state, postal code) and at least one item to see "
    "shipping costs."
)


class QuoteController(QObject):
    quoted = Signal(object)
    """The OrderQuote for the form as it is now."""
    refused = Signal(object)
    """FinerWorks refused the form as it is now, naming these fields (path -> messages)."""

    def __init__(
        self, service: JobRunner, panel: QuotePanel, current: Callable[[], Draft | None]
    ) -> None:
        super().__init__(panel)
        self._service = service
        self._panel = panel
        self._current = current
        self.generation = 0
        self.failed = False
        """The last answer was a refusal or no answer: the next edit asks again."""
        self._timer = QTimer(self, singleShot=True, interval=QUOTE_DELAY_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._ask)

    def use_service(self, service: JobRunner) -> None:
        self._service = service

    @Slot()
    def soon(self) -> None:
        """The form changed in a way that changes the quote."""
        self.generation += 1
        self._timer.start()

    @Slot()
    def _ask(self) -> None:
        draft = self._current()
        if draft is None or not quote_ready(draft):
            self._panel.show_message(NOT_READY)
            return
        generation = self.generation
        order = replace(draft.to_order(), order_po=draft.order_po or "QUOTE")
        self._panel.updating()
        Job(
            self._panel,
            "shipping quote",
            lambda context: _quote(context, order),
            key="quote",
            report=False,
        ).on_done(lambda quote: self.answered(generation, quote)).on_failed(
            lambda error: self._failed(generation, error)
        ).start(self._service)

    def answered(self, generation: int, quote: OrderQuote) -> None:
        if generation == self.generation:  # else the form changed: a newer quote is coming
            self.failed = False
            self.quoted.emit(quote)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self.generation:
            self.failed = True
            self._panel.show_message(f"No quote right now: {explain(error)}")
            if isinstance(error, ApiValidationError) and error.field_errors:
                self.refused.emit(error.field_errors)


def _quote(context: JobContext, order) -> OrderQuote:
    """Quoted as FinerWorks' own app quotes: list_shipping_options_multiple, which also names
    the option the account's shipping preferences pick (API.md 9.3)."""
    quotes = context.client.list_shipping_options_multiple([order])
    return quotes[0] if quotes else OrderQuote(order_po=order.order_po)


def line_prices(quote: OrderQuote) -> dict[str, tuple[str, str]]:
    """Each item's unit and line price as FinerWorks quoted them, keyed ``SKU#quantity`` (the
    order's lines cost the same whichever way it ships)."""
    totals = quote.options[0].calculated_total if quote.options else None
    prices = {}
    for line in totals.product_pricing if totals else []:
        sku = (line.product_sku or line.product_code or "").upper()
        if line.product_qty:
            unit = line.total_price / line.product_qty
            prices[f"{sku}#{line.product_qty}"] = (money(unit), money(line.total_price))
    return prices
