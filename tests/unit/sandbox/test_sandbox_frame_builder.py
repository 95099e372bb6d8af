"""frame_builder in the simulator: a buildable config is priced, one that cannot be built is
answered valid false with the reason, a malformed one is HTTP 400, and an order item carrying
the config in its template is placed as framed."""

from __future__ import annotations

import pytest
from sandbox_wire import KEYS, Wire, order

from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import DECISIONS, Sandbox

PAPER_16X20 = "1M11M101S16X20"
MAPLE, FLOATER, WHITE_MAT, CLEAR_ACRYLIC = 1101, 1401, 2101, 3101
ROLLED_CANVAS = "2M21M201S16X20"


@pytest.fixture
def wire() -> Wire:
    return Wire(Sandbox(SandboxConfig()))


def build(wire: Wire, code: str | None = PAPER_16X20, **config) -> dict:
    body = {"config": {"frame_id": MAPLE, **config}}
    if code is not None:
        body["product_code"] = code
    return wire.ok("frame_builder", body)


def test_a_buildable_frame_is_priced_on_top_of_the_print(wire):
    [print_price] = wire.ok(
        "get_prices", {"products": [{"product_sku": PAPER_16X20, "product_qty": 1}]}
    )["prices"]
    answer = build(wire, mats=[{"id": WHITE_MAT, "windows": []}], glazing={"id": CLEAR_ACRYLIC})
    price = answer["price_details"]
    assert answer["valid"] is True and answer["info"] == ""
    assert price["product_price"] == print_price["product_price"]
    parts = [price[k] for k in ("add_frame_price", "add_mat_1_price", "add_glazing_price")]
    assert all(part > 0 for part in parts) and price["add_mat_2_price"] == 0
    assert price["total_price"] == pytest.approx(price["product_price"] + sum(parts))
    assert answer["config"] == {
        "frame_id": MAPLE,
        "width": 16,
        "height": 20,
        "mats": [{"id": WHITE_MAT}],
        "glazing": {"id": CLEAR_ACRYLIC},
        "units": 0,
    }
    bare = build(wire)["price_details"]
    assert bare["add_frame_price"] < price["add_frame_price"], "a mat makes the frame larger"
    assert answer["framed_size"]["width"] > 16 + 2 * 2


def test_without_a_product_code_the_config_size_is_framed(wire):
    price = build(wire, None, width=8, height=10)["price_details"]
    assert price["product_price"] == 0 and price["add_frame_price"] > 0


@pytest.mark.parametrize(
    ("code", "config", "reason"),
    [
        (PAPER_16X20, {"frame_id": 9999}, "Frame 9999 was not found."),
        (PAPER_16X20, {"frame_id": FLOATER}, "does not suit Borderless prints"),
        (ROLLED_CANVAS, {"frame_id": MAPLE}, "does not suit Rolled Canvas prints"),
        ("1M11M101S36X48", {"frame_id": MAPLE}, "this print needs 36 x 48 in"),
        (
            "1M11M101S30X40",
            {"frame_id": MAPLE, "mats": [{"id": WHITE_MAT}]},
            "this print needs 34 x 44 in",
        ),
        (PAPER_16X20, {"frame_id": MAPLE, "mats": [{"id": 1}]}, "Mat 1 was not found."),
        (PAPER_16X20, {"frame_id": MAPLE, "glazing": {"id": 1}}, "Glazing 1 was not found."),
        ("9M9M9S1X1", {"frame_id": MAPLE}, "Unknown product '9M9M9S1X1'"),
        (None, {"frame_id": MAPLE}, "The print's size is needed"),
    ],
)
def test_what_cannot_be_built_is_answered_with_the_reason(wire, code, config, reason):
    body = {"config": config} if code is None else {"product_code": code, "config": config}
    answer = wire.ok("frame_builder", body)
    assert answer["valid"] is False and answer["price_details"] is None
    assert reason in answer["info"]


def test_an_empty_request_is_an_answer_too(wire):
    answer = wire.ok("frame_builder", {})
    assert answer["valid"] is False and "No frame was chosen" in answer["info"]


def test_wrong_field_types_are_field_errors(wire):
    state = wire.model_state(
        "frame_builder",
        {
            "product_code": 5,
            "config": {"frame_id": "x", "width": -1, "units": 2, "mats": [{"id": True}]},
        },
    )
    assert set(state) == {
        "request.product_code",
        "request.config.frame_id",
        "request.config.width",
        "request.config.units",
        "request.config.mats[0].id",
    }


def test_an_item_with_the_config_in_its_template_is_placed_framed(wire):
    config = build(wire)["config"]
    framed = order("FRAMED-1", PAPER_16X20)
    framed["order_items"][0].update(
        template={"config": config},
        product_image={"pixel_width": 4800, "pixel_height": 6000},
    )
    wire.submit(framed, payment_token="xxxx")
    placed = {o.order_po: o for o in wire.sandbox.book.of_account(account_key(wire))}
    assert placed["FRAMED-1"].framed


def account_key(wire: Wire) -> str:
    return wire.sandbox.store.accounts.get((KEYS["web_api_key"], KEYS["app_key"])).key


def test_every_frame_builder_guess_is_written_down():
    guesses = " ".join(v for k, v in DECISIONS.items() if k.startswith("frame_builder"))
    for fact in ("valid", "price_details", "render", "overrides config", "2 in", "united"):
        assert fact in guesses
