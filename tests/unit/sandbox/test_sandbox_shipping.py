from decimal import Decimal
from itertools import pairwise

import pytest

from fwdesk.sandbox.catalog import Catalog, UnknownProduct
from fwdesk.sandbox.shipping import (
    SHIPPING_METHODS,
    preferred_option,
    quote_options,
    shipping_option_ids,
    transit_time,
)

AUSTIN = {"country_code": "us", "state_code": "TX", "zip_postal_code": "78701"}
PORTLAND = {"country_code": "us", "state_code": "OR", "zip_postal_code": "97205"}
NEW_YORK = {"country_code": "US", "state_code": "ny", "zip_postal_code": "10001"}
HONOLULU = {"country_code": "us", "state_code": "HI", "zip_postal_code": "96813"}
ANCHORAGE = {"country_code": "US", "state_code": "AK", "zip_postal_code": "99501"}
TORONTO = {"country_code": "ca", "state_code": None, "province": "ON", "zip_postal_code": "M5V 2T6"}
BERLIN = {"country_code": "DE", "state_code": "", "zip_postal_code": "10115"}
TOKYO = {"country_code": "jp", "zip_postal_code": "100-0001"}
RECIPIENTS = [AUSTIN, PORTLAND, NEW_YORK, HONOLULU, ANCHORAGE, TORONTO, BERLIN, TOKYO]
DOMESTIC = [AUSTIN, PORTLAND, NEW_YORK, HONOLULU, ANCHORAGE]
ABROAD = [TORONTO, BERLIN, TOKYO]
SERVICE_ORDER = ["EC", "SD", "EX", "ON"]
TOTAL_FIELDS = {
    "order_po",
    "order_subtotal",
    "order_shipping_rate",
    "order_discount",
    "order_sales_tax",
    "order_sales_tax_rate",
    "order_expedite_fee",
    "order_credits_used",
    "order_grand_total",
    "product_pricing",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def d(value: float) -> Decimal:
    """The exact decimal a JSON number was written as."""
    return Decimal(str(value))


def generated_orders(catalog: Catalog) -> list[list[tuple[str, int]]]:
    """Two hundred varied orders, the same every run: product codes from all over the
    catalogue, inventory SKUs, one to four lines, quantities from 1 to 12."""
    skus = list(catalog.iter_product_codes())[::7] + [i["sku"] for i in catalog.virtual_inventory()]
    return [
        [
            (skus[(n * 37 + line * 101) % len(skus)], 1 + (n + 3 * line) % 12)
            for line in range(1 + n % 4)
        ]
        for n in range(200)
    ]


def by_code(options: list[dict]) -> dict[str, dict]:
    return {option["shipping_code"]: option for option in options}


def test_totals_add_up_for_many_orders(catalog):
    for n, items in enumerate(generated_orders(catalog)):
        recipient = RECIPIENTS[n % len(RECIPIENTS)]
        po = f"GEN-{n}"
        options = quote_options(catalog, items, recipient, po)
        assert options
        for option in options:
            totals = option["calculated_total"]
            assert set(totals) == TOTAL_FIELDS
            assert totals["order_po"] == po
            assert d(totals["order_shipping_rate"]) == d(option["rate"])
            grand = (
                d(totals["order_subtotal"])
                + d(totals["order_shipping_rate"])
                + d(totals["order_sales_tax"])
                + d(totals["order_expedite_fee"])
                - d(totals["order_discount"])
            )
            assert d(totals["order_grand_total"]) == grand
            lines = totals["product_pricing"]
            assert d(totals["order_subtotal"]) == sum(d(line["total_price"]) for line in lines)
            assert [(line["product_sku"], line["product_qty"]) for line in lines] == items
            for line, (sku, qty) in zip(lines, items, strict=True):
                assert line["total_price"] == catalog.price(sku, qty)["total_price"]
                assert line["product_code"] == catalog.lookup(sku).product_code


def test_options_are_cheapest_first_and_services_rise_in_price(catalog):
    for n, items in enumerate(generated_orders(catalog)):
        options = quote_options(catalog, items, RECIPIENTS[n % len(RECIPIENTS)], "PO")
        rates = [d(option["rate"]) for option in options]
        assert rates == sorted(rates)
        codes = by_code(options)
        ranked = [d(codes[code]["rate"]) for code in SERVICE_ORDER if code in codes]
        assert all(a < b for a, b in pairwise(ranked))
        assert len({option["id"] for option in options}) == len(options)


@pytest.mark.parametrize("recipient", DOMESTIC)
def test_domestic_quotes_offer_every_service(catalog, recipient):
    options = quote_options(catalog, [("1M11M102S16X20", 1)], recipient, "PO")
    assert [option["shipping_code"] for option in options] == [*SERVICE_ORDER, "FS"]
    codes = by_code(options)
    assert codes["FS"]["rate"] == codes["ON"]["rate"]
    assert codes["SD"]["carrier"] == "UPS"


@pytest.mark.parametrize("recipient", ABROAD)
def test_international_quotes_have_no_overnight(catalog, recipient):
    options = quote_options(catalog, [("1M11M102S16X20", 1)], recipient, "PO")
    codes = by_code(options)
    assert set(codes) == {"EC", "SD", "EX", "FS"}
    assert codes["FS"]["rate"] == codes["EX"]["rate"]
    assert codes["FS"]["carrier"] == codes["EX"]["carrier"]


def test_option_fields(catalog):
    for option in quote_options(catalog, [("AP2210P48817", 2)], PORTLAND, "PO-7"):
        assert set(option) == {
            "id",
            "rate",
            "shipping_method",
            "shipping_code",
            "shipping_class_code",
            "carrier",
            "transit_time",
            "calculated_total",
        }
        assert isinstance(option["id"], int) and isinstance(option["rate"], float)
        assert option["shipping_method"] and option["shipping_class_code"] and option["carrier"]


def test_option_ids_are_stable_per_code_and_destination(catalog):
    small = by_code(quote_options(catalog, [("8M81M802S5X7", 1)], PORTLAND, "A"))
    large = by_code(quote_options(catalog, [("3M32M301S40X60", 3)], NEW_YORK, "B"))
    assert {code: option["id"] for code, option in small.items()} == {
        code: option["id"] for code, option in large.items()
    }
    abroad = by_code(quote_options(catalog, [("8M81M802S5X7", 1)], BERLIN, "C"))
    assert abroad["EC"]["id"] != small["EC"]["id"]


def test_the_method_table_covers_the_codes():
    assert set(SHIPPING_METHODS) == {"EC", "SD", "EX", "ON", "FS"}
    for method in SHIPPING_METHODS.values():
        assert method.days_min <= method.days_max
    assert SHIPPING_METHODS["EC"].days_max > SHIPPING_METHODS["ON"].days_max
    assert len({method.id for method in SHIPPING_METHODS.values()}) == len(SHIPPING_METHODS)


# -- what moves the rate ------------------------------------------------------------------


def sd_rate(catalog, items, recipient=PORTLAND) -> Decimal:
    return d(by_code(quote_options(catalog, items, recipient, "PO"))["SD"]["rate"])


def test_bigger_prints_cost_more_to_ship(catalog):
    sizes = ["8X10", "16X20", "24X30", "30X40"]
    rates = [sd_rate(catalog, [(f"1M11M101S{size}", 1)]) for size in sizes]
    assert rates == sorted(rates) and len(set(rates)) == len(rates)


def test_more_pieces_and_more_lines_cost_more_to_ship(catalog):
    one = sd_rate(catalog, [("1M11M101S16X20", 1)])
    assert sd_rate(catalog, [("1M11M101S16X20", 4)]) > one
    assert sd_rate(catalog, [("1M11M101S8X10", 1), ("1M11M101S8X10", 1)]) > sd_rate(
        catalog, [("1M11M101S8X10", 2)]
    )


def test_oversize_pieces_carry_a_surcharge(catalog):
    # 40 in is the limit: a 41 in side costs far more than the extra inch of area explains.
    at_limit = sd_rate(catalog, [("1M11M104S30X40", 1)])
    over = sd_rate(catalog, [("1M11M104S30X41", 1)])
    just_wider = sd_rate(catalog, [("1M11M104S31X40", 1)])
    assert over - at_limit > 10 * (just_wider - at_limit)


def test_farther_destinations_cost_more(catalog):
    items = [("2M21M203S16X20", 1)]
    mainland, hawaii = sd_rate(catalog, items, PORTLAND), sd_rate(catalog, items, HONOLULU)
    canada, germany = sd_rate(catalog, items, TORONTO), sd_rate(catalog, items, BERLIN)
    assert mainland < hawaii < canada < germany
    assert sd_rate(catalog, items, ANCHORAGE) == hawaii


def test_quotes_are_deterministic(catalog):
    items = [("AP2210P48817", 2), ("1M11M102S16X20", 3)]
    assert quote_options(catalog, items, AUSTIN, "X") == quote_options(catalog, items, AUSTIN, "X")


# -- sales tax ----------------------------------------------------------------------------


def test_texas_pays_sales_tax_on_goods_and_shipping(catalog):
    for option in quote_options(catalog, [("AP2210P48817", 2), ("1M11M101S8X10", 1)], AUSTIN, "T"):
        totals = option["calculated_total"]
        assert totals["order_sales_tax_rate"] == 8.25
        taxable = d(totals["order_subtotal"]) + d(totals["order_shipping_rate"])
        expected = (taxable * Decimal("0.0825")).quantize(Decimal("0.01"))
        assert d(totals["order_sales_tax"]) == expected > 0


@pytest.mark.parametrize("recipient", [PORTLAND, NEW_YORK, HONOLULU, TORONTO, BERLIN])
def test_elsewhere_pays_no_sales_tax(catalog, recipient):
    for option in quote_options(catalog, [("1M11M101S8X10", 1)], recipient, "T"):
        assert option["calculated_total"]["order_sales_tax"] == 0
        assert option["calculated_total"]["order_sales_tax_rate"] == 0


def test_lower_case_texas_is_still_texas(catalog):
    lower = {**AUSTIN, "state_code": "tx", "country_code": "US"}
    options = quote_options(catalog, [("1M11M101S8X10", 1)], lower, "T")
    assert all(o["calculated_total"]["order_sales_tax"] > 0 for o in options)


def test_unused_adjustments_are_present_and_zero(catalog):
    totals = quote_options(catalog, [("1M11M101S8X10", 1)], AUSTIN, "T")[0]["calculated_total"]
    for key in ("order_discount", "order_expedite_fee", "order_credits_used"):
        assert totals[key] == 0


def test_unknown_skus_are_refused(catalog):
    with pytest.raises(UnknownProduct, match="1M21M101S8X10"):
        quote_options(catalog, [("1M11M101S8X10", 1), ("1M21M101S8X10", 1)], AUSTIN, "T")


# -- transit times, preferences and the id list ------------------------------------------


def test_transit_time_reads_the_service_day_range():
    assert transit_time(SHIPPING_METHODS["EC"]) == "3-7 business days"
    assert transit_time(SHIPPING_METHODS["ON"]) == "1-2 business days"
    assert transit_time(SHIPPING_METHODS["EC"]._replace(days_min=1, days_max=1)) == (
        "1 business day"
    )


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_preferences_pick_the_cheapest_or_the_fastest(catalog, recipient):
    options = quote_options(catalog, [("1M11M102S16X20", 2)], recipient, "PO")
    cheapest = preferred_option(options, recipient, ["1", "4"])
    assert cheapest == options[0]
    fastest = preferred_option(options, recipient, ["2", "4", "1"])
    assert fastest["shipping_code"] == ("ON" if recipient in DOMESTIC else "EX")
    assert preferred_option(options, recipient, ["3"]) == cheapest


def test_every_quoted_id_is_in_the_id_list(catalog):
    listed = {(o["id"], o["shipping_code"]) for o in shipping_option_ids(None)}
    for recipient in RECIPIENTS:
        for option in quote_options(catalog, [("1M11M102S16X20", 1)], recipient, "PO"):
            assert (option["id"], option["shipping_code"]) in listed
    assert len(listed) == len({i for i, _ in listed})
