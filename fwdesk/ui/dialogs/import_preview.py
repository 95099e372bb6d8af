"""The import's preview: one row per order of the file, read straight from the plan.

A model rather than a table of items, so that a 5,000-row Shopify export shows in one pass
and FinerWorks' answer on which orders it already has repaints the rows instead of
rebuilding them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from fwdesk.core.imports.plan import ImportPlan, PlannedOrder
from fwdesk.ui.widgets.table_model import Index
from fwdesk.ui.widgets.theme import colours

COLUMNS = ("Import again", "Order", "PO", "Recipient", "Items", "Status")
AGAIN, ORDER, PO, RECIPIENT, ITEMS, STATUS = range(len(COLUMNS))


class ImportPreviewModel(QAbstractTableModel):
    again_changed = Signal()
    """The shop ticked or cleared "Import again" on a known order."""

    def __init__(self) -> None:
        super().__init__()
        self._plan: ImportPlan | None = None
        self.locked = False
        """Drafts were made from the plan: the ticks no longer change anything."""

    def show_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._plan = plan
        self.locked = False
        self.endResetModel()

    def refresh(self) -> None:
        """The plan changed in place (known orders, new links): every row repainted."""
        if self.rowCount():
            last = self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def planned(self, row: int) -> PlannedOrder:
        assert self._plan is not None
        return self._plan.orders[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self._plan is None else len(self._plan.orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == AGAIN and self.planned(index.row()).known is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        planned = self.planned(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(planned, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if (planned.known is not None and not planned.again) or planned.order.cancelled:
                return QColor(colours().hint)
            return None if planned.ready else QColor(colours().error)
        if column == AGAIN and planned.known is not None:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if planned.again else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Tick to import this order again although it is known"
        if column == STATUS and role == Qt.ItemDataRole.ToolTipRole:
            return planned.status
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != AGAIN or self.locked:
            return False
        planned = self.planned(index.row())
        if planned.known is None:
            return False
        planned.again = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), STATUS))
        self.again_changed.emit()
        return True


def _text(planned: PlannedOrder, column: int) -> str:
    order = planned.order
    if column == ORDER:
        return order.reference
    if column == PO:
        return planned.po or "(new PO)"
    if column == RECIPIENT:
        return f"{order.recipient.first_name} {order.recipient.last_name}".strip()
    if column == ITEMS:
        return ", ".join(
            f"{i.quantity or '?'} × {i.title or i.source_sku or i.product_sku or i.listing}"
            for i in order.items
        )
    if column == STATUS:
        return planned.status
    return ""
