"""The New order tab: field messages, the live quote, drafts across restarts, safe submit."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QLineEdit
from sample_orders import PORTLAND
from window_checks import JobLog, SendAnswers

from fwdesk.api.shipping import OrderQuote
from fwdesk.core.drafts import SUBMITTED, DraftItem
from fwdesk.ui.tabs.order.drafts_list import DRAFT_ROLE
from fwdesk.ui.tabs.order.quote_panel import TOTAL


@pytest.fixture
def shop(open_window, sandbox, qtbot, monkeypatch):
    """A window on the shared sandbox, with a PO prefix no other test uses."""
    window = open_window("--sandbox-url", sandbox.url)
    window.order.po_prefix = f"T{uuid.uuid4().hex[:6].upper()}-"
    window.tabs.setCurrentWidget(window.order)
    window.answers = SendAnswers().install(monkeypatch)
    window.asked = window.answers.asked
    window.jobs = JobLog().install(monkeypatch)
    with sandbox.client() as api:
        window.sku = api.list_virtual_inventory(per_page=1).items[0].sku
    return window


def fill(window, qtbot) -> None:
    order = window.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem(window.sku, 2, "Heron at Dusk"))
    qtbot.waitUntil(lambda: order.quote.table.rowCount() > 0, timeout=10000)


def placed_with(sandbox, prefix: str) -> list[str]:
    return [o["order_po"] for o in sandbox.server_orders() if o["order_po"].startswith(prefix)]


FIELD_CASES = [
    ("recipientFirstName", "", "first_name"),
    ("recipientFirstName", "A" * 51, "first_name"),
    ("recipientLastName", "", "last_name"),
    ("recipientLastName", "B" * 51, "last_name"),
    ("recipientCompany", "C" * 51, "company_name"),
    ("recipientAddress1", "", "address_1"),
    ("recipientAddress1", "D" * 101, "address_1"),
    ("recipientAddress2", "E" * 101, "address_2"),
    ("recipientAddress3", "F" * 101, "address_3"),
    ("recipientCity", "", "city"),
    ("recipientCity", "G" * 51, "city"),
    ("recipientZip", "", "zip_postal_code"),
    ("recipientZip", "1234", "zip_postal_code"),
    ("recipientZip", "ABCDE", "zip_postal_code"),
    ("recipientZip", "12345678901", "zip_postal_code"),
    ("recipientEmail", "marisol.example.net", "email"),
    ("recipientEmail", "m@x", "email"),
    ("recipientEmail", "m" * 45 + "@example.net", "email"),
    ("recipientPhone", "call me", "phone"),
    ("recipientPhone", "5" * 51, "phone"),
    ("orderPoEdit", "P" * 51, "order_po"),
    ("documentUrlEdit", "ftp://x/slip.pdf", "document_url"),
    ("shipByDateEdit", "24/12/2026", "ship_by_date"),
    ("shipByDateEdit", "2020-01-01", "ship_by_date"),
    ("customData1Edit", "c" * 256, "custom_data_1"),
    ("customData2Edit", "c" * 256, "custom_data_2"),
    ("customData3Edit", "c" * 256, "custom_data_3"),
    ("upsAccountEdit", "9" * 51, "acct_number_ups"),
    ("fedexAccountEdit", "9" * 51, "acct_number_fedex"),
    ("giftMessageEdit", "g" * 501, "gift_message"),
]


def shown_error(order, key: str) -> str:
    if key == "order_po":
        label = order.po_error
    elif key in order.recipient.errors:
        label = order.recipient.errors[key]
    else:
        label = order.extras.errors[key]
    return label.text() if not label.isHidden() else ""


@pytest.mark.parametrize(("name", "value", "key"), FIELD_CASES)
def test_an_invalid_field_gets_its_message_and_nothing_is_sent(
    shop, qtbot, sandbox, name, value, key
):
    fill(shop, qtbot)
    order = shop.order
    order.extras.setChecked(True)
    edit = shop.findChild(QLineEdit, name)
    edit.setText(value)
    edit.textEdited.emit(value)
    order.submit_button.click()
    assert shown_error(order, key), f"no message beside {name}"
    assert shop.asked == [], "the confirmation (and so the send) was never reached"
    assert placed_with(sandbox, order.po_prefix) == []


@pytest.mark.parametrize(("quantity", "sku"), [(0, None), (1000, None), (1, "")])
def test_invalid_items_are_named_and_nothing_is_sent(shop, qtbot, sandbox, quantity, sku):
    fill(shop, qtbot)
    order = shop.order
    item = order.items.items()[0]
    order.items.set_items((DraftItem(item.sku if sku is None else sku, quantity, item.title),))
    order.submit_button.click()
    assert not order.items.message.isHidden() and order.items.message.text()
    assert shop.asked == [] and placed_with(sandbox, order.po_prefix) == []


def test_the_quote_follows_the_form_and_drops_stale_answers(shop, qtbot):
    order = shop.order
    fill(shop, qtbot)
    codes = [order.quote.table.item(r, 0).text() for r in range(order.quote.table.rowCount())]
    assert len(codes) == 5
    cheapest = order.quote.options[0]
    assert cheapest.id is not None, "FinerWorks' app knows quote options by id (API.md 9.3)"
    assert order.draft.shipping_code == cheapest.choice, "the account's preference: cheapest"
    shop.jobs.jobs.clear()
    zip_edit = shop.findChild(QLineEdit, "recipientZip")
    zip_edit.clear()
    qtbot.keyClicks(zip_edit, "97201")
    qtbot.waitUntil(lambda: bool(shop.jobs.named("shipping quote")), timeout=3000)
    qtbot.waitUntil(lambda: shop.jobs.all_over("shipping quote"), timeout=10000)
    assert not order.quotes._timer.isActive(), "no quote is waiting to be asked"
    assert len(shop.jobs.named("shipping quote")) == 1, "five keystrokes, one quote"
    before = [order.quote.table.item(r, TOTAL).text() for r in range(order.quote.table.rowCount())]
    late = OrderQuote(order_po=order.draft.order_po)
    order.quotes.answered(order.quotes.generation - 1, late)  # an older form's late answer
    after = [order.quote.table.item(r, TOTAL).text() for r in range(order.quote.table.rowCount())]
    assert after == before


def test_the_quote_says_inline_when_it_cannot_be_had(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem("AP9999999P9999999", 1, "Nope"))
    qtbot.waitUntil(
        lambda: order.quote.status.text().startswith("No quote right now"), timeout=10000
    )
    assert order.quote.table.rowCount() == 0


def test_drafts_survive_a_restart(open_window, qtbot, sandbox):
    first = open_window("--sandbox-url", sandbox.url)
    first.order.recipient.first_name.setText("Marisol")
    first.order.recipient.first_name.textEdited.emit("Marisol")
    po = first.order.draft.order_po
    first.close()
    again = open_window("--sandbox-url", sandbox.url)
    drafts = again.order.drafts_list
    own = [drafts.item(i) for i in range(drafts.count()) if drafts.item(i).data(DRAFT_ROLE)]
    assert len(own) == 1 and own[0].text().startswith(po), "pending orders aside, one draft"
    drafts.itemClicked.emit(own[0])
    assert again.order.recipient.first_name.text() == "Marisol"
    assert again.order.po_edit.text() == po


def test_submit_confirms_total_and_mode_then_places_the_order_once(shop, qtbot, sandbox):
    fill(shop, qtbot)
    order = shop.order
    po = order.draft.order_po
    shop.answers.send = False
    order.submit_button.click()
    qtbot.waitUntil(lambda: len(shop.asked) == 1, timeout=10000)
    [asked] = shop.asked
    assert "Total: $" in asked.summary and po in asked.summary
    option = order.quote.option(order.draft.shipping_code)
    assert f"(shipping {option.carrier} {option.shipping_method}, $" in asked.summary, (
        "the method by name and carrier, not its code"
    )
    assert "DEMO" in asked.mode
    assert "Visa ending in 4242" in asked.choices, "the account's saved card is offered"
    assert asked.payment == asked.choices[0]
    assert placed_with(sandbox, order.po_prefix) == []
    qtbot.waitUntil(order.submit_button.isEnabled, timeout=5000)
    shop.answers.send = True
    order.submit()
    order.submit()  # a double click that slipped through
    qtbot.waitUntil(lambda: "placed with FinerWorks" in order.result.text(), timeout=15000)
    qtbot.waitUntil(lambda: shop.jobs.all_over("submit order"), timeout=15000)
    assert len(shop.jobs.named("submit order")) == 1, "the second click sent nothing"
    assert placed_with(sandbox, order.po_prefix) == [po]
    assert order.session.drafts.by_po(po).state == SUBMITTED
    assert order.draft is None, "the form starts a new draft"
    states = [order.drafts_list.item(i).text() for i in range(order.drafts_list.count())]
    assert any(text.startswith(po) and text.endswith("placed") for text in states)


def test_a_product_code_needs_its_print_file_typed_in(shop, qtbot):
    order = shop.order
    order.recipient.set_address(PORTLAND)
    order._edited()
    order.items.add_item(DraftItem("1M11M101S8X10", 1, "Print"))
    order.submit_button.click()
    assert "print file" in order.items.message.text() and shop.asked == []
    table = order.items.table
    table.item(0, 3).setText("https://files.example.net/heron.tif")
    table.item(0, 4).setText("2400 x 3000")
    item = order.items.items()[0]
    assert (item.image_url, item.pixel_width, item.pixel_height) == (
        "https://files.example.net/heron.tif",
        2400,
        3000,
    )
    assert order.items.check() == {}


def test_fields_are_checked_as_they_are_left(shop, qtbot):
    order = shop.order
    order.extras.setChecked(True)
    email = shop.findChild(QLineEdit, "recipientEmail")
    email.setText("not-an-address")
    email.setModified(True)
    email.editingFinished.emit()
    assert order.recipient.errors["email"].text() == "This is not an email address."
    assert order.recipient.errors["first_name"].isHidden(), "untouched fields stay calm"
    ship_by = shop.findChild(QLineEdit, "shipByDateEdit")
    ship_by.setText("next week")
    ship_by.editingFinished.emit()
    assert "2026-12-24" in order.extras.errors["ship_by_date"].text()
