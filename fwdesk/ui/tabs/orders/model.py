"""The Orders tab's table: every order of the account, searched, filtered by stage and date,
and sorted by any column."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt

from fwdesk.core.money import money
from fwdesk.core.order_history import TrackedOrder
from fwdesk.core.order_status import Stage
from fwdesk.ui.widgets.table_model import FilteredTableModel, Index

COLUMNS = ("PO", "Customer", "Placed", "Items", "Total", "Status", "Mode")


class OrdersModel(FilteredTableModel):
    COLUMNS = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._orders: list[TrackedOrder] = []
        self._haystacks: list[str] = []
        self._text = ""
        self._stage: Stage | None = None
        self._since = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_orders(self, orders: list[TrackedOrder]) -> None:
        self.beginResetModel()
        self._orders = orders
        self._haystacks = [_haystack(o) for o in orders]
        self._visible = self._matching()
        self.endResetModel()

    def upsert(self, orders: Iterable[TrackedOrder]) -> None:
        """Orders just placed: each replaces the row of its PO, or comes first if new."""
        fresh = {o.order_po: o for o in orders}
        kept = [o for o in self._orders if o.order_po not in fresh]
        self.set_orders([*fresh.values(), *kept])

    def apply_filter(self, text: str, stage: Stage | None, since: str = "") -> None:
        """`since` is an ISO date; orders placed before it are left out."""
        self.beginResetModel()
        self._text, self._stage, self._since = text.lower(), stage, since
        self._visible = self._matching()
        self.endResetModel()

    def _matching(self) -> list[int]:
        rows = range(len(self._orders))
        for word in self._text.split():
            rows = [i for i in rows if word in self._haystacks[i]]
        if self._stage is not None:
            rows = [i for i in rows if self._orders[i].meaning.stage is self._stage]
        if self._since:
            rows = [i for i in rows if self._orders[i].placed_at[:10] >= self._since]
        rows = list(rows)
        if self._sort is not None:
            column, order = self._sort
            rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def order(self, row: int) -> TrackedOrder:
        return self._orders[self._visible[row]]

    def row_of(self, order_po: str) -> int | None:
        for row, index in enumerate(self._visible):
            if self._orders[index].order_po == order_po:
                return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column -1 (Qt's "unsorted") keeps the newest-first order of the history."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None
        self._visible = self._matching()
        self.layoutChanged.emit()

    def _sort_key(self, column: int) -> Callable[[int], object]:
        orders = self._orders
        if column == 3:
            return lambda i: orders[i].item_count
        if column == 4:
            return lambda i: orders[i].grand_total or 0
        return lambda i: str(_cells(orders[i])[column]).lower()

    def all_orders(self) -> list[TrackedOrder]:
        return self._orders

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _cells(self._orders[self._visible[index.row()]])[index.column()]


def _haystack(tracked: TrackedOrder) -> str:
    words = (
        tracked.order_po,
        tracked.reference,
        tracked.customer,
        tracked.status_label,
        tracked.meaning.stage.title,
    )
    return " ".join(words).lower()


def _cells(tracked: TrackedOrder) -> tuple[str, ...]:
    return (
        tracked.order_po,
        tracked.customer,
        tracked.placed_at[:16].replace("T", " "),
        str(tracked.item_count),
        money(tracked.grand_total),
        tracked.status_label,
        "test" if tracked.test_mode else "live",
    )
