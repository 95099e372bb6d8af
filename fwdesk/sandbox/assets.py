"""The pictures behind the catalogue's asset URLs, standing in for FinerWorks' public CDN.

They need no keys and are never faulted or delayed; whatever a URL's suffix says, the answer
is a PNG drawn by `fwdesk.sandbox.artwork`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from fwdesk.sandbox import artwork
from fwdesk.sandbox.catalog import ASSETS, Catalog
from fwdesk.sandbox.envelope import answer
from fwdesk.sandbox.protocol import SandboxRequest, SandboxResponse

THUMB_SIDE = 320
PREVIEW_SIDE = 1024
ICON_SIDE = 128
OTHER_ASSET_SIZE = (320, 240)
ASSET_HEADERS = {"Content-Type": "image/png", "Cache-Control": "max-age=86400"}

_rendered = functools.lru_cache(maxsize=64)(artwork.render_png)
"""Rendering is pure, and a screen of thumbnails asks for the same few pictures again and again."""


class AssetServer:
    def __init__(self, catalog: Catalog) -> None:
        self._index = _asset_index(catalog)

    def serve(self, request: SandboxRequest) -> SandboxResponse:
        if request.method != "GET":
            return answer(
                405, {"Message": f"The requested resource does not support {request.method}."}
            )
        picture = self._index.get(request.path)
        if picture is None:
            return answer(404, {"Message": f"No asset matches {request.path}."})
        return SandboxResponse(200, _rendered(*picture), dict(ASSET_HEADERS))


def is_asset(path: str) -> bool:
    return path.startswith(ASSETS + "/")


def _asset_index(catalog: Catalog) -> dict[str, tuple[str, int, int]]:
    """Seed, width and height of the picture behind each asset URL the catalogue hands out;
    any other path under the asset prefix is unknown, as it would be on the CDN.

    A library image seeds its thumbnail, preview and hi-res file alike, so all three show one
    picture, sized to the original's aspect ratio.
    """
    index: dict[str, tuple[str, int, int]] = {}
    listed = (
        catalog.product_types,
        catalog.media_types,
        catalog.style_types,
        catalog.collections,
        catalog.mats,
        catalog.glazing,
    )
    for url in _asset_urls(listed):
        square = url.startswith(f"{ASSETS}/icons/") or url.rsplit("/", 1)[-1].startswith("icon")
        index[url] = (url, *((ICON_SIDE, ICON_SIDE) if square else OTHER_ASSET_SIZE))
    for image in catalog.images:
        for key, side in (
            ("public_thumbnail_uri", THUMB_SIDE),
            ("public_preview_uri", PREVIEW_SIDE),
            ("private_hires_uri", PREVIEW_SIDE),
        ):
            index[image[key]] = (image["guid"], *artwork.fit(image["pix_w"], image["pix_h"], side))
    return index


def _asset_urls(value: Any) -> Iterator[str]:
    """Every asset URL inside `value`, however deep (frames sit inside their collections)."""
    if isinstance(value, str):
        if is_asset(value):
            yield value
    elif isinstance(value, dict):
        yield from _asset_urls(list(value.values()))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _asset_urls(item)
