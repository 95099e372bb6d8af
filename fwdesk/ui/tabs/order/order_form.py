"""The order form's parts: recipient, items and extras, each reading and writing a `Draft`.

Every field is checked when it is left, with the message right under it, using the same
rules (`order_rules`) that guard sending, so what the form accepts the outbox accepts too.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fwdesk.api.orders import Address
from fwdesk.core.drafts import Draft
from fwdesk.core.order_rules import US_STATES, check_extras, check_recipient
from fwdesk.ui.widgets.countries import countries


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.hide()
    return label


class FieldSet(QGroupBox):
    """A titled group of line edits, each with its message label; emits `edited` on change."""

    edited = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer = QVBoxLayout(self)
        outer.addWidget(self.body)
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def line(self, key: str, label: str, object_name: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(objectName=object_name or f"order_{key}")
        edit.setAccessibleName(label.replace("&", ""))
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self.edited)
        edit.editingFinished.connect(self.check)
        self.add(key, label, edit)
        return edit

    def add(self, key: str, label: str, widget: QWidget) -> None:
        self.edits[key] = widget
        self.errors[key] = error_label()
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        self.form.addRow("", self.errors[key])

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)

    @Slot()
    def check(self) -> None:
        """Subclasses check their own fields; called as each field is left."""


class RecipientForm(FieldSet):
    destination_changed = Signal()

    def __init__(self) -> None:
        super().__init__("Recipient")
        self.first_name = self.line("first_name", "&First name", "recipientFirstName")
        self.last_name = self.line("last_name", "&Last name", "recipientLastName")
        self.company = self.line("company_name", "Compan&y", "recipientCompany", "optional")
        self.address_1 = self.line("address_1", "&Address", "recipientAddress1")
        self.address_2 = self.line("address_2", "Address line 2", "recipientAddress2", "optional")
        self.address_3 = self.line("address_3", "Address line 3", "recipientAddress3", "optional")
        self.city = self.line("city", "Cit&y", "recipientCity")
        self.country = QComboBox(objectName="recipientCountry")
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.setAccessibleName("Country")
        for name, code in countries():
            self.country.addItem(name, code)
        completer = self.country.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.country.currentIndexChanged.connect(self._country_changed)
        self.add("country_code", "C&ountry", self.country)
        self.state = QComboBox(objectName="recipientState")
        self.state.setAccessibleName("State")
        self.state.addItem("Choose a state…", None)
        for code, name in sorted(US_STATES.items(), key=lambda pair: pair[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.state.currentIndexChanged.connect(self._destination_edited)
        self.add("state_code", "&State", self.state)
        self.province = self.line("province", "&Province", "recipientProvince", "optional")
        self.zip = self.line("zip_postal_code", "&Postal code", "recipientZip")
        self.zip.textEdited.connect(self._destination_edited)
        self.phone = self.line("phone", "P&hone", "recipientPhone", "optional")
        self.email = self.line("email", "E&mail", "recipientEmail", "optional, printed on the slip")
        self._country_changed()

    @property
    def country_code(self) -> str:
        return self.country.currentData() or ""

    @Slot()
    def _country_changed(self) -> None:
        us = self.country_code == "US"
        for key, shown in (("state_code", us), ("province", not us)):
            widget = self.edits[key]
            widget.setVisible(shown)
            self.form.labelForField(widget).setVisible(shown)
            if not shown:
                self.errors[key].hide()
        self._destination_edited()

    @Slot()
    def _destination_edited(self) -> None:
        self.edited.emit()
        self.destination_changed.emit()

    def address(self) -> Address:
        text = {key: edit.text() for key, edit in self.edits.items() if isinstance(edit, QLineEdit)}
        us = self.country_code == "US"
        return Address(
            first_name=text["first_name"],
            last_name=text["last_name"],
            company_name=text["company_name"] or None,
            address_1=text["address_1"],
            address_2=text["address_2"] or None,
            address_3=text["address_3"] or None,
            city=text["city"] or None,
            state_code=self.state.currentData() if us else None,
            province=None if us else text["province"] or None,
            zip_postal_code=text["zip_postal_code"],
            country_code=self.country_code.lower(),
            phone=text["phone"] or None,
            email=text["email"] or None,
        )

    def set_address(self, address: Address) -> None:
        widgets = [*self.edits.values()]
        for widget in widgets:
            widget.blockSignals(True)
        for key, edit in self.edits.items():
            if isinstance(edit, QLineEdit):
                edit.setText(getattr(address, key) or "")
        self.country.setCurrentIndex(max(0, self.country.findData(address.country_code.upper())))
        self.state.setCurrentIndex(max(0, self.state.findData((address.state_code or "").upper())))
        for widget in widgets:
            widget.blockSignals(False)
        self._country_changed()

    @Slot()
    def check(self) -> None:
        """Only the fields already filled in or left are judged, so a new form is not red."""
        problems = check_recipient(self.address())
        touched = {
            key
            for key, edit in self.edits.items()
            if not isinstance(edit, QLineEdit) or edit.text() or edit.isModified()
        }
        self.show_problems({k: v for k, v in problems.items() if k in touched})


class ExtrasForm(FieldSet):
    def __init__(self) -> None:
        super().__init__("Optional")
        self.setCheckable(True)
        self.setChecked(False)
        self.toggled.connect(self._toggled)
        self.gift = self.line("gift_message", "&Gift message", "giftMessageEdit")
        self.ship_by = self.line("ship_by_date", "Ship &by", "shipByDateEdit", "YYYY-MM-DD")
        self.document = self.line(
            "document_url", "Packing &slip URL", "documentUrlEdit", "https://…"
        )
        for n in (1, 2, 3):
            self.line(f"custom_data_{n}", f"Custom data {n}", f"customData{n}Edit")
        self.line("acct_number_ups", "Own UPS account", "upsAccountEdit")
        self.line("acct_number_fedex", "Own FedEx account", "fedexAccountEdit")
        self.test_mode = QCheckBox("Test order (FinerWorks does not print or bill it)")
        self.test_mode.setObjectName("testModeCheck")
        self.test_mode.toggled.connect(self.edited)
        self.form.addRow("", self.test_mode)
        self._toggled(False)

    @Slot(bool)
    def _toggled(self, shown: bool) -> None:
        self.body.setVisible(shown)

    def apply_to(self, draft: Draft) -> Draft:
        values = {key: edit.text() or None for key, edit in self.edits.items()}
        return replace(draft, test_mode=self.test_mode.isChecked(), **values)

    def load(self, draft: Draft) -> None:
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(getattr(draft, key) or "")
            edit.blockSignals(False)
        self.test_mode.blockSignals(True)
        self.test_mode.setChecked(draft.test_mode)
        self.test_mode.blockSignals(False)
        filled = any(getattr(draft, key) for key in self.edits) or draft.test_mode
        self.setChecked(filled)

    def check_with(self, draft: Draft) -> None:
        self.show_problems(check_extras(draft))

    @Slot()
    def check(self) -> None:
        self.check_with(self.apply_to(Draft(order_po="")))
