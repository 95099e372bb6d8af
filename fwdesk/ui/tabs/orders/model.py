"""The Orders tab's table: every order of the account, searched, filtered by stage and date,
and sorted by any column. Times are the shop's own clock (core.shop_time), worked out once
per order as the orders arrive rather than at every paint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import Qt

from fwdesk.core import shop_time
from fwdesk.core.money import money
from fwdesk.core.order_history import TrackedOrder, search_text
from fwdesk.core.order_status import Stage
from fwdesk.ui.widgets.table_model import FilteredTableModel, Index

COLUMNS = ("PO", "Customer", "Placed", "Items", "Total", "Status", "Mode")
PLACED, TOTAL, MODE = (COLUMNS.index(name) for name in ("Placed", "Total", "Mode"))
NOT_PRICED = "FinerWorks has not sent its charges for this order yet."
MODE_TIPS = {
    "demo": "Placed in demo mode: nothing is printed, shipped or billed.",
    "test": "A test order: FinerWorks accepts it but does not print, ship or bill it.",
    "live": "A real order: printed, shipped and billed.",
}


class OrdersModel(FilteredTableModel):
    COLUMNS = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._orders: list[TrackedOrder] = []
        self._cells: list[tuple[str, ...]] = []
        self._days: list[str] = []
        self._haystacks: list[str] = []
        self._notes: dict[str, str] = {}
        """Notes typed since this list was read: a refresh read before the note was saved
        must not bring the old one back."""
        self._text = ""
        self._stage: Stage | None = None
        self._since = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_orders(self, orders: list[TrackedOrder]) -> None:
        self.beginResetModel()
        self._orders = [self._with_typed_note(o) for o in orders]
        self._cells = [_cells(o) for o in self._orders]
        self._days = [shop_time.shown_day(o.placed_at) for o in self._orders]
        self._haystacks = [search_text(o) for o in self._orders]
        self._visible = self._matching()
        self.endResetModel()

    def forget_notes(self) -> None:
        """Another account: its notes are not this one's."""
        self._notes.clear()

    def upsert(self, orders: Iterable[TrackedOrder]) -> None:
        """Orders just placed: each replaces the row of its PO, or comes first if new."""
        fresh = {o.order_po: o for o in orders}
        kept = [o for o in self._orders if o.order_po not in fresh]
        self.set_orders([*fresh.values(), *kept])

    def set_note(self, order_po: str, note: str) -> None:
        """The note just typed, searchable at once; rows stay where they are."""
        self._notes[order_po] = note
        for index, tracked in enumerate(self._orders):
            if tracked.order_po == order_po:
                self._orders[index] = replace(tracked, note=note)
                self._haystacks[index] = search_text(self._orders[index])

    def apply_filter(self, text: str, stage: Stage | None, since: str = "") -> None:
        """`since` is an ISO date of the shop's calendar; orders placed before it are left
        out."""
        self.beginResetModel()
        self._text, self._stage, self._since = text.lower(), stage, since
        self._visible = self._matching()
        self.endResetModel()

    def _with_typed_note(self, tracked: TrackedOrder) -> TrackedOrder:
        typed = self._notes.get(tracked.order_po)
        return tracked if typed is None or typed == tracked.note else replace(tracked, note=typed)

    def _matching(self) -> list[int]:
        rows = range(len(self._orders))
        for word in self._text.split():
            rows = [i for i in rows if word in self._haystacks[i]]
        if self._stage is not None:
            rows = [i for i in rows if self._orders[i].meaning.stage is self._stage]
        if self._since:
            rows = [i for i in rows if self._days[i] >= self._since]
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
        orders, cells = self._orders, self._cells
        if column == 3:
            return lambda i: orders[i].item_count
        if column == 4:
            return lambda i: orders[i].grand_total or 0
        return lambda i: cells[i][column].lower()

    def all_orders(self) -> list[TrackedOrder]:
        return self._orders

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self._visible[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role != Qt.ItemDataRole.ToolTipRole:
            return None
        tracked = self._orders[row]
        if column == MODE:
            return MODE_TIPS[tracked.mode]
        if column == TOTAL and tracked.grand_total is None:
            return NOT_PRICED
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == PLACED
        ):
            return f"Your computer's time ({shop_time.zone_name()})"
        return super().headerData(section, orientation, role)


def _cells(tracked: TrackedOrder) -> tuple[str, ...]:
    return (
        tracked.order_po,
        tracked.customer,
        shop_time.shown(tracked.placed_at),
        str(tracked.item_count),
        "" if tracked.grand_total is None else money(tracked.grand_total),
        tracked.status_label,
        tracked.mode,
    )
