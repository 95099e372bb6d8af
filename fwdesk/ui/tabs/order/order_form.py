"""The order form's parts: recipient, items and extras, each reading and writing a `Draft`.

Every field is checked when it is left, with the message right under it, using the same
rules (`order_rules`) that guard sending, so what the form accepts the outbox accepts too.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
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
from fwdesk.core.imports import geo
from fwdesk.core.order_rules import REGIONS, US_STATES, check_extras, check_recipient
from fwdesk.ui.widgets.countries import countries


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)  # a long message takes lines, never the window's width
    label.hide()
    return label


class FieldSet(QGroupBox):
    """A titled group of fields, each with its message label; emits `edited` on change.

    A field is judged once the shop has left it (or Validate asks), and judged again as it
    is corrected, so a message appears where the shop has been and goes the moment the
    field is right."""

    edited = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer = QVBoxLayout(self)
        outer.addWidget(self.body)
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self.placeholders: dict[str, str] = {}
        """Each line edit's hint, put back when a read-only order gives way to a draft."""
        self.left: set[str] = set()
        """Fields the shop has been in and left (or Validate judged): the ones checked."""

    def line(self, key: str, label: str, object_name: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(objectName=object_name or f"order_{key}")
        edit.setAccessibleName(label.replace("&", ""))
        edit.setPlaceholderText(placeholder)
        self.placeholders[key] = placeholder
        edit.textEdited.connect(self.edited)
        edit.textEdited.connect(self._corrected)
        edit.editingFinished.connect(lambda key=key: self._left_field(key))
        self.add(key, label, edit)
        return edit

    def add(self, key: str, label: str, widget: QWidget) -> None:
        self.edits[key] = widget
        self.errors[key] = error_label()
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.captions[key] = caption
        self.form.addRow(caption, widget)
        self.form.addRow("", self.errors[key])

    def show_problems(self, problems: dict[str, str]) -> QWidget | None:
        """Marks exactly these problems; returns the first visible field that has one."""
        first = None
        for key, label in self.errors.items():
            shown = key in problems and self.edits[key].isVisibleTo(self)
            label.setText(problems.get(key, ""))
            label.setVisible(shown)
            if shown and first is None:
                first = self.edits[key]
        return first

    def judge_all(self) -> None:
        """Validate: every field counts as visited from now on."""
        self.left.update(self.edits)

    def set_read_only_look(self, editable: bool) -> None:
        """A placed order shows its data only: no "optional" hints posing as values."""
        for key, placeholder in self.placeholders.items():
            self.edits[key].setPlaceholderText(placeholder if editable else "")

    def _left_field(self, key: str) -> None:
        self.left.add(key)
        self.check()

    @Slot()
    def _corrected(self) -> None:
        if any(label.isVisible() for label in self.errors.values()):
            self.check()

    @Slot()
    def check(self) -> None:
        """Subclasses check their own fields; called as each field is left."""


class RecipientForm(FieldSet):
    destination_changed = Signal()

    def __init__(self) -> None:
        super().__init__("Recipient")
        # Mnemonics: none on F, A or H (the menus), C, N or O (the tabs), S or V (Submit,
        # Validate); one letter per field.
        self.first_name = self.line("first_name", "Fi&rst name", "recipientFirstName")
        self.last_name = self.line("last_name", "&Last name", "recipientLastName")
        self.company = self.line("company_name", "Compan&y", "recipientCompany", "optional")
        self.address_1 = self.line("address_1", "A&ddress", "recipientAddress1")
        self.address_2 = self.line("address_2", "Address line 2", "recipientAddress2", "optional")
        self.address_3 = self.line("address_3", "Address line 3", "recipientAddress3", "optional")
        self.city = self.line("city", "Ci&ty", "recipientCity")
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
        self.add("country_code", "Co&untry", self.country)
        self.state = QComboBox(objectName="recipientState")
        self.state.setAccessibleName("State")
        self.state.addItem("Choose a state…", None)
        for code, name in sorted(US_STATES.items(), key=lambda pair: pair[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.state.currentIndexChanged.connect(self._region_chosen)
        self.add("state_code", "Stat&e", self.state)
        self.region = QComboBox(objectName="recipientRegion")
        self.region.currentIndexChanged.connect(self._region_chosen)
        self.add("region", "Provinc&e", self.region)
        self.province = self.line("province", "Provinc&e", "recipientProvince", "optional")
        self.zip = self.line("zip_postal_code", "&Postal code", "recipientZip")
        self.zip.textEdited.connect(self._destination_edited)
        self.phone = self.line("phone", "Phone", "recipientPhone", "optional")
        self.email = self.line("email", "E&mail", "recipientEmail", "optional, printed on the slip")
        for key in ("country_code", "state_code", "region"):
            self.edits[key].installEventFilter(self)
        self._region_country = ""
        self._country_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A choice box counts as visited once focus leaves it."""
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            key = next((k for k, w in self.edits.items() if w is watched), None)
            if key is not None and event.reason() != Qt.FocusReason.PopupFocusReason:
                self._left_field(key)
        return False

    @property
    def country_code(self) -> str:
        return self.country.currentData() or ""

    def _regional(self) -> bool:
        return self.country_code.lower() in REGIONS

    @Slot()
    def _country_changed(self) -> None:
        us = self.country_code == "US"
        regional = self._regional()
        if regional and self._region_country != self.country_code:
            self._fill_regions()
        for key, shown in (
            ("state_code", us),
            ("region", regional),
            ("province", not us and not regional),
        ):
            widget = self.edits[key]
            widget.setVisible(shown)
            self.captions[key].setVisible(shown)
            if not shown:
                self.errors[key].hide()
        self._destination_edited()
        self._corrected()

    def _fill_regions(self) -> None:
        country = self.country_code
        word = "province" if country == "CA" else "state or territory"
        self.captions["region"].setText("Provinc&e" if country == "CA" else "Stat&e")
        self.region.setAccessibleName("Province" if country == "CA" else "State or territory")
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(f"Choose a {word}…", None)
        for code, name in geo.subdivisions(country):
            self.region.addItem(f"{name} ({code})", code)
        self.region.blockSignals(False)
        self._region_country = country

    @Slot()
    def _region_chosen(self) -> None:
        self._destination_edited()
        self._corrected()

    @Slot()
    def _destination_edited(self) -> None:
        self.edited.emit()
        self.destination_changed.emit()

    def address(self) -> Address:
        text = {key: edit.text() for key, edit in self.edits.items() if isinstance(edit, QLineEdit)}
        us = self.country_code == "US"
        if self._regional():
            province = self.region.currentData()
        else:
            province = None if us else text["province"] or None
        return Address(
            first_name=text["first_name"],
            last_name=text["last_name"],
            company_name=text["company_name"] or None,
            address_1=text["address_1"],
            address_2=text["address_2"] or None,
            address_3=text["address_3"] or None,
            city=text["city"] or None,
            state_code=self.state.currentData() if us else None,
            province=province,
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
        if self._regional():
            self._fill_regions()
            found = self.region.findData((address.province or "").upper())
            self.region.setCurrentIndex(max(0, found))
        for widget in widgets:
            widget.blockSignals(False)
        self.left.clear()
        self._country_changed()

    def show_problems(self, problems: dict[str, str]) -> QWidget | None:
        if self._regional() and "province" in problems:
            problems = {**problems, "region": problems["province"]}
        return super().show_problems(problems)

    @Slot()
    def check(self) -> None:
        """Only the fields already visited are judged, so a new form is not red; a field
        with a message is judged again as it changes, so the message goes once it is right."""
        problems = check_recipient(self.address())
        shown = {key for key, label in self.errors.items() if label.isVisible()}
        judged = self.left | shown
        if "region" in judged:
            judged.add("province")  # the region list's value is the address's province
        self.show_problems({k: v for k, v in problems.items() if k in judged})


class ExtrasForm(FieldSet):
    def __init__(self) -> None:
        super().__init__("Optional")
        self.setCheckable(True)
        self.setChecked(False)
        self.toggled.connect(self._toggled)
        self.gift = self.line("gift_message", "&Gift message", "giftMessageEdit")
        self.ship_by = self.line("ship_by_date", "Ship &by", "shipByDateEdit", "YYYY-MM-DD")
        self.document = self.line(
            "document_url", "Pac&king slip URL", "documentUrlEdit", "https://…"
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
