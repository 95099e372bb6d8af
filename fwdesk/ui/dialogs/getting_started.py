"""Help > Getting started: the few things a shop needs to know on its first day, built in so it
works offline, and the way to FinerWorks' own support pages for the rest.

The guide names menus and buttons as the window shows them; tests/ui/test_help.py checks that
the ones it names exist, so a renamed menu cannot leave the guide pointing at nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fwdesk.ui.widgets.sizing import fit_size

SUPPORT_URL = "https://support.finerworks.com/"
"""FinerWorks' help pages (API.md cites support.finerworks.com for its order app)."""

SECTIONS = (
    (
        "Try it in demo mode",
        "Until you connect an account, fwdesk runs against a built-in copy of FinerWorks. The "
        "purple DEMO banner at the top says so. Everything works, but nothing is printed, "
        "shipped or billed, so you can try every step.",
    ),
    (
        "Connect your FinerWorks account",
        "Choose Account > Connect an account… and paste the Web API key and the App key from "
        "your FinerWorks account (API settings). Test connection checks them before you save. "
        "The keys are kept in this computer's keychain, never in a file. The banner then shows "
        "TEST MODE or LIVE, so you always know whether orders are real.",
    ),
    (
        "Place an order",
        "On the New order tab, fill in the customer's address and add products by SKU, or "
        "use Add to order on the Catalogue tab. The shipping prices appear as you type. "
        "Validate asks FinerWorks to check the order; Submit order… shows the total and asks "
        "before anything is sent. Every order is saved on this computer as you type.",
    ),
    (
        "Import orders from a spreadsheet",
        "File > Import orders… reads a CSV or Excel file, such as an export from your online "
        "store. You check the rows, then create drafts or submit them all. File > Save import "
        "template… gives you a file in the layout FinerWorks uses.",
    ),
    (
        "Follow your orders",
        "The Orders tab lists every order with its status, shipments and tracking links, and "
        "checks FinerWorks every few minutes (File > Preferences… sets how often). While "
        "FinerWorks allows it, you can hold, release or cancel an order there, or change its "
        "address.",
    ),
)


def guide_html() -> str:
    parts = [f"<h3>{title}</h3><p>{text}</p>" for title, text in SECTIONS]
    parts.append(
        "<h3>More help</h3><p>FinerWorks answers questions about products, prices and your "
        f'account on its support site: <a href="{SUPPORT_URL}">{SUPPORT_URL}</a>. '
        "For a problem with fwdesk itself, Help > Open log folder shows the files to send.</p>"
    )
    return "".join(parts)


class GettingStartedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStartedDialog")
        self.setWindowTitle("Getting started")
        self.text = QTextBrowser(objectName="gettingStartedText")
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName("Getting started guide")
        self.text.setHtml(guide_html())
        self.support_button = QPushButton(
            "Open FinerWorks &support", objectName="openSupportButton"
        )
        self.support_button.clicked.connect(self.open_support)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.support_button, QDialogButtonBox.ButtonRole.HelpRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(QLabel("Getting started", objectName="dialogTitle"))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_size(self, 620, 560)

    @Slot()
    def open_support(self) -> None:
        QDesktopServices.openUrl(QUrl(SUPPORT_URL))
