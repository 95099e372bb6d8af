"""frame_builder's answer has no documented shape: the client reads the simulator's, takes a
price without a `valid` flag, and refuses a price it cannot read with a clear error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from scripted_api import ok

from fwdesk.api.catalog import FrameConfig
from fwdesk.api.errors import ResponseFormatError

CONFIG = FrameConfig(1101, Decimal(16), Decimal(20))


def test_a_price_without_a_valid_flag_counts(script, client):
    script.queue(ok(price_details={"total_price": 95.5, "add_frame_price": 54.3}))
    built = client.frame_builder(CONFIG, "1M11M101S16X20")
    assert built.price is not None and built.price.add_frame_price == Decimal("54.3")


def test_valid_false_means_no_price_whatever_came_with_it(script, client):
    script.queue(ok(valid=False, info="Too large.", price_details={"total_price": 1}))
    built = client.frame_builder(CONFIG)
    assert built.price is None and built.info == "Too large."


def test_an_unreadable_price_is_a_format_error_naming_the_call(script, client):
    script.queue(ok(valid=True, price_details="ninety dollars"))
    with pytest.raises(ResponseFormatError) as caught:
        client.frame_builder(CONFIG)
    assert caught.value.method == "frame_builder"
