"""The left side of the New order tab: drafts being written, orders staged on FinerWorks for
review, and the last orders placed, with the buttons that start, delete and import orders."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.drafts import DRAFT, PENDING, REJECTED, SUBMITTED, SUBMITTING, UNKNOWN, Draft
from fwdesk.core.pending_orders import Staged
from fwdesk.ui.widgets.theme import colours

DRAFT_ROLE = Qt.ItemDataRole.UserRole
PENDING_ROLE = Qt.ItemDataRole.UserRole + 1
"""List items of pending orders carry their fulfillment id under this role."""
RECENT_PLACED = 20
STATE_LABELS = {
    PENDING: "on FinerWorks for review",
    DRAFT: "draft",
    SUBMITTING: "sending…",
    UNKNOWN: "checking with FinerWorks",
    REJECTED: "refused",
    SUBMITTED: "placed",
}
PENDING_HEADING = "On FinerWorks for review"


class DraftsList(QWidget):
    draft_opened = Signal(int)
    pending_opened = Signal(int)
    new_requested = Signal()
    delete_requested = Signal()
    import_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget(objectName="draftsList")
        self.list.setAccessibleName("Drafts and recent orders")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(self._opened)
        self.list.itemClicked.connect(self._opened)
        new_button = QPushButton("New order", objectName="newDraftButton")
        new_button.setToolTip("Start a new order (Ctrl+N)")
        new_button.clicked.connect(self.new_requested)
        self.delete_button = QPushButton("Delete draft", objectName="deleteDraftButton")
        self.delete_button.clicked.connect(self.delete_requested)
        import_button = QPushButton("&Import orders…", objectName="importCsvButton")
        import_button.clicked.connect(self.import_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Drafts", objectName="pageTitle"))
        layout.addWidget(self.list, 1)
        layout.addWidget(new_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(import_button)

    def show_entries(
        self,
        drafts: list[Draft],
        staged: list[Staged],
        *,
        current_draft: int | None,
        current_pending: int | None,
    ) -> None:
        """Drafts in progress and the last placed ones, then the pending orders under their
        own heading; the one shown in the form stays selected."""
        self.list.clear()
        for draft in drafts:
            item = QListWidgetItem(entry_text(draft))
            item.setData(DRAFT_ROLE, draft.id)
            if draft.state == SUBMITTED:
                item.setForeground(QColor(colours().hint))
            self.list.addItem(item)
            if draft.id == current_draft:
                self.list.setCurrentItem(item)
        if staged:
            heading = QListWidgetItem(PENDING_HEADING)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.list.addItem(heading)
        for order in staged:
            item = QListWidgetItem(entry_text(order.as_draft(), with_state=False))
            item.setData(PENDING_ROLE, order.fulfillment_id)
            item.setToolTip("Staged on FinerWorks; any desk of the shop can place it.")
            self.list.addItem(item)
            if order.fulfillment_id == current_pending:
                self.list.setCurrentItem(item)

    def relabel(self, draft: Draft) -> None:
        """The current entry after an edit (its recipient's name changed, say)."""
        item = self.list.currentItem()
        if item is not None and item.data(DRAFT_ROLE) == draft.id:
            item.setText(entry_text(draft))

    @property
    def pending_items(self) -> list[QListWidgetItem]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [item for item in items if item.data(PENDING_ROLE) is not None]

    @Slot(QListWidgetItem)
    def _opened(self, item: QListWidgetItem) -> None:
        pending = item.data(PENDING_ROLE)
        if pending is not None:
            self.pending_opened.emit(pending)
        elif item.data(DRAFT_ROLE) is not None:
            self.draft_opened.emit(item.data(DRAFT_ROLE))


def entry_text(draft: Draft, *, with_state: bool = True) -> str:
    name = " ".join(filter(None, [draft.recipient.first_name, draft.recipient.last_name]))
    text = f"{draft.order_po}\n{name or 'no recipient yet'}"  # two lines fit a narrow list
    return f"{text}  ·  {STATE_LABELS[draft.state]}" if with_state else text
