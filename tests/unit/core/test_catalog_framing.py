"""Framing a catalogue print without Qt: which frames suit it, what frame_builder says it adds,
and the template a framed order item carries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sandboxes import inprocess_client

from fwdesk.api.catalog import Price
from fwdesk.core.catalog import download_catalog
from fwdesk.core.catalog_framing import (
    TITLE_MAX,
    Framing,
    fitting_frames,
    framed_rows,
    framing_cost,
    price_framing,
)

PICTURE_FRAME, FLOATER = 1, 2


@pytest.fixture(scope="module")
def snapshot():
    with inprocess_client() as api:
        return download_catalog(api, lambda _done, _total: None)


def product(snapshot, sku: str):
    return next(p for p in snapshot.products if p.sku == sku)


def frame(snapshot, frame_id: int):
    return next((c.name, f) for c in snapshot.collections for f in c.frames if f.id == frame_id)


def test_a_paper_print_is_offered_the_picture_frames_made_at_its_size(snapshot):
    small = fitting_frames(snapshot, product(snapshot, "1M11M101S16X20"))
    assert small and {f.frame_class for _c, f in small} == {PICTURE_FRAME}
    large = fitting_frames(snapshot, product(snapshot, "1M11M101S36X48"))
    assert {f.id for _c, f in large} < {f.id for _c, f in small}
    assert all(float(f.max_width) >= 36 and float(f.max_height) >= 48 for _c, f in large)


def test_a_gallery_wrap_gets_floaters_and_a_rolled_canvas_nothing(snapshot):
    wrap = next(p for p in snapshot.products if p.style_name == "Gallery Wrap 0.75 in")
    assert {f.frame_class for _c, f in fitting_frames(snapshot, wrap)} == {FLOATER}
    rolled = next(p for p in snapshot.products if p.style_name == "Rolled Canvas")
    assert fitting_frames(snapshot, rolled) == []


def test_the_template_carries_the_frame_builder_config(snapshot):
    print_ = product(snapshot, "1M11M101S16X20")
    name, maple = frame(snapshot, 1101)
    framing = Framing(maple, name, snapshot.mats[0], snapshot.glazing[0])
    assert framing.template(print_) == {
        "config": {
            "frame_id": 1101,
            "width": 16.0,
            "height": 20.0,
            "mats": [
                {
                    "id": snapshot.mats[0].id,
                    "windows": [{"width": 16.0, "height": 20.0, "window_x": 0.0, "window_y": 0.0}],
                }
            ],
            "glazing": {"id": snapshot.glazing[0].id},
            "units": 0,
        }
    }
    title = framing.item_title(print_)
    assert title.startswith("Framed: ") and len(title) <= TITLE_MAX


def test_frame_builder_prices_the_framing_and_refuses_what_cannot_be_built(snapshot):
    print_ = product(snapshot, "1M11M101S30X40")
    name, maple = frame(snapshot, 1101)
    with inprocess_client() as api:
        bare = price_framing(api, print_, Framing(maple, name))
        matted = price_framing(api, print_, Framing(maple, name, snapshot.mats[0]))
    assert bare.price is not None and bare.price.product_price == print_.price
    assert framing_cost(bare.price) == bare.price.add_frame_price > 0
    assert bare.price.total_price == print_.price + bare.price.add_frame_price
    assert matted.price is None and "34 x 44 in" in matted.info


def test_framed_rows_add_the_framing_once_per_piece():
    prints = [
        Price(product_qty=q, product_price=Decimal("10.00"), total_price=Decimal("10.00") * q)
        for q in (1, 5)
    ]
    framing = Price(add_frame_price=Decimal("30.00"), add_glazing_price=Decimal("4.50"))
    rows = framed_rows(prints, framing)
    assert [(r.quantity, r.unit, r.total) for r in rows] == [
        (1, Decimal("44.50"), Decimal("44.50")),
        (5, Decimal("44.50"), Decimal("222.50")),
    ]
