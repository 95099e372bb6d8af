"""The New order tab, for now: it collects what the catalogue sends it, so "Add to order"
already works end to end; the order form with its live shipping quote replaces this list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from fwdesk.core.catalog import CatalogProduct


class OrderTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("orderPage")
        title = QLabel("New order", objectName="pageTitle")
        text = QLabel(
            "Products you add from the catalogue are collected here. Order entry with a live "
            "shipping quote arrives in the next update.",
            objectName="pageText",
        )
        text.setWordWrap(True)
        self.items = QListWidget(objectName="orderItemsPreview")
        self.items.setAccessibleName("Products waiting for the next order")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.items, 1, Qt.AlignmentFlag.AlignTop)
        self.entries: list[tuple[str, int]] = []

    def add_item(self, product: CatalogProduct, quantity: int) -> None:
        self.entries.append((product.sku, quantity))
        self.items.addItem(f"{quantity} × {product.name}  ({product.sku})")
