"""Tracking links for the carriers FinerWorks ships with."""

from __future__ import annotations

import pytest

from fwdesk.core.tracking import carrier_of, tracking_link
from fwdesk.sandbox.orders import tracking_number


@pytest.mark.parametrize(
    ("carrier", "number", "expected"),
    [
        ("UPS", "1Z999AA10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784"),
        (None, "1z999aa10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784"),
        (
            "USPS",
            "9400111899223344556677",
            "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556677",
        ),
        ("", "EA123456789US", "https://tools.usps.com/go/TrackConfirmAction?tLabels=EA123456789US"),
        ("FedEx", "123456789012", "https://www.fedex.com/fedextrack/?trknbr=123456789012"),
        (
            "DHL Express",
            "1234567890",
            "https://www.dhl.com/en/express/tracking.html?AWB=1234567890",
        ),
        ("UPS", "12 3456 7890", "https://www.dhl.com/en/express/tracking.html?AWB=1234567890"),
    ],
)
def test_links_follow_carrier_and_number(carrier, number, expected):
    assert tracking_link(carrier, number) == expected


def test_unknown_shapes_get_no_link():
    assert tracking_link("Courier", "ABC") is None
    assert carrier_of("FedEx", "not a number") is None


@pytest.mark.parametrize("carrier", ["UPS", "USPS", "FedEx"])
def test_the_sandbox_numbers_are_recognised(carrier):
    number = tracking_number(carrier, "5530001-0")
    assert carrier_of(carrier, number) == carrier
