"""The column mapping step: for a file whose layout fwdesk does not know, the shop points each
field at one of the file's columns, with the first rows in view to see what each holds."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.imports.mapping import CHOICES, FIELDS, ColumnMapping
from fwdesk.core.imports.table_file import Table
from fwdesk.ui.widgets.sizing import fit_size

PREVIEW_ROWS = 5
NOT_IN_FILE = "(not in this file)"
_IN_A_CHOICE = {key for alternatives in CHOICES for keys in alternatives for key in keys}


class ImportMappingDialog(QDialog):
    def __init__(self, table: Table, mapping: ColumnMapping, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importMappingDialog")
        self.setWindowTitle("Which column holds what?")
        fit_size(self, 1000, 640)
        self._table = table
        intro = QLabel(
            "fwdesk does not know this file's layout. Choose the column that holds each "
            "field; fields marked * are needed. The mapping is remembered for files with the "
            "same columns."
        )
        intro.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for spec in FIELDS:
            combo = QComboBox(objectName=f"map_{spec.key}")
            combo.addItem(NOT_IN_FILE, "")
            for header in table.headers:
                combo.addItem(header, header)
            chosen = mapping.columns.get(spec.key, "")
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.currentIndexChanged.connect(self._changed)
            combo.setAccessibleName(spec.label)
            mark = " *" if spec.required else (" †" if spec.key in _IN_A_CHOICE else "")
            form.addRow(f"{spec.label}{mark}", combo)
            self.combos[spec.key] = combo
        fields = QWidget()
        fields.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        note = QLabel(
            "† needed as a pair: a full name or first and last names; a FinerWorks product "
            "SKU or your shop's SKU (linked to a product in the next step)."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.preview = QTableWidget(0, len(table.headers), objectName="importMappingPreview")
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        shown = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for row, record in enumerate(shown):
            for column, text in enumerate(record.cells):
                self.preview.setItem(row, column, QTableWidgetItem(text))
        self.missing = QLabel(objectName="importMappingMissing")
        self.missing.setWordWrap(True)
        self.missing.setProperty("role", "fieldError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use these columns")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(scroll, 1)
        side.addWidget(note)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addWidget(self.preview, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.buttons)
        self._changed()

    def mapping(self) -> ColumnMapping:
        return ColumnMapping({key: combo.currentData() for key, combo in self.combos.items()})

    @Slot()
    def _changed(self) -> None:
        missing = self.mapping().missing()
        self.missing.setText("Still needed: " + "; ".join(missing) + "." if missing else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)
