"""File > Preferences: how this desk numbers, ships and follows orders.

The dialog edits the window's settings in place when OK is pressed (never before, so Cancel
leaves them as they were); the window then saves them and hands them to its tabs. Each value is
checked by the rules in core.preferences, the same ones that read settings.json.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fwdesk.core.preferences import (
    PO_NUMBER_DIGITS,
    PREFIX_LIMIT,
    REFRESH_MINUTES,
    SHIPPING_DEFAULTS,
    po_prefix_problem,
)
from fwdesk.core.settings import Settings
from fwdesk.ui.dialogs.account_dialog import field_error_label, grow_to_fit, set_error, wrapping


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._settings = settings

        self.prefix_edit = QLineEdit(settings.po_prefix, objectName="poPrefixEdit")
        self.prefix_edit.setAccessibleName("Order number prefix")
        self.prefix_edit.setMaxLength(PREFIX_LIMIT + 10)  # room to see why a long one is refused
        self.prefix_edit.textChanged.connect(self._prefix_changed)
        self.prefix_error = field_error_label()
        self.prefix_hint = wrapping(QLabel(objectName="poPrefixHint"))
        self.prefix_hint.setProperty("role", "hint")

        self.shipping_combo = QComboBox(objectName="defaultShippingCombo")
        self.shipping_combo.setAccessibleName("Shipping for new orders")
        for code, text in SHIPPING_DEFAULTS.items():
            self.shipping_combo.addItem(text, code)
        self.shipping_combo.setCurrentIndex(
            max(0, self.shipping_combo.findData(settings.default_shipping))
        )
        shipping_hint = wrapping(
            QLabel(
                "Used when FinerWorks offers it for the address; otherwise the quote chooses "
                "as usual. You can still pick another method for any order."
            )
        )
        shipping_hint.setProperty("role", "hint")

        self.refresh_spin = QSpinBox(objectName="ordersRefreshSpin")
        self.refresh_spin.setAccessibleName("Check orders every")
        self.refresh_spin.setRange(REFRESH_MINUTES.start, REFRESH_MINUTES.stop - 1)
        self.refresh_spin.setSuffix(" min")
        self.refresh_spin.setValue(settings.orders_refresh_minutes)

        self.notifications_check = QCheckBox(
            "Tell me when an order ships, is finished or needs attention",
            objectName="notificationsCheck",
        )
        self.notifications_check.setChecked(settings.notifications)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Order number &prefix", self.prefix_edit)
        form.addRow("", self.prefix_error)
        form.addRow("", self.prefix_hint)
        form.addRow("&Shipping for new orders", self.shipping_combo)
        form.addRow("", shipping_hint)
        form.addRow("&Check orders every", self.refresh_spin)
        form.addRow("Notifications", self.notifications_check)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel("Preferences", objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._prefix_changed()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            grow_to_fit(self)
        return handled

    @Slot()
    def _prefix_changed(self) -> None:
        prefix = self.prefix_edit.text().strip()
        problem = po_prefix_problem(prefix)
        set_error(self.prefix_error, problem)
        self.prefix_hint.setVisible(not problem)
        self.prefix_hint.setText(
            f"New orders get numbers like {prefix}{1:0{PO_NUMBER_DIGITS}d}. "
            "Orders made before keep theirs."
        )

    @Slot()
    def _save(self) -> None:
        prefix = self.prefix_edit.text().strip()
        if po_prefix_problem(prefix):
            self._prefix_changed()
            self.prefix_edit.setFocus()
            return
        self._settings.po_prefix = prefix
        self._settings.default_shipping = self.shipping_combo.currentData()
        self._settings.orders_refresh_minutes = self.refresh_spin.value()
        self._settings.notifications = self.notifications_check.isChecked()
        self.accept()
