"""Validate and Submit for the order on the form: FinerWorks' check of it, the question asked
before it is sent (what it costs, how it is paid, in which mode), and the send through the
shared order sender. One send at a time: a second click while one is under way does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from fwdesk.core.drafts import Draft
from fwdesk.core.messages import explain
from fwdesk.core.money import money
from fwdesk.core.payment import CREDITS_FALLBACK, TEST_TOKEN, Payment
from fwdesk.ui.dialogs.send_dialog import confirm_send
from fwdesk.ui.tabs.order.quote_panel import QuotePanel
from fwdesk.ui.work.jobs import Job, JobRunner
from fwdesk.ui.work.sender import OrderSender


class OrderSubmission(QObject):
    said = Signal(str)
    """A result for the order's message line."""
    sent = Signal(object)
    """The SendReport of a send that ran to its end."""
    failed = Signal(str)
    """Why a send could not be made, in words."""
    busy_changed = Signal(bool)
    """Between Submit (or another send) and its end, the question included."""

    def __init__(
        self,
        owner: QWidget,
        service: JobRunner,
        sender: OrderSender,
        quote: QuotePanel,
        mode_text: Callable[[], str],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._service = service
        self._sender = sender
        self._quote = quote
        self._mode_text = mode_text
        self.busy = False
        self._sending: int | None = None
        """The draft whose send was asked for."""

    def use_service(self, service: JobRunner) -> None:
        self._service = service

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def validate(self, draft: Draft) -> None:
        order = draft.to_order()
        self.said.emit("Asking FinerWorks to check the order…")
        Job(
            self._owner,
            "validate order",
            # With the test token, as FinerWorks' own app checks a spreadsheet (API.md 9.2):
            # a check never pays.
            lambda context: context.client.submit_orders_v2(
                [order], TEST_TOKEN, validate_only=True
            ),
            report=False,
        ).on_done(
            lambda _none: self.said.emit("FinerWorks found no problems with this order.")
        ).on_failed(lambda error: self.said.emit(explain(error))).start(self._service)

    def submit(self, draft: Draft, still_shown: Callable[[int], bool]) -> None:
        """Asks FinerWorks how the account can pay, then the shop; sends if it says yes and
        the order is still the one on the form (`still_shown`)."""
        if self.busy:
            return
        self.set_busy(True)
        total = self._quote.grand_total(draft.shipping_code)
        option = self._quote.option(draft.shipping_code)
        if option is None:
            travel = "shipping not quoted yet"
        else:
            method = " ".join(p for p in (option.carrier, option.shipping_method) if p)
            travel = f"shipping {method or 'as quoted'}, {money(option.rate)}"
        confirm_send(
            self._owner,
            self._service,
            title="Send this order?",
            summary=f"Send order {draft.order_po} to FinerWorks?\n\n"
            f"Total: {money(total) if total is not None else 'not quoted yet'} ({travel})",
            mode=self._mode_text(),
            total=total,
            all_test=draft.test_mode,
            on_send=lambda payment: self._send(draft, payment, still_shown),
            on_cancel=self._not_sent,
        )

    @Slot()
    def _not_sent(self) -> None:
        self.set_busy(False)

    def _send(
        self, draft: Draft, payment: Payment | None, still_shown: Callable[[int], bool]
    ) -> None:
        if not still_shown(draft.id):
            self._not_sent()
            return  # the shop moved on to another order while the question was open
        self.said.emit(f"Sending {draft.order_po}…")
        self._sender.send(
            self._owner,
            [draft.id],
            payment or CREDITS_FALLBACK,
            on_done=self._sent,
            on_failed=self._send_failed,
        )

    def _sent(self, report: object) -> None:
        self.set_busy(False)
        self.sent.emit(report)

    def _send_failed(self, error: Exception) -> None:
        self.set_busy(False)
        self.failed.emit(explain(error))
