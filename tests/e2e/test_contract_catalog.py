"""The client against the sandbox: account and catalogue calls, success and failure."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sample_orders import inventory_sku, product_code
from sandboxes import DEMO

from fwdesk.api.errors import AuthError, BusinessError
from fwdesk.api.keys import Credentials


def test_credentials_identify_the_account(api):
    check = api.test_my_credentials()
    assert check.account is not None and check.account.account_username == "demo"
    assert check.account.billing_info is not None and check.account.billing_info.city
    assert check.app is not None and check.app.app_live_mode is True
    assert api.get_user().account_id == check.account.account_id


def test_second_account_is_a_different_account(sandbox):
    with sandbox.client(Credentials("shop2-web", "shop2-app")) as other, sandbox.client() as demo:
        assert other.get_user().account_id != demo.get_user().account_id


@pytest.mark.parametrize(
    "keys",
    [Credentials("demo", "wrong"), Credentials("nobody", "nothing"), Credentials("same", "same")],
)
def test_bad_keys_are_refused(sandbox, keys):
    with sandbox.client(keys) as api, pytest.raises(AuthError):
        api.test_my_credentials()


def test_keys_in_the_query_string_work_too(sandbox):
    with sandbox.client(DEMO, keys_in_query=True) as api:
        assert api.test_my_credentials().account.account_username == "demo"


def test_catalogue_lists_are_complete_and_consistent(api):
    types = api.list_product_types()
    media = api.list_media_types()
    styles = api.list_style_types()
    assert len(types) >= 8 and len(media) >= 25 and styles
    media_ids, style_ids = {m.id for m in media}, {s.id for s in styles}
    assert all(set(t.media_ids) <= media_ids for t in types)
    assert all(set(m.style_ids) <= style_ids for m in media)
    picked = [types[0].id, types[-1].id]
    assert [t.id for t in api.list_product_types(picked)] == picked


def test_framing_calls(api):
    collections = api.list_collections()
    assert len(collections) >= 4
    first = collections[0]
    assert [c.id for c in api.list_collections(first.id)] == [first.id]
    frame = first.frames[0]
    assert api.frame_details(frame.id).name == frame.name
    with pytest.raises(BusinessError, match="not found"):
        api.frame_details(999_999)
    mats, glazing = api.list_mats(), api.list_glazing()
    assert len(mats) >= 6 and len(glazing) >= 3
    assert [m.id for m in api.list_mats(mats[1].id)] == [mats[1].id]


def test_product_details_for_codes_and_skus(api):
    code, sku = product_code(api), inventory_sku(api)
    details = api.get_product_details([(code, 2), (sku, 1)])
    by_name = {d.sku or d.product_code: d for d in details}
    assert set(by_name) == {code, sku} and all(d.available for d in details)
    assert by_name[code].sku == "", "a product code comes back under product_list, sku null"
    assert by_name[sku].product_code and by_name[sku].name
    [unknown] = api.get_product_details([("9M9M9S1X1", 1)])
    assert not unknown.available, "an unknown SKU is an entry saying Not Available (9.5)"


def test_more_than_25_details_are_fetched_in_batches(api):
    skus = [p.sku for p in api.list_virtual_inventory(per_page=50).items][:30]
    assert len(skus) == 30
    assert [d.sku for d in api.get_product_details([(s, 1) for s in skus])] == skus


def test_prices_scale_with_quantity(api):
    code = product_code(api)
    one, five = api.get_prices([(code, 1), (code, 5)])
    assert one.total_price > 0
    assert five.total_price == one.product_price * 5
    assert one.product_code == code
    with pytest.raises(BusinessError):
        api.get_prices([("not-a-product", 1)])


def test_virtual_inventory_pages_and_filters(api):
    everything = list(
        api.iter_pages(lambda n: api.list_virtual_inventory(page_number=n, per_page=7))
    )
    assert len(everything) >= 40
    assert len({p.sku for p in everything}) == len(everything)
    wanted = [everything[3].sku, everything[9].sku]
    assert {p.sku for p in api.list_virtual_inventory(sku_filter=wanted).items} == set(wanted)
    assert all(p.per_item_price and p.per_item_price > Decimal(0) for p in everything)


def test_image_library_with_products(api):
    images = list(api.iter_pages(lambda n: api.list_images(page_number=n, per_page=10)))
    assert len(images) >= 20
    page = api.list_images(list_products=True, per_page=50)
    assert any(image.products for image in page.items)
    assert all(image.public_thumbnail_uri for image in images)


def test_status_definitions_keep_documented_ids(api):
    labels = {d.order_status_id: d.order_status_label for d in api.list_order_status_definitions()}
    assert labels[1] == "Waiting Customer Response"
    assert labels[2] == "Pending Payment"
    assert labels[3] == "Order Received"
    assert sorted(labels) == list(range(1, 52)), "the 51 ids of API.md 9.1"
    assert (labels[7], labels[12], labels[30], labels[35]) == (
        "Shipped",
        "Complete",
        "Customer Hold Request",
        "UPS/USPS Rejected Address",
    )
    assert sum(label == "Processing" for label in labels.values()) == 20
