"""The product links step of an import: each marketplace item fwdesk cannot yet place is
linked, once, to a FinerWorks product and its print file; later imports use the link."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.imports.layouts import SourceItem

COLUMNS = ("Your item", "Orders", "FinerWorks product", "Print file URL", "Width px", "Height px")
PRODUCT, URL, WIDTH, HEIGHT = 2, 3, 4, 5


class ProductLinksPanel(QWidget):
    """Emits `linked` with [(first item of the key, product SKU, (url, width, height))] for
    the rows the shop filled in."""

    linked = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productLinksPanel")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), objectName="productLinksTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        self.save = QPushButton("Save &links", objectName="saveLinksButton")
        self.save.clicked.connect(self._save)
        self.problem = QLabel(objectName="productLinksProblem")
        self.problem.setProperty("role", "fieldError")
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._items: list[SourceItem] = []
        self._choices = QStringListModel(self)

    def show_unlinked(self, unlinked: list[list[SourceItem]], choices: list[tuple[str, str]]):
        """One row per item to link, with how many rows of the file have it."""
        self._choices.setStringList([f"{sku} — {name}" for sku, name in choices])
        self._items = [group[0] for group in unlinked]
        self.table.setRowCount(len(unlinked))
        for row, group in enumerate(unlinked):
            item = group[0]
            shown = " · ".join(p for p in (item.title, item.variation) if p) or item.listing
            code = f" ({item.source_sku})" if item.source_sku else ""
            name = QTableWidgetItem(f"{shown}{code}")
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            count = QTableWidgetItem(str(len(group)))
            count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 1, count)
            product = QLineEdit(placeholderText="Product code or SKU")
            product.setAccessibleName(f"FinerWorks product for {shown}")
            completer = QCompleter(self._choices, product)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            product.setCompleter(completer)
            self.table.setCellWidget(row, PRODUCT, product)
            url = QLineEdit(item.image_url or "", placeholderText="https://…")
            url.setAccessibleName(f"Print file for {shown}")
            self.table.setCellWidget(row, URL, url)
            for column in (WIDTH, HEIGHT):
                size = QLineEdit(placeholderText="px")
                size.setAccessibleName(f"{COLUMNS[column]} for {shown}")
                self.table.setCellWidget(row, column, size)
        count = len(unlinked)
        self.intro.setText(
            f"{count} of your shop's item{'s are' if count != 1 else ' is'} not linked to a "
            "FinerWorks product yet. Type a product code or inventory SKU (or part of a "
            "product's name) and the print file; fwdesk remembers each link for later imports."
        )
        self.problem.clear()
        self.setVisible(count > 0)

    def fill(self, row: int, product: str, url: str = "", width: str = "", height: str = ""):
        """What the shop types into one row (the tests type this way too)."""
        for column, text in ((PRODUCT, product), (URL, url), (WIDTH, width), (HEIGHT, height)):
            self.table.cellWidget(row, column).setText(text)

    @Slot()
    def _save(self) -> None:
        made, problems = [], []
        for row, item in enumerate(self._items):
            product = self.table.cellWidget(row, PRODUCT).text().split(" — ")[0].strip()
            if not product:
                continue
            url = self.table.cellWidget(row, URL).text().strip() or None
            sizes = [self.table.cellWidget(row, c).text().strip() for c in (WIDTH, HEIGHT)]
            if any(s and not s.isdigit() for s in sizes):
                problems.append(f"row {row + 1}: a pixel size is a whole number")
                continue
            width, height = (int(s) if s else 0 for s in sizes)
            made.append((item, product, (url, width, height)))
        if problems:
            self.problem.setText("Not saved: " + "; ".join(problems) + ".")
            return
        if not made:
            self.problem.setText("Type a FinerWorks product for at least one item.")
            return
        self.problem.clear()
        self.linked.emit(made)
