"""The sandbox's stand-in pictures: valid PNGs, stable per seed, served without keys or faults."""

from __future__ import annotations

import json
import struct
import zlib

import httpx
import pytest

from fwdesk.sandbox.artwork import PNG_SIGNATURE, fit, render_png
from fwdesk.sandbox.catalog import ASSETS
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.protocol import Fault, SandboxRequest
from fwdesk.sandbox.server import SandboxHTTPServer

KEYS = {"web_api_key": "demo", "app_key": "demo"}
# Enough seeds that both painters (landscape and colour fields) are exercised.
SEEDS = [f"seed-{n}" for n in range(8)]


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG, each checked against its CRC."""
    assert png[:8] == PNG_SIGNATURE
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found.append((kind, data))
        at += 12 + length
    assert at == len(png)
    return found


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of a PNG whose scanlines all use filter 0."""
    parts = chunks(png)
    assert parts[0][0] == b"IHDR" and parts[-1] == (b"IEND", b"")
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", parts[0][1]
    )
    assert (depth, colour, compression, filtering, interlace) == (8, 2, 0, 0, 0)
    raw = zlib.decompress(b"".join(data for kind, data in parts if kind == b"IDAT"))
    stride = 1 + 3 * width
    assert len(raw) == height * stride
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert {row[0] for row in rows} == {0}
    return width, height, [row[1:] for row in rows]


def colours(rows: list[bytes]) -> set[bytes]:
    return {row[x : x + 3] for row in rows for x in range(0, len(row), 3)}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("width", "height"), [(320, 240), (213, 320), (37, 5), (1, 1)])
def test_render_is_a_well_formed_rgb_png_of_the_asked_size(seed, width, height):
    assert decode(render_png(seed, width, height))[:2] == (width, height)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_thumbnail_is_a_picture_not_a_flat_fill(seed):
    _, _, rows = decode(render_png(seed, 320, 240))
    assert len(colours(rows)) >= 8
    assert len(set(rows)) >= 3


def test_the_same_seed_gives_the_same_bytes_and_other_seeds_differ():
    assert render_png("heron", 320, 240) == render_png("heron", 320, 240)
    pictures = {tuple(decode(render_png(seed, 96, 72))[2]) for seed in SEEDS}
    assert len(pictures) == len(SEEDS)


def test_a_size_without_pixels_is_refused():
    with pytest.raises(ValueError):
        render_png("x", 0, 10)


def test_fit_keeps_the_aspect_ratio_with_the_longer_side_given():
    assert fit(9000, 6000, 320) == (320, 213)
    assert fit(6000, 7500, 1024) == (819, 1024)
    assert fit(7200, 7200, 320) == (320, 320)


# -- served by the core ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def core() -> Sandbox:
    return Sandbox(SandboxConfig())


def get(core: Sandbox, path: str, headers: dict[str, str] | None = None, verb: str = "GET"):
    return core.handle(SandboxRequest(verb, path, dict(headers or {})))


def catalogue_urls(core: Sandbox) -> list[str]:
    """One URL of every asset shape the catalogue hands out."""
    collection, frame = core.catalog.collections[0], core.catalog.collections[0]["frames"][0]
    mat, glazing = core.catalog.mats[0], core.catalog.glazing[0]
    return [
        core.catalog.product_types[0]["icon_url"],
        core.catalog.media_types[0]["icon_url"],
        core.catalog.style_types[0]["icon_url"],
        collection["icon_url_2"],
        frame["profile_svg_url"],
        frame["sample_image_url_3"],
        frame["composite"],
        frame["segment_url"],
        mat["composite"],
        glazing["composite"],
        glazing["image_1"],
    ]


def test_every_kind_of_catalogue_asset_is_a_png_served_without_keys(core):
    urls = catalogue_urls(core)
    assert all(url.startswith(ASSETS + "/") for url in urls)
    for url in urls:
        answer = get(core, url)
        assert answer.status == 200, url
        assert answer.headers["Content-Type"] == "image/png"
        assert answer.headers["Cache-Control"] == "max-age=86400"
        decode(answer.body)


def test_library_images_keep_their_aspect_ratio_at_thumbnail_and_preview_size(core):
    image = next(i for i in core.catalog.images if i["pix_w"] != i["pix_h"])
    thumb = decode(get(core, image["public_thumbnail_uri"]).body)
    preview = decode(get(core, image["public_preview_uri"]).body)
    hires = decode(get(core, image["private_hires_uri"]).body)
    assert thumb[:2] == fit(image["pix_w"], image["pix_h"], 320)
    assert preview[:2] == hires[:2] == fit(image["pix_w"], image["pix_h"], 1024)
    assert max(thumb[:2]) == 320 and max(preview[:2]) == 1024


def test_different_images_get_different_thumbnails(core):
    bodies = {get(core, image["public_thumbnail_uri"]).body for image in core.catalog.images}
    assert len(bodies) == len(core.catalog.images)


@pytest.mark.parametrize(
    "path",
    [
        f"{ASSETS}/images/00000000-0000-0000-0000-000000000000/thumb.png",
        f"{ASSETS}/frames/999999/composite.png",
        f"{ASSETS}/icons/product_types/999999.png",
        f"{ASSETS}/nothing-here.png",
        f"{ASSETS}/",
    ],
)
def test_unknown_assets_are_404_with_a_message(core, path):
    answer = get(core, path)
    assert answer.status == 404
    assert "Message" in json.loads(answer.body)


def test_a_known_image_under_another_file_name_is_404(core):
    thumb = core.catalog.images[0]["public_thumbnail_uri"]
    assert get(core, thumb).status == 200
    assert get(core, thumb.replace("thumb.png", "other.png")).status == 404


def test_assets_are_read_only(core):
    answer = get(core, core.catalog.images[0]["public_thumbnail_uri"], verb="POST")
    assert answer.status == 405


def clean(answer) -> bool:
    """A 200 that arrives whole, on time, with a body that parses."""
    try:
        json.loads(answer.body)
    except ValueError:
        return False
    return answer.status == 200 and answer.fault is Fault.NONE and answer.delay_s == 0


def test_assets_are_never_faulted_or_delayed():
    faulty = Sandbox(SandboxConfig(fail_rate=1.0, latency_ms=400, seed=3))
    api = SandboxRequest("GET", "/v3/list_order_status_definitions", dict(KEYS))
    assert not any(clean(faulty.handle(api)) for _ in range(10))
    thumb = faulty.catalog.images[0]["public_thumbnail_uri"]
    for _ in range(30):
        answer = get(faulty, thumb)
        assert (answer.status, answer.fault, answer.delay_s) == (200, Fault.NONE, 0.0)
        decode(answer.body)


def test_the_http_server_carries_the_png_bytes_intact(core):
    thumb = core.catalog.images[0]["public_thumbnail_uri"]
    with SandboxHTTPServer(core.handle) as server:
        origin = server.url.removesuffix("/v3/")
        response = httpx.get(origin + thumb, timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == get(core, thumb).body
