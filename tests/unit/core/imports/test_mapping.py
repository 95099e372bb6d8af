"""Column mappings for layouts fwdesk does not know: guessed, checked, remembered."""

from __future__ import annotations

import pytest

from fwdesk.core.imports.mapping import (
    FIELDS,
    ColumnMapping,
    guess_mapping,
    header_signature,
)

SHOP_EXPORT = [
    "Order #",
    "Date",
    "Name",
    "Shipping Name",
    "Billing Address",
    "Shipping Address 1",
    "Shipping Address 2",
    "City",
    "State/Province",
    "Zip/Postal Code",
    "Country",
    "Phone Number",
    "E-mail",
    "Product",
    "SKU",
    "Qty",
    "Unit Price",
    "Image URL",
]


def test_a_shop_export_is_pre_mapped_by_its_headers():
    mapping = guess_mapping(SHOP_EXPORT)

    assert dict(mapping.columns) == {
        "reference": "Order #",
        "full_name": "Shipping Name",
        "address_1": "Shipping Address 1",
        "address_2": "Shipping Address 2",
        "city": "City",
        "state": "State/Province",
        "zip": "Zip/Postal Code",
        "country": "Country",
        "phone": "Phone Number",
        "email": "E-mail",
        "source_sku": "SKU",
        "title": "Product",
        "quantity": "Qty",
        "sale_price": "Unit Price",
        "image_url": "Image URL",
    }
    assert mapping.missing() == []


@pytest.mark.parametrize(
    ("headers", "field", "header"),
    [
        (["PO", "Qty"], "reference", "PO"),
        (["Order Number"], "reference", "Order Number"),
        (["Recipient"], "full_name", "Recipient"),
        (["Name"], "full_name", "Name"),
        (["Street"], "address_1", "Street"),
        (["Address"], "address_1", "Address"),
        (["ship_zip"], "zip", "ship_zip"),
        (["Postcode"], "zip", "Postcode"),
        (["Postal Code"], "zip", "Postal Code"),
        (["Ship To Country"], "country", "Ship To Country"),
        (["Quantity"], "quantity", "Quantity"),
        (["Price"], "sale_price", "Price"),
        (["Product SKU"], "product_sku", "Product SKU"),
    ],
)
def test_common_header_names_are_guessed(headers, field, header):
    assert guess_mapping(headers).columns[field] == header


def test_first_and_last_name_beat_a_full_name_and_billing_columns_are_not_taken():
    mapping = guess_mapping(["Name", "First Name", "Last Name", "Billing Zip", "Billing Country"])

    assert dict(mapping.columns) == {"first_name": "First Name", "last_name": "Last Name"}


def test_the_better_synonym_wins_wherever_it_stands():
    mapping = guess_mapping(["Product", "Item", "Count", "Quantity"])

    assert (mapping.columns["title"], mapping.columns["quantity"]) == ("Item", "Quantity")


def test_missing_lists_what_must_still_be_mapped():
    assert ColumnMapping().missing() == [
        "Address line 1",
        "ZIP or postal code",
        "Country",
        "Quantity",
        "Full name, or First name + Last name",
        "Product SKU (FinerWorks), or Shop SKU",
    ]
    first_only = ColumnMapping(
        {
            "first_name": "F",
            "address_1": "A",
            "zip": "Z",
            "country": "C",
            "quantity": "Q",
            "product_sku": "S",
        }
    )
    assert first_only.missing() == ["Full name, or First name + Last name"]
    complete = ColumnMapping({**first_only.columns, "last_name": "L"})
    assert complete.missing() == []  # the order number is optional


def test_fields_say_what_the_dialog_shows_and_requires():
    labels = {f.key: (f.label, f.required) for f in FIELDS}
    assert labels["reference"] == ("Order number", False)
    assert labels["quantity"] == ("Quantity", True)
    assert len(labels) == len(FIELDS)


def test_the_signature_ignores_order_case_and_spacing_but_not_the_headers():
    signature = header_signature(["Order #", "Zip", "Qty"])

    assert header_signature(["qty", " ZIP ", "order  #"]) == signature
    assert header_signature(["Order #", "Zip", "Qty", "SKU"]) != signature
    assert header_signature(["Order #", "Postcode", "Qty"]) != signature
    assert len(signature) == 16


def test_a_mapping_survives_storing_and_damaged_entries_lose_only_what_is_damaged():
    mapping = ColumnMapping({"reference": "Order #", "quantity": "Qty"})
    assert ColumnMapping.from_json(mapping.to_json()) == mapping

    stored = {"columns": {"reference": "Order #", "colour": "Colour", "quantity": 3}}
    assert dict(ColumnMapping.from_json(stored).columns) == {"reference": "Order #"}
    assert ColumnMapping.from_json({"columns": "Order #"}) == ColumnMapping()
    assert ColumnMapping.from_json({}) == ColumnMapping()


def test_a_mapping_cannot_be_changed_after_it_is_made():
    columns = {"quantity": "Qty"}
    mapping = ColumnMapping(columns)
    columns["quantity"] = "Count"

    assert mapping.columns["quantity"] == "Qty"
    with pytest.raises(TypeError):
        mapping.columns["quantity"] = "Count"  # type: ignore[index]
