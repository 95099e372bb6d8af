"""Building realistic orders from what the sandbox itself publishes."""

from __future__ import annotations

from dataclasses import replace

from fwdesk.api.client import FinerWorksClient
from fwdesk.api.orders import Address, Order, OrderItem, ProductImage

AUSTIN = Address(
    first_name="Marisol",
    last_name="Quintero",
    address_1="1208 Lantern Lane",
    address_2="Unit 4",
    city="Austin",
    state_code="TX",
    zip_postal_code="78701",
    country_code="us",
    phone="512-555-0137",
    email="marisol@example.net",
)
PORTLAND = replace(AUSTIN, city="Portland", state_code="OR", zip_postal_code="97205")
TORONTO = replace(
    AUSTIN,
    city="Toronto",
    state_code=None,
    province="ON",
    zip_postal_code="M5V 2T6",
    country_code="ca",
)
PRINT_FILE = ProductImage(
    pixel_width=4800,
    pixel_height=6000,
    product_url_file="https://files.example.net/heron.tif",
    product_url_thumbnail="https://files.example.net/heron-t.jpg",
)


def product_code(api: FinerWorksClient) -> str:
    """The first valid code the catalogue allows: type -> media -> style -> listed size."""
    types = api.list_product_types()
    media = {m.id: m for m in api.list_media_types()}
    styles = {s.id: s for s in api.list_style_types()}
    for product_type in types:
        for media_id in product_type.media_ids:
            for style_id in media[media_id].style_ids:
                for size in styles[style_id].available_sizes:
                    return f"{product_type.id}M{media_id}M{style_id}S{size.width:g}X{size.height:g}"
    raise AssertionError("the catalogue offers no product code")


def inventory_sku(api: FinerWorksClient) -> str:
    return api.list_virtual_inventory(per_page=1).items[0].sku


def order(
    po: str, sku: str, *, qty: int = 1, recipient: Address = AUSTIN, code: str = "SD"
) -> Order:
    image = None if sku.upper().startswith("AP") else PRINT_FILE
    return Order(
        order_po=po,
        recipient=recipient,
        order_items=[
            OrderItem(
                product_sku=sku, product_qty=qty, product_title="Heron at Dusk", product_image=image
            )
        ],
        shipping_code=code,
        gift_message="Happy housewarming!",
    )


def csv_row(ref: str, **values: str) -> str:
    """One line of an import sheet: a valid Austin order line unless `values` say otherwise."""
    from fwdesk.core.imports.layouts import FWDESK_COLUMNS as COLUMNS

    base = {
        "order_ref": ref,
        "first_name": "Ann",
        "last_name": "Lee",
        "address_1": "1 Main St",
        "city": "Austin",
        "state_code": "TX",
        "zip_postal_code": "78701",
        "country_code": "us",
        "shipping_code": "SD",
        "sku": "AP2210P48817",
        "quantity": "1",
    }
    base.update(values)
    return ",".join(base.get(column, "") for column in COLUMNS)
