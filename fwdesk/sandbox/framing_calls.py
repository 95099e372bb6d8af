"""frame_builder: whether a print can be framed as asked, and what the framing adds to its price.

API.md documents only the request (2.4, frame_config); the answer's shape and the prices are
the simulator's guesses, listed in `fwdesk.sandbox.decisions` under "frame_builder". A config
that cannot be built is an answer (``valid`` false, ``info`` saying why), not an error, since
validating a configuration is what the call is for; only a malformed body is HTTP 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.catalog import (
    CODE_PATTERN,
    Product,
    Record,
    UnknownProduct,
    json_money,
    json_number,
    to_cents,
)
from fwdesk.sandbox.envelope import Call, Invalid
from fwdesk.sandbox.validation import Checker, Errors

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

MAT_BORDERS = (Decimal(2), Decimal("0.25"))
"""How far the first and the second mat widen the opening on every side, in inches: a common
mat border, then the thin reveal of a double mat."""
UNITED_INCHES_AT_START = Decimal(24)
"""A frame's or mat's starting price covers width plus height up to this; beyond, the price
grows with it, as framers price mouldings by the united inch."""
AREA_AT_START = Decimal(200)
"""Glazing's starting price covers this many square inches; beyond, it grows with the area."""


class Unbuildable(Exception):
    """A configuration FinerWorks would not build; the message says why, for ``info``."""


@dataclass(frozen=True)
class _Build:
    frame: Record
    mats: list[Record]
    glazing: Record | None
    width: Decimal
    height: Decimal
    """The print's size, before any mat."""


def frame_builder(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    errors = _field_errors(body)
    if errors:
        raise Invalid(errors)
    code = body.get("product_code")
    config = body.get("config") or {}
    try:
        product = store.inventory.lookup(call.account.key, code) if code else None
        build = _build(store, config, product)
    except (Unbuildable, UnknownProduct) as problem:
        return {"valid": False, "info": str(problem), "price_details": None, "render": None}
    return {
        "valid": True,
        "info": "",
        "config": _config_echo(build),
        "framed_size": _framed_size(build),
        "price_details": _price(build, product),
        "render": None,
    }


def _field_errors(body: dict[str, Any]) -> Errors:
    checker = Checker()
    code, config = body.get("product_code"), body.get("config")
    if code is not None and not isinstance(code, str):
        checker.add("product_code", "The value is not valid for product_code.")
    if config is None:
        return checker.errors
    if not isinstance(config, dict):
        checker.add("config", "An object is expected.")
        return checker.errors
    for name in ("width", "height"):
        value = config.get(name)
        if value is not None and (not _is_number(value) or value <= 0):
            checker.add(f"config.{name}", f"The value is not valid for {name}.")
    if config.get("units") not in (None, 0):
        checker.add("config.units", "Only units 0 (inches) are supported.")
    _check_ids(checker, config.get("frame_id"), "config.frame_id", "frame_id")
    mats = config.get("mats")
    if mats is not None and not isinstance(mats, list):
        checker.add("config.mats", "The value is not valid for mats.")
    for i, mat in enumerate(mats if isinstance(mats, list) else []):
        if not isinstance(mat, dict):
            checker.add(f"config.mats[{i}]", "An object is expected.")
        else:
            _check_ids(checker, mat.get("id"), f"config.mats[{i}].id", "id")
    glazing = config.get("glazing")
    if glazing is not None and not isinstance(glazing, dict):
        checker.add("config.glazing", "An object is expected.")
    elif glazing is not None:
        _check_ids(checker, glazing.get("id"), "config.glazing.id", "id")
    return checker.errors


def _check_ids(checker: Checker, value: object, path: str, name: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        checker.add(path, f"The value is not valid for {name}.")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _build(store: Store, config: dict[str, Any], product: Product | None) -> _Build:
    """The configuration checked against the catalogue's rules; raises `Unbuildable`."""
    frame_id = config.get("frame_id")
    if frame_id is None:
        raise Unbuildable("No frame was chosen (config.frame_id).")
    frame = store.catalog.frame(frame_id)
    if frame is None:
        raise Unbuildable(f"Frame {frame_id} was not found.")
    style = _style(store, product)
    if product is not None:
        width, height = product.width, product.height
    elif config.get("width") and config.get("height"):
        width, height = Decimal(str(config["width"])), Decimal(str(config["height"]))
    else:
        raise Unbuildable("The print's size is needed: a product_code, or width and height.")
    if style is not None and (
        not style["can_frame"] or frame["type"] not in style["frame_class_ids"]
    ):
        raise Unbuildable(f"{frame['name']} does not suit {style['name']} prints.")
    mats = [_mat(store, layer, frame, style) for layer in config.get("mats") or []]
    if len(mats) > len(MAT_BORDERS):
        raise Unbuildable(f"At most {len(MAT_BORDERS)} mats can be used.")
    glazing = _glazing(store, config.get("glazing"), frame, style)
    build = _Build(frame, mats, glazing, width, height)
    _check_fit(build)
    return build


def _style(store: Store, product: Product | None) -> Record | None:
    if product is None:
        return None
    match = CODE_PATTERN.match(product.product_code)
    style_id = int(match[3]) if match else None
    return next((s for s in store.catalog.style_types if s["id"] == style_id), None)


def _mat(store: Store, layer: dict[str, Any], frame: Record, style: Record | None) -> Record:
    mat = next((m for m in store.catalog.mats if m["id"] == layer.get("id")), None)
    if mat is None:
        raise Unbuildable(f"Mat {layer.get('id')} was not found.")
    if not frame["allow_matting"] or (style is not None and not style["can_mat"]):
        raise Unbuildable(f"{frame['name']} cannot take a mat on this print.")
    return mat


def _glazing(
    store: Store, chosen: dict[str, Any] | None, frame: Record, style: Record | None
) -> Record | None:
    if chosen is None:
        return None
    glazing = next((g for g in store.catalog.glazing if g["id"] == chosen.get("id")), None)
    if glazing is None:
        raise Unbuildable(f"Glazing {chosen.get('id')} was not found.")
    if not frame["allow_glazing"] or (style is not None and not style["can_glaze"]):
        raise Unbuildable(f"{frame['name']} cannot take glazing on this print.")
    return glazing


def _opening(build: _Build) -> tuple[Decimal, Decimal]:
    """The size the frame holds: the print widened by each mat's border."""
    extra = 2 * sum(MAT_BORDERS[: len(build.mats)], Decimal(0))
    return build.width + extra, build.height + extra


def _check_fit(build: _Build) -> None:
    width, height = _opening(build)
    for part, kind in ((build.frame, "frame"), *((mat, "mat") for mat in build.mats)):
        low = (Decimal(str(part["min_width"])), Decimal(str(part["min_height"])))
        high = (Decimal(str(part["max_width"])), Decimal(str(part["max_height"])))
        if not any(
            low[0] <= w <= high[0] and low[1] <= h <= high[1]
            for w, h in ((width, height), (height, width))
        ):
            raise Unbuildable(
                f"The {kind} {part['name']} is made from {part['min_width']} x "
                f"{part['min_height']} to {part['max_width']} x {part['max_height']} in; "
                f"{'with its mats, ' if build.mats else ''}this print needs "
                f"{json_number(width)} x {json_number(height)} in."
            )


def _grown(start: float, amount: Decimal, covered: Decimal) -> Decimal:
    return to_cents(Decimal(str(start)) * max(Decimal(1), amount / covered))


def _price(build: _Build, product: Product | None) -> Record:
    """The API ``price`` model for one framed print; without a product code, the print costs
    nothing here and only the framing is priced."""
    width, height = _opening(build)
    united = width + height
    print_price = product.unit_price if product is not None else Decimal(0)
    frame_price = _grown(build.frame["starting_price"], united, UNITED_INCHES_AT_START)
    mat_prices = [_grown(m["starting_price"], united, UNITED_INCHES_AT_START) for m in build.mats]
    mat_prices += [Decimal(0)] * (len(MAT_BORDERS) - len(mat_prices))
    glazing_price = (
        _grown(build.glazing["starting_price"], width * height, AREA_AT_START)
        if build.glazing is not None
        else Decimal(0)
    )
    total = print_price + frame_price + sum(mat_prices, Decimal(0)) + glazing_price
    return {
        "product_qty": 1,
        "product_sku": product.sku if product is not None else "",
        "product_code": product.product_code if product is not None else "",
        "product_price": json_money(print_price),
        "add_frame_price": json_money(frame_price),
        "add_mat_1_price": json_money(mat_prices[0]),
        "add_mat_2_price": json_money(mat_prices[1]),
        "add_glazing_price": json_money(glazing_price),
        "add_color_correct_price": 0.0,
        "total_price": json_money(total),
        "geo_price": json_money(total),
        "info": "",
    }


def _framed_size(build: _Build) -> dict[str, int | float]:
    """Outside dimensions: the opening plus the moulding on both sides."""
    width, height = _opening(build)
    moulding = 2 * Decimal(str(build.frame["thickness"]))
    return {"width": json_number(width + moulding), "height": json_number(height + moulding)}


def _config_echo(build: _Build) -> dict[str, Any]:
    """The configuration as built: the print's size, the frame, mats and glazing it uses."""
    return {
        "frame_id": build.frame["id"],
        "width": json_number(build.width),
        "height": json_number(build.height),
        "mats": [{"id": mat["id"]} for mat in build.mats],
        "glazing": {"id": build.glazing["id"]} if build.glazing is not None else None,
        "units": 0,
    }
