"""FinerWorks' field paths shown as the order form's labels and mapped to its fields."""

from __future__ import annotations

import pytest

from fwdesk.api.errors import ApiValidationError
from fwdesk.core.field_names import form_key, label
from fwdesk.core.messages import explain


@pytest.mark.parametrize(
    ("path", "key", "shown"),
    [
        ("recipient.last_name", "last_name", "Last name"),
        ("request.orders[0].recipient.address_1", "address_1", "Address"),
        ("orders[0].recipient.zip_postal_code", "zip_postal_code", "Postal code"),
        ("order_items[1].product_sku", "items[1].sku", "Item 2 SKU"),
        (
            "orders[0].order_items[0].product_image.pixel_width",
            "items[0].image",
            "Item 1 print file",
        ),
        ("order_po", "order_po", "Order PO"),
        ("orders[0].shipping_code", "shipping_code", "Shipping method"),
    ],
)
def test_a_server_path_is_the_forms_field_and_label(path, key, shown):
    assert form_key(path) == key
    assert label(key) == shown


def test_a_path_the_form_has_no_field_for_is_named_plainly():
    assert form_key("orders[0].webhook_order_status_url") is None
    error = ApiValidationError(
        "The request is invalid.",
        field_errors={
            "orders[0].recipient.last_name": ["x"],
            "orders[0].recipient.address_1": ["y"],
        },
    )
    assert explain(error) == (
        "FinerWorks found a problem with Address, Last name: The request is invalid."
    )
