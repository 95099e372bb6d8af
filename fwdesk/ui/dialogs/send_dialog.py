"""The question asked before orders leave: what is sent, what it costs, how it is paid, and
whether anything will really be printed.

It opens window-modal (`open()`, not `exec()`), so the event loop keeps running while the shop
decides; the caller continues from `accepted`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.messages import explain
from fwdesk.core.payment import Payment, PaymentOffer, ask_account
from fwdesk.ui.work.jobs import Job, JobRunner


class SendDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        summary: str,
        mode: str,
        choices: list[Payment],
        all_test: bool,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendOrderDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._choices = choices
        heading = QLabel(summary, objectName="sendSummary")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        self.payment_choice = QComboBox(objectName="paymentChoice")
        self.payment_choice.setAccessibleName("Pay with")
        for choice in choices:
            self.payment_choice.addItem(choice.description)
        self.payment_note = QLabel(note, objectName="paymentNote")
        self.payment_note.setWordWrap(True)
        self.payment_note.setProperty("role", "hint")
        self.payment_note.setVisible(bool(note))
        if all_test:
            form.addRow("Payment", QLabel("Test order: nothing is charged."))
        elif choices:
            form.addRow("&Pay with", self.payment_choice)
        else:
            missing = QLabel(
                "This FinerWorks account has no card, credits or invoicing set up. Add a card "
                "or credits in your FinerWorks account, then send the order.",
                objectName="noPaymentLabel",
            )
            missing.setWordWrap(True)
            missing.setProperty("role", "fieldError")
            form.addRow("Payment", missing)
        mode_label = QLabel(mode, objectName="sendMode")
        mode_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton("&Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("confirmSendButton")
        self.send_button.setEnabled(all_test or bool(choices))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.payment_note)
        layout.addWidget(mode_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def payment(self) -> Payment | None:
        """The chosen way to pay; None when only test orders are sent."""
        index = self.payment_choice.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else None


def confirm_send(
    owner: QWidget,
    service: JobRunner,
    *,
    title: str,
    summary: str,
    mode: str,
    total: Decimal | None,
    all_test: bool,
    on_send: Callable[[Payment | None], None],
    on_cancel: Callable[[], None],
) -> None:
    """Reads how the account can pay (in a worker), then asks; `on_send` gets the choice.

    Test orders need no payment, so nothing is asked of FinerWorks for them."""

    def ask(offer: PaymentOffer) -> None:
        dialog = SendDialog(
            owner,
            title=title,
            summary=summary,
            mode=mode,
            choices=[] if all_test else offer.choices(total),
            all_test=all_test,
            note=offer.problem,
        )
        dialog.accepted.connect(lambda: on_send(dialog.payment()))
        dialog.rejected.connect(on_cancel)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    if all_test:
        ask(PaymentOffer(None))
        return
    Job(
        owner,
        "payment options",
        lambda context: ask_account(context.client),
        key="payment-options",
        report=False,
    ).on_done(ask).on_failed(lambda error: ask(PaymentOffer(None, [], explain(error)))).start(
        service
    )
