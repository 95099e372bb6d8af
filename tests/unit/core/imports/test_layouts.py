"""Recognising an export by its headers and reading its rows as orders, on real-shaped tables
(header lists as the exports write them, see /work/shared/order-sources/README.md)."""

from __future__ import annotations

import csv
import random
from decimal import Decimal
from pathlib import Path

import pytest

from fwdesk.core.imports.layouts import (
    FWDESK_COLUMNS,
    Source,
    SourceOrder,
    orders_from,
    parse_amount,
    recognise,
    split_name,
)
from fwdesk.core.imports.mapping import ColumnMapping
from fwdesk.core.imports.table_file import Row, Table
from fwdesk.core.imports.template import COLUMNS as FINERWORKS_COLUMNS

SAMPLE = Path(__file__).parents[4] / "resources" / "sample-orders.csv"

ETSY_ITEMS = (
    "Sale Date, Item Name, Buyer, Quantity, Price, Coupon Code, Coupon Details, Discount Amount, "
    "Shipping Discount, Order Shipping, Order Sales Tax, Item Total, Currency, Transaction ID, "
    "Listing ID, Date Paid, Date Shipped, Ship Name, Ship Address1, Ship Address2, Ship City, "
    "Ship State, Ship Zipcode, Ship Country, Order ID, Variations, Order Type, Listings Type, "
    "Payment Type, InPerson Discount, InPerson Location, VAT Paid by Buyer, SKU"
).split(", ")
ETSY_ORDERS = (
    "Sale Date, Order ID, Buyer User ID, Full Name, First Name, Last Name, Number of Items, "
    "Payment Method, Date Shipped, Street 1, Street 2, Ship City, Ship State, Ship Zipcode, "
    "Ship Country, Currency, Order Value, Coupon Code, Coupon Details, Discount Amount, "
    "Shipping Discount, Shipping, Sales Tax, Order Total, Status, Card Processing Fees, "
    "Order Net, Adjusted Order Total, Adjusted Card Processing Fees, Adjusted Net Order Amount, "
    "Buyer, Order Type, Payment Type, InPerson Discount, InPerson Location, SKU"
).split(", ")
SHOPIFY = (
    "Name, Email, Financial Status, Paid at, Fulfillment Status, Fulfilled at, Accepts Marketing, "
    "Currency, Subtotal, Shipping, Taxes, Total, Discount Code, Discount Amount, Shipping Method, "
    "Created at, Lineitem quantity, Lineitem name, Lineitem price, Lineitem compare at price, "
    "Lineitem sku, Lineitem requires shipping, Lineitem taxable, Lineitem fulfillment status, "
    "Billing Name, Billing Street, Billing Address1, Billing Address2, Billing Company, "
    "Billing City, Billing Zip, Billing Province, Billing Country, Billing Phone, Shipping Name, "
    "Shipping Street, Shipping Address1, Shipping Address2, Shipping Company, Shipping City, "
    "Shipping Zip, Shipping Province, Shipping Country, Shipping Phone, Notes, Note Attributes, "
    "Cancelled at, Payment Method, Payment Reference, Refunded Amount, Vendor, "
    "Outstanding Balance, Employee, Location, Device ID, Id, Tags, Risk Level, Source, "
    "Lineitem discount, Tax 1 Name, Tax 1 Value, Tax 2 Name, Tax 2 Value, Tax 3 Name, "
    "Tax 3 Value, Tax 4 Name, Tax 4 Value, Tax 5 Name, Tax 5 Value, Phone, Receipt Number, "
    "Duties, Billing Province Name, Shipping Province Name, Payment ID, Payment Terms Name, "
    "Next Payment Due At, Payment References"
).split(", ")
BRITISH = {
    "Ship Name": "Delivery Name",
    "Ship Address1": "Delivery Address1",
    "Ship Address2": "Delivery Address2",
    "Ship City": "Delivery City",
    "Ship State": "Delivery State",
    "Ship Zipcode": "Delivery Zipcode",
    "Ship Country": "Delivery Country",
}
ETSY_ITEMS_BRITISH = [BRITISH.get(h, h) for h in ETSY_ITEMS]


def table(headers: list[str] | tuple[str, ...], *rows: dict[str, str]) -> Table:
    """A table as table_file reads it: the header is row 1, each row has a cell per header."""
    return Table(
        tuple(headers),
        tuple(
            Row(number, tuple(row.get(h, "") for h in headers))
            for number, row in enumerate(rows, start=2)
        ),
        "csv",
        "utf-8",
        ",",
    )


def by_reference(orders: list[SourceOrder]) -> dict[str, SourceOrder]:
    return {order.reference: order for order in orders}


# Recognition


@pytest.mark.parametrize(
    ("headers", "source"),
    [
        (FINERWORKS_COLUMNS, Source.FINERWORKS),
        (ETSY_ORDERS, Source.ETSY_ORDERS),
        (ETSY_ITEMS, Source.ETSY_ITEMS),
        (ETSY_ITEMS_BRITISH, Source.ETSY_ITEMS),
        ([BRITISH.get(h, h) for h in ETSY_ORDERS], Source.ETSY_ORDERS),
        (SHOPIFY, Source.SHOPIFY),
        (FWDESK_COLUMNS, Source.FWDESK),
    ],
)
def test_each_export_is_recognised_in_any_column_order_with_extra_columns(headers, source):
    assert recognise(headers) is source
    shuffled = [*headers, "Our notes", "Packed by"]
    random.Random(7).shuffle(shuffled)
    assert recognise(shuffled) is source
    assert recognise([f"  {h.upper()} " for h in headers]) is source


def test_unknown_incomplete_or_ambiguous_headers_are_no_layout():
    assert recognise(["Order #", "Customer", "Address", "Zip", "Country", "SKU", "Qty"]) is None
    assert recognise([h for h in ETSY_ITEMS if h != "Ship Zipcode"]) is None
    assert recognise([h for h in SHOPIFY if h != "Lineitem quantity"]) is None
    assert recognise([h for h in FINERWORKS_COLUMNS if h != "ship_first_name"]) is None
    # Both FinerWorks' and fwdesk's columns: which one the shop filled is unknowable.
    assert recognise([*FINERWORKS_COLUMNS, *FWDESK_COLUMNS]) is None
    assert recognise([]) is None


# Etsy Sold Order Items


ETSY_ITEM_ROWS = (
    {
        "Order ID": "3141592653",
        "Item Name": "Heron at Dusk - Giclée Print",
        "Quantity": "2",
        "Price": "24.50",
        "Currency": "USD",
        "Listing ID": "1188021457",
        "Ship Name": "Marisol de la Cruz Quintero",
        "Ship Address1": "1208 Lantern Lane",
        "Ship Address2": "Unit 4",
        "Ship City": "Portland",
        "Ship State": "Oregon",
        "Ship Zipcode": "97205",
        "Ship Country": "United States",
        "Variations": "Size: 16x20,Finish: Matte",
        "SKU": "HERON-1620",
    },
    {
        "Order ID": "2718281828",
        "Item Name": "Fog over the Bay",
        "Quantity": "1",
        "Price": "1,180.00",
        "Currency": "GBP",
        "Listing ID": "1203344556",
        "Ship Name": "Cher",
        "Ship Address1": "14 Marchmont Street",
        "Ship City": "London",
        "Ship State": "Greater London",
        "Ship Zipcode": "WC1N 1AB",
        "Ship Country": "United Kingdom",
        "SKU": "",
    },
    {
        "Order ID": "3141592653",
        "Item Name": "Heron at First Light",
        "Quantity": "1",
        "Price": "$18.00",
        "Currency": "USD",
        "Listing ID": "1188021499",
        "Ship Name": "Marisol de la Cruz Quintero",
        "Ship Address1": "1208 Lantern Lane",
        "Ship Address2": "Unit 4",
        "Ship City": "Portland",
        "Ship State": "Oregon",
        "Ship Zipcode": "97205",
        "Ship Country": "United States",
        "Variations": "Size: 8x10",
        "SKU": "HERON-0810",
    },
)


def test_etsy_items_are_grouped_by_order_id_with_names_split_and_places_coded():
    orders = orders_from(table(ETSY_ITEMS, *ETSY_ITEM_ROWS), Source.ETSY_ITEMS)

    assert [o.reference for o in orders] == ["3141592653", "2718281828"]
    heron, fog = orders
    assert heron.rows == (2, 4)
    assert heron.problems == {} and fog.problems == {}
    recipient = heron.recipient
    assert (recipient.first_name, recipient.last_name) == ("Marisol de la Cruz", "Quintero")
    assert (recipient.country_code, recipient.state_code, recipient.province) == ("us", "OR", None)
    assert (recipient.address_2, recipient.city, recipient.zip_postal_code) == (
        "Unit 4",
        "Portland",
        "97205",
    )
    assert recipient.phone is None and recipient.email is None and recipient.company_name is None
    assert [(i.row, i.quantity, i.sale_price, i.source_sku) for i in heron.items] == [
        (2, 2, Decimal("24.50"), "HERON-1620"),
        (4, 1, Decimal("18.00"), "HERON-0810"),
    ]
    first = heron.items[0]
    assert first.title == "Heron at Dusk - Giclée Print"
    assert (first.listing, first.variation) == ("1188021457", "Size: 16x20,Finish: Matte")
    assert first.product_sku is None
    assert heron.currency == "USD" and heron.sale_total is None and not heron.cancelled


def test_a_one_word_etsy_name_is_a_first_name_and_abroad_the_state_is_a_province():
    fog = orders_from(table(ETSY_ITEMS, *ETSY_ITEM_ROWS), Source.ETSY_ITEMS)[1]

    assert (fog.recipient.first_name, fog.recipient.last_name) == ("Cher", "")
    assert fog.problems == {}  # the order check asks for the last name later
    assert fog.recipient.country_code == "gb"
    assert (fog.recipient.state_code, fog.recipient.province) == (None, "Greater London")
    assert fog.recipient.address_2 is None
    item = fog.items[0]
    assert (item.source_sku, item.listing, item.sale_price) == ("", "1203344556", Decimal("1180"))


def test_british_etsy_headers_are_read_the_same():
    rows = [{BRITISH.get(k, k): v for k, v in row.items()} for row in ETSY_ITEM_ROWS]
    orders = orders_from(table(ETSY_ITEMS_BRITISH, *rows), Source.ETSY_ITEMS)

    heron = orders[0]
    assert heron.recipient.last_name == "Quintero" and heron.recipient.state_code == "OR"
    assert heron.recipient.zip_postal_code == "97205" and heron.recipient.city == "Portland"
    assert orders[1].recipient.country_code == "gb"


def test_problems_name_the_row_and_the_column_as_the_file_spells_it():
    rows = [{BRITISH.get(k, k): v for k, v in row.items()} for row in ETSY_ITEM_ROWS]
    rows[1] = {**rows[1], "Delivery Zipcode": "", "Quantity": "one"}
    rows[2] = {**rows[2], "Delivery Address1": "99 Other Road"}
    orders = orders_from(table(ETSY_ITEMS_BRITISH, *rows), Source.ETSY_ITEMS)

    heron, fog = orders
    assert set(fog.problems) == {"row 3, column Delivery Zipcode", "row 3, column Quantity"}
    assert "ZIP or postal code" in fog.problems["row 3, column Delivery Zipcode"]
    assert "“one”" in fog.problems["row 3, column Quantity"]
    assert fog.items[0].quantity is None
    assert set(heron.problems) == {"row 4"}
    assert "row 2" in heron.problems["row 4"]
    assert heron.recipient.address_1 == "1208 Lantern Lane"  # the first row's wins


def test_an_unknown_country_is_a_problem_and_no_code():
    row = {**ETSY_ITEM_ROWS[1], "Ship Country": "Narnia"}
    order = orders_from(table(ETSY_ITEMS, row), Source.ETSY_ITEMS)[0]

    assert order.recipient.country_code == ""
    assert "“Narnia”" in order.problems["row 2, column Ship Country"]


def test_a_row_without_an_order_number_is_an_order_of_its_own():
    rows = [ETSY_ITEM_ROWS[0], {**ETSY_ITEM_ROWS[2], "Order ID": ""}]
    orders = orders_from(table(ETSY_ITEMS, *rows), Source.ETSY_ITEMS)

    assert [o.reference for o in orders] == ["3141592653", "Row 3"]
    assert orders[0].problems == {} and len(orders[0].items) == 1
    assert "order number" in orders[1].problems["row 3, column Order ID"]


# Etsy Sold Orders

ETSY_ORDER = {
    "Order ID": "3141592653",
    "Full Name": "Ada Lovelace",
    "First Name": "Ada",
    "Last Name": "Lovelace",
    "Number of Items": "3",
    "Street 1": "401 Congress Ave",
    "Ship City": "Austin",
    "Ship State": "TX",
    "Ship Zipcode": "78701",
    "Ship Country": "United States",
    "Currency": "USD",
    "Order Value": "72.00",
    "Shipping": "9.95",
    "Sales Tax": "5.94",
    "Order Total": "87.89",
    "Status": "Completed",
    "SKU": "AUTUMN-1620",
}


def test_an_etsy_order_with_one_sku_orders_all_its_items_of_it():
    order = orders_from(table(ETSY_ORDERS, ETSY_ORDER), Source.ETSY_ORDERS)[0]

    assert order.reference == "3141592653" and order.rows == (2,)
    assert [(i.row, i.quantity, i.source_sku) for i in order.items] == [(2, 3, "AUTUMN-1620")]
    assert order.sale_total == Decimal("87.89") and order.currency == "USD"
    assert (order.recipient.first_name, order.recipient.last_name) == ("Ada", "Lovelace")
    assert order.recipient.state_code == "TX" and order.recipient.country_code == "us"
    assert order.problems == {} and not order.cancelled


def test_several_etsy_skus_are_one_each_only_when_the_count_says_so():
    exact = {**ETSY_ORDER, "SKU": "HERON-1620, HERON-0810,AUTUMN-1620"}
    unclear = {**ETSY_ORDER, "Order ID": "2718281828", "SKU": "HERON-1620,HERON-0810"}
    split = {**ETSY_ORDER, "Order ID": "1414213562", "First Name": "", "Last Name": ""}
    orders = orders_from(table(ETSY_ORDERS, exact, unclear, split), Source.ETSY_ORDERS)

    assert [(i.quantity, i.source_sku) for i in orders[0].items] == [
        (1, "HERON-1620"),
        (1, "HERON-0810"),
        (1, "AUTUMN-1620"),
    ]
    assert orders[0].problems == {}
    assert [(i.quantity, i.source_sku) for i in orders[1].items] == [
        (None, "HERON-1620"),
        (None, "HERON-0810"),
    ]
    message = orders[1].problems["row 3, column Number of Items"]
    assert "Sold Order Items" in message and "3 items for 2 SKUs" in message
    assert (orders[2].recipient.first_name, orders[2].recipient.last_name) == ("Ada", "Lovelace")


def test_an_etsy_order_without_sku_or_with_a_cancelled_status():
    no_sku = {**ETSY_ORDER, "SKU": ""}
    cancelled = {**ETSY_ORDER, "Order ID": "2718281828", "Status": "CANCELED"}
    british = {**ETSY_ORDER, "Order ID": "1414213562", "Status": "Cancelled"}
    orders = orders_from(table(ETSY_ORDERS, no_sku, cancelled, british), Source.ETSY_ORDERS)

    assert "Sold Order Items" in orders[0].problems["row 2, column SKU"]
    assert orders[0].items[0].quantity == 3 and not orders[0].cancelled
    assert orders[1].cancelled and orders[2].cancelled
    assert orders[1].problems == {}


def test_without_an_order_total_the_order_value_is_the_sale_total():
    headers = [h for h in ETSY_ORDERS if h != "Order Total"]
    order = orders_from(table(headers, ETSY_ORDER), Source.ETSY_ORDERS)[0]

    assert order.sale_total == Decimal("72.00")


# Shopify

SHOPIFY_ROWS = (
    {
        "Name": "#1001",
        "Email": "marisol@example.net",
        "Financial Status": "paid",
        "Currency": "USD",
        "Total": "1,204.50",
        "Lineitem quantity": "2",
        "Lineitem name": "Heron at Dusk - 16x20",
        "Lineitem price": "48.00",
        "Lineitem sku": "HERON-1620",
        "Lineitem requires shipping": "true",
        "Billing Name": "Pat Quintero",
        "Billing Address1": "1 Billing Way",
        "Shipping Name": "Marisol Quintero",
        "Shipping Street": "12 Beacon St",
        "Shipping Address1": "12 Beacon St",
        "Shipping Company": "Quintero Studio",
        "Shipping City": "Boston",
        "Shipping Zip": "'02108",
        "Shipping Province": "MA",
        "Shipping Country": "US",
        "Shipping Phone": "'+1 617-555-0100",
        "Shipping Province Name": "Massachusetts",
    },
    {
        "Name": "#1001",
        "Lineitem quantity": "1",
        "Lineitem name": "Heron at First Light - 8x10",
        "Lineitem price": "18.00",
        "Lineitem sku": "",
        "Lineitem requires shipping": "true",
    },
    {
        "Name": "#1001",
        "Lineitem quantity": "3",
        "Lineitem name": "Fog over the Bay - 11x14",
        "Lineitem price": "1,090.50",
        "Lineitem sku": "FOG-1114",
        "Lineitem requires shipping": "true",
    },
    {
        "Name": "#1002",
        "Email": "jonas@example.com",
        "Currency": "CAD",
        "Total": "65.00",
        "Lineitem quantity": "1",
        "Lineitem name": "Autumn Field",
        "Lineitem price": "65.00",
        "Lineitem sku": "AUTUMN-1620",
        "Lineitem requires shipping": "true",
        "Shipping Name": "Jonas Whitfield",
        "Shipping Address1": "55 Harbour Street",
        "Shipping City": "Toronto",
        "Shipping Zip": "M5J 2L1",
        "Shipping Province": "",
        "Shipping Country": "CA",
        "Shipping Province Name": "Ontario",
        "Cancelled at": "2026-03-02 10:15:00 -0500",
    },
    {
        "Name": "#1003",
        "Email": "ada@example.org",
        "Currency": "USD",
        "Total": "40.00",
        "Lineitem quantity": "1",
        "Lineitem name": "Print-at-home file",
        "Lineitem price": "10.00",
        "Lineitem sku": "DIGI-1",
        "Lineitem requires shipping": "false",
        "Shipping Name": "Ada Lovelace",
        "Shipping Address1": "401 Congress Ave",
        "Shipping City": "Austin",
        "Shipping Zip": "78701",
        "Shipping Province": "TX",
        "Shipping Country": "US",
    },
    {
        "Name": "#1003",
        "Lineitem quantity": "1",
        "Lineitem name": "Autumn Field - 8x10",
        "Lineitem price": "30.00",
        "Lineitem sku": "AUTUMN-0810",
        "Lineitem requires shipping": "true",
    },
)


def test_shopify_rows_share_the_first_rows_order_and_address():
    orders = by_reference(orders_from(table(SHOPIFY, *SHOPIFY_ROWS), Source.SHOPIFY))

    order = orders["#1001"]
    assert order.rows == (2, 3, 4) and order.problems == {}
    assert [(i.row, i.quantity, i.source_sku, i.sale_price) for i in order.items] == [
        (2, 2, "HERON-1620", Decimal("48.00")),
        (3, 1, "", Decimal("18.00")),
        (4, 3, "FOG-1114", Decimal("1090.50")),
    ]
    assert order.items[1].listing == "Heron at First Light - 8x10"
    assert order.items[1].title == "Heron at First Light - 8x10"
    recipient = order.recipient
    assert (recipient.first_name, recipient.last_name) == ("Marisol", "Quintero")
    assert recipient.zip_postal_code == "02108" and recipient.phone == "+1 617-555-0100"
    assert (recipient.state_code, recipient.country_code) == ("MA", "us")
    assert recipient.company_name == "Quintero Studio"
    assert recipient.address_1 == "12 Beacon St"  # not the billing address
    assert recipient.email == "marisol@example.net"
    assert (order.currency, order.sale_total, order.cancelled) == ("USD", Decimal("1204.50"), False)


def test_a_cancelled_shopify_order_and_a_province_known_only_by_name():
    order = by_reference(orders_from(table(SHOPIFY, *SHOPIFY_ROWS), Source.SHOPIFY))["#1002"]

    assert order.cancelled
    assert (order.recipient.country_code, order.recipient.province) == ("ca", "ON")
    assert order.recipient.state_code is None
    assert order.currency == "CAD"


def test_digital_shopify_items_are_left_out_but_their_rows_still_belong_to_the_order():
    orders = by_reference(orders_from(table(SHOPIFY, *SHOPIFY_ROWS), Source.SHOPIFY))

    order = orders["#1003"]
    assert order.rows == (6, 7)
    assert [i.source_sku for i in order.items] == ["AUTUMN-0810"]
    assert order.recipient.last_name == "Lovelace"  # from the digital line's row
    assert order.problems == {}


def test_a_shopify_order_of_digital_items_only_has_no_items():
    rows = [row for row in SHOPIFY_ROWS if row["Name"] == "#1003"][:1]
    orders = orders_from(table(SHOPIFY, *rows), Source.SHOPIFY)

    assert [(o.reference, o.items) for o in orders] == [("#1003", ())]


# FinerWorks' own spreadsheet (API.md 9.8)

FINERWORKS_ROW = {
    "order_po": "#WEB-1001",
    "ship_first_name": "Marisol",
    "ship_last_name": "Quintero",
    "ship_address_1": "1220 SE Hawthorne Blvd",
    "ship_address_2": "Apt 4",
    "ship_city": "Portland",
    "ship_state_code": "OR",
    "ship_zip": "97214",
    "ship_country_code": "US",
    "ship_phone": "541-555-0137",
    "ship_email": "marisol@example.net",
    "product_qty": "2",
    "product_sku": "AP2210P48817",
    "product_image_file_url": "https://example.com/prints/heron.jpg",
    "product_thumb_url": "https://example.com/prints/heron-thumb.jpg",
    "product_cropping": "fit",
    "shipping_code": "SD",
    "webhook_order_status_url": "https://shop.example.com/hooks/finerworks",
}


def finerworks_rows() -> list[dict[str, str]]:
    second = {**FINERWORKS_ROW, "product_qty": "1", "product_sku": "1M11M102S16X20"}
    second.update(shipping_code="EX", product_image_file_url="", product_thumb_url="")
    third = {
        **FINERWORKS_ROW,
        "order_po": "WEB-1002",
        "ship_first_name": "Ada",
        "ship_last_name": "Lovelace",
        "ship_state_code": "New York",
        "ship_country_code": "United States",
        "shipping_code": "",
        "webhook_order_status_url": "",
    }
    fourth = {
        **FINERWORKS_ROW,
        "order_po": "WEB-1003",
        "ship_state_code": "",
        "ship_province": "Ontario",
        "ship_country_code": "Canada",
        "ship_phone": "",
    }
    return [FINERWORKS_ROW, second, third, fourth]


def test_finerworks_rows_are_grouped_by_po_without_its_hash():
    orders = orders_from(table(FINERWORKS_COLUMNS, *finerworks_rows()), Source.FINERWORKS)

    assert [o.reference for o in orders] == ["WEB-1001", "WEB-1002", "WEB-1003"]
    first = orders[0]
    assert first.rows == (2, 3) and first.problems == {}
    assert [(i.quantity, i.product_sku) for i in first.items] == [
        (2, "AP2210P48817"),
        (1, "1M11M102S16X20"),
    ]
    assert first.items[0].image_url == "https://example.com/prints/heron.jpg"
    assert first.items[0].thumb_url == "https://example.com/prints/heron-thumb.jpg"
    assert first.items[1].image_url is None and first.items[0].source_sku == ""
    assert first.shipping_code == "SD"  # the first row's order fields win
    assert first.extras == {"webhook_order_status_url": "https://shop.example.com/hooks/finerworks"}
    assert first.recipient.phone == "541-555-0137" and first.recipient.state_code == "OR"


def test_finerworks_country_and_state_names_become_codes():
    order = orders_from(table(FINERWORKS_COLUMNS, *finerworks_rows()), Source.FINERWORKS)[1]

    assert (order.recipient.country_code, order.recipient.state_code) == ("us", "NY")
    assert order.shipping_code is None and order.extras == {}
    assert order.problems == {}


def test_finerworks_required_cells_are_problems_with_their_row_and_column():
    canada = orders_from(table(FINERWORKS_COLUMNS, *finerworks_rows()), Source.FINERWORKS)[2]
    assert (canada.recipient.country_code, canada.recipient.province) == ("ca", "ON")
    assert set(canada.problems) == {"row 5, column ship_phone"}

    no_region = {**finerworks_rows()[3], "ship_province": "", "ship_phone": "555-0101"}
    no_state = {**FINERWORKS_ROW, "order_po": "WEB-1004", "ship_state_code": ""}
    no_sku = {**FINERWORKS_ROW, "order_po": "WEB-1005", "product_sku": "", "product_qty": "2.0"}
    orders = orders_from(table(FINERWORKS_COLUMNS, no_region, no_state, no_sku), Source.FINERWORKS)

    assert set(orders[0].problems) == {"row 2, column ship_province"}
    assert set(orders[1].problems) == {"row 3, column ship_state_code"}
    assert set(orders[2].problems) == {"row 4, column product_sku"}
    assert orders[2].items[0].product_sku is None and orders[2].items[0].quantity == 2


# fwdesk's own layout


def test_fwdesks_sample_sheet_becomes_orders_of_finerworks_products():
    with SAMPLE.open(encoding="utf-8", newline="") as sample:
        header, *rows = list(csv.reader(sample))
    sheet = Table(
        tuple(header),
        tuple(Row(n, tuple(r)) for n, r in enumerate(rows, start=2)),
        "csv",
        "utf-8",
        ",",
    )
    assert recognise(sheet.headers) is Source.FWDESK
    orders = orders_from(sheet, Source.FWDESK)

    assert [o.reference for o in orders] == ["WEB-1001", "WEB-1002", "WEB-1003"]
    assert all(o.problems == {} for o in orders)
    first, second, third = orders
    assert [(i.product_sku, i.quantity, i.title) for i in first.items] == [
        ("AP2210P48817", 2, "Heron at Dusk"),
        ("AP2201P48798", 1, "Heron at First Light"),
    ]
    assert first.extras == {"gift_message": "Happy housewarming!"}
    assert first.recipient.state_code == "OR" and first.shipping_code == "SD"
    assert (second.recipient.country_code, second.recipient.province) == ("ca", "ON")
    assert second.recipient.company_name == "Whitfield Interiors"
    item = second.items[0]
    assert (item.pixel_width, item.pixel_height) == (4800, 6000)
    assert item.image_url == "https://files.example.com/fog-bay.tif"
    assert third.extras == {"test_mode": "yes"} and third.recipient.phone is None


# A shop's own layout through a column mapping

SHOP_HEADERS = ["Order #", "Customer", "Street", "Town", "State", "Zip", "Country", "Item", "Qty"]


def test_a_mapped_file_groups_by_the_mapped_order_number():
    mapping = ColumnMapping(
        {
            "reference": "Order #",
            "full_name": "Customer",
            "address_1": "Street",
            "city": "Town",
            "state": "State",
            "zip": "Zip",
            "country": "Country",
            "source_sku": "Item",
            "quantity": "Qty",
        }
    )
    rows = [
        dict(zip(SHOP_HEADERS, values, strict=True))
        for values in (
            (
                "S-1",
                "Grace Hopper",
                "1 Navy Way",
                "Arlington",
                "Virginia",
                "22201",
                "USA",
                "P1",
                "1",
            ),
            ("S-1", "", "", "", "", "", "", "P2", "4"),
            ("S-2", "Alan Turing", "", "Wilmslow", "", "SK9 1AA", "England", "P1", "x"),
        )
    ]
    orders = orders_from(table(SHOP_HEADERS, *rows), Source.MAPPED, mapping)

    assert [o.reference for o in orders] == ["S-1", "S-2"]
    grace, alan = orders
    assert [(i.source_sku, i.quantity) for i in grace.items] == [("P1", 1), ("P2", 4)]
    assert (grace.recipient.state_code, grace.recipient.country_code) == ("VA", "us")
    assert grace.problems == {}
    assert alan.recipient.country_code == "gb"
    assert set(alan.problems) == {"row 4, column Street", "row 4, column Qty"}


def test_without_an_order_number_every_mapped_row_is_an_order():
    mapping = ColumnMapping(
        {
            "full_name": "Customer",
            "address_1": "Street",
            "zip": "Zip",
            "country": "Country",
            "product_sku": "Item",
            "quantity": "Qty",
        }
    )
    row = dict.fromkeys(SHOP_HEADERS, "1")
    row.update(Customer="Ada Lovelace", Country="us", Item="AP2210P48817")
    orders = orders_from(table(SHOP_HEADERS, row, row), Source.MAPPED, mapping)

    assert [o.reference for o in orders] == ["Row 2", "Row 3"]
    assert orders[0].items[0].product_sku == "AP2210P48817"
    assert orders[0].problems == {}


def test_reading_with_an_incomplete_mapping_is_refused():
    with pytest.raises(ValueError):
        orders_from(table(SHOP_HEADERS), Source.MAPPED, ColumnMapping({"quantity": "Qty"}))
    with pytest.raises(ValueError):
        orders_from(table(SHOP_HEADERS), Source.MAPPED)


# Values


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("24.50", Decimal("24.50")),
        ("$1,234.50", Decimal("1234.50")),
        ("USD 18", Decimal("18")),
        ("£1,180", Decimal("1180")),
        ("12,50 €", Decimal("12.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1.234.567", Decimal("1234567")),
        ("-5.00", Decimal("-5.00")),
        ("", None),
        ("free", None),
        ("1-2", None),
    ],
)
def test_amounts_are_read_as_exports_write_them(text, amount):
    assert parse_amount(text) == amount


def test_an_unreadable_price_is_a_problem_and_no_price():
    row = {**ETSY_ITEM_ROWS[1], "Price": "ask me"}
    order = orders_from(table(ETSY_ITEMS, row), Source.ETSY_ITEMS)[0]

    assert order.items[0].sale_price is None
    assert "“ask me”" in order.problems["row 2, column Price"]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ada Lovelace", ("Ada", "Lovelace")),
        ("  Marisol   de la  Cruz ", ("Marisol de la", "Cruz")),
        ("Cher", ("Cher", "")),
        ("", ("", "")),
    ],
)
def test_a_name_in_one_cell_is_split_at_its_last_word(name, parts):
    assert split_name(name) == parts
