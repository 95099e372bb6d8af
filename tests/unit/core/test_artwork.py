"""The print-file check: pixel sizes read from real file headers (built byte by byte here),
the arithmetic of a print's resolution and crop, and reading over a real loopback server
that honours Range, ignores it, refuses, sends a web page or never answers."""

from __future__ import annotations

import io
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from file_server import serving
from silent_server import silent_server

from fwdesk.core.artwork import MIN_PPI, Pixels, PrintSize, fit, print_size
from fwdesk.core.artwork_files import (
    BLOCK,
    DAMAGED,
    NOT_A_PICTURE,
    WEB_PAGE,
    pixel_size,
    read_local,
    read_url,
)
from fwdesk.core.jobs import JobCancelled

# -- real headers, byte by byte ------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    """A baseline JPEG header (SOF0 after JFIF, and an EXIF turn when asked)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b""
    if orientation is not None:
        tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
        tiff += struct.pack("<HHIHH", 274, 3, 1, orientation, 0) + struct.pack("<I", 0)
        payload = b"Exif\x00\x00" + tiff
        exif = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + exif + sof + b"\xff\xd9"


def tiff(width: int, height: int, *, directory_last: bool = False, data: int = 0) -> bytes:
    """A little-endian TIFF; with `directory_last` its directory follows `data` bytes of
    pixels, as libtiff writes it, so a reader must look at the end of the file."""
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (262, 3, 1, 1)]
    directory = struct.pack("<H", len(entries))
    directory += b"".join(struct.pack("<HHII", *entry) for entry in entries) + b"\x00" * 4
    pixels = b"\x7f" * data
    offset = 8 + len(pixels) if directory_last else 8
    body = pixels + directory if directory_last else directory + pixels
    return b"II*\x00" + struct.pack("<I", offset) + body


def webp(width: int, height: int) -> bytes:
    chunk = b"VP8X" + struct.pack("<I", 10) + b"\x00" * 4
    chunk += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(37, 21), (37, 21)),
        (jpeg(4800, 6000), (4800, 6000)),
        (tiff(3000, 2400), (3000, 2400)),
        (webp(1600, 900), (1600, 900)),
    ],
    ids=["png", "jpeg", "tiff", "webp"],
)
def test_the_pixel_size_comes_from_the_header(data, size):
    assert pixel_size(io.BytesIO(data)) == Pixels(*size)


def test_a_jpeg_turned_by_its_exif_has_the_size_it_is_shown_at():
    assert pixel_size(io.BytesIO(jpeg(6000, 4000, orientation=6))) == Pixels(4000, 6000)
    assert pixel_size(io.BytesIO(jpeg(6000, 4000, orientation=1))) == Pixels(6000, 4000)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", WEB_PAGE),
        (b"GIF89a\x10\x00\x10\x00\x00\x00\x00", NOT_A_PICTURE),
        (b"%PDF-1.7\n", NOT_A_PICTURE),
        (b"\xff\xd8\xff\xe0\x00", DAMAGED),
        (png(10, 10)[:20], DAMAGED),
    ],
    ids=["web page", "gif", "pdf", "cut jpeg", "cut png"],
)
def test_what_is_not_a_readable_picture_is_said_in_words(tmp_path, data, problem):
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    assert read_local(path).problem == problem
    assert read_local(path).pixels is None


def test_a_local_file_that_is_gone_is_named(tmp_path):
    reading = read_local(tmp_path / "heron.tif")
    assert reading.pixels is None and "heron.tif is not there" in reading.problem


def test_a_local_file_is_read(tmp_path):
    path = tmp_path / "heron.png"
    path.write_bytes(png(64, 80))
    assert read_local(path).pixels == Pixels(64, 80)


# -- the print's arithmetic ---------------------------------------------------------------


def test_a_product_code_names_its_print_size():
    assert print_size("1M11M102S16X20") == PrintSize(Decimal(16), Decimal(20))
    assert print_size(" 1m11m102s8.5x11 ") == PrintSize(Decimal("8.5"), Decimal(11))
    assert print_size("1M11M102S16X20").text == "16 × 20 in"
    assert print_size("1M11M102S8.5X11").text == "8.5 × 11 in"
    for not_a_code in ("AP2210P48817", "HERON-16X20", "1M11M102S0X20", ""):
        assert print_size(not_a_code) is None, not_a_code


def test_the_resolution_of_a_matching_picture():
    result = fit(Pixels(4800, 6000), PrintSize(Decimal(16), Decimal(20)))
    assert (result.ppi, result.turned, result.crop, result.low) == (300, False, None, False)
    assert result.resolution_text == "4800 × 6000 px · 300 ppi at 16 × 20 in"
    assert result.low_text == "" and result.crop_text == ""


def test_a_landscape_picture_turns_the_print_to_fit():
    result = fit(Pixels(6000, 4800), PrintSize(Decimal(16), Decimal(20)))
    assert (result.ppi, result.turned, result.crop) == (300, True, None)
    assert "turned" in result.resolution_text


def test_the_smaller_axis_sets_the_resolution_and_below_150_ppi_is_a_warning():
    result = fit(Pixels(1600, 3000), PrintSize(Decimal(16), Decimal(20)))
    assert result.ppi == 100 and result.low
    assert "100 ppi" in result.low_text and str(MIN_PPI) in result.low_text
    at_the_line = fit(Pixels(2400, 3000), PrintSize(Decimal(16), Decimal(20)))
    assert at_the_line.ppi == MIN_PPI and not at_the_line.low
    just_under = fit(Pixels(2399, 2999), PrintSize(Decimal(16), Decimal(20)))
    assert just_under.ppi == 149 and just_under.low


def test_a_wider_picture_loses_its_sides_in_a_centred_crop():
    # a 3:2 picture on a 16 × 20 print turned to 20 × 16: 6000 px high keeps 7500 of 9000 wide
    result = fit(Pixels(9000, 6000), PrintSize(Decimal(16), Decimal(20)))
    assert result.turned  # landscape picture, portrait print: the print turns to 20 × 16
    crop = result.crop
    assert (crop.left, crop.top, crop.width, crop.height) == (750, 0, 7500, 6000)
    assert crop.sides and crop.lost_percent == 17
    assert result.ppi == 375  # 6000 px over 16 in; 9000 px over 20 in would be 450
    assert "left and right edges" in result.crop_text and "17%" in result.crop_text


def test_a_taller_picture_loses_its_top_and_bottom():
    result = fit(Pixels(2000, 4000), PrintSize(Decimal(8), Decimal(10)))
    crop = result.crop
    assert (crop.left, crop.top, crop.width, crop.height) == (0, 750, 2000, 2500)
    assert not crop.sides and crop.lost_percent == 38
    assert result.ppi == 250 and "top and bottom edges" in result.crop_text


def test_a_shape_within_two_percent_is_not_cropped():
    assert fit(Pixels(4850, 6000), PrintSize(Decimal(16), Decimal(20))).crop is None
    assert fit(Pixels(4950, 6000), PrintSize(Decimal(16), Decimal(20))).crop is not None


def test_a_square_print_never_turns():
    result = fit(Pixels(3000, 2000), PrintSize(Decimal(12), Decimal(12)))
    assert not result.turned and result.ppi == 166 and result.crop.sides


# -- reading over loopback ----------------------------------------------------------------


BIG_TIFF = tiff(7200, 9000, directory_last=True, data=3_000_000)


def test_a_url_is_read_with_a_range_request():
    with serving({"heron.jpg": jpeg(4800, 6000) + b"\x00" * 500_000}) as server:
        reading = read_url(f"{server.url}/range/heron.jpg")
    assert reading.pixels == Pixels(4800, 6000) and reading.problem == ""
    assert server.ranges == [f"bytes=0-{BLOCK - 1}"]
    assert server.sent == [BLOCK], "only the first block was sent, not the whole file"


def test_a_tiff_with_its_directory_at_the_end_is_read_there_within_the_budget():
    with serving({"heron.tif": BIG_TIFF}) as server:
        reading = read_url(f"{server.url}/range/heron.tif")
    assert reading.pixels == Pixels(7200, 9000)
    assert len(server.ranges) == 2 and sum(server.sent) <= 2 * BLOCK


def test_a_server_that_ignores_range_is_read_from_its_start_up_to_the_budget():
    with serving({"small.png": png(300, 200), "heron.tif": BIG_TIFF}) as server:
        small = read_url(f"{server.url}/whole/small.png")
        deep = read_url(f"{server.url}/whole/heron.tif", limit=200_000)
    assert small.pixels == Pixels(300, 200)
    assert deep.pixels is None and "without finding its size" in deep.problem


def test_redirects_are_followed():
    with serving({"heron.png": png(40, 50)}) as server:
        assert read_url(f"{server.url}/moved/heron.png").pixels == Pixels(40, 50)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/range/missing.tif", "no file at this address"),
        ("/forbidden/heron.tif", "does not let fwdesk download"),
        ("/page/heron.tif", "web page"),
    ],
)
def test_a_refusal_or_a_web_page_is_said_in_words(path, words):
    with serving({}) as server:
        reading = read_url(server.url + path)
    assert reading.pixels is None and words in reading.problem


@pytest.mark.parametrize("url", ["ftp://files.example.net/heron.tif", "heron.tif", "", "https://"])
def test_only_full_web_addresses_are_fetched(url):
    assert "starting with https://" in read_url(url).problem


def test_a_server_that_cannot_be_reached_is_named():
    with serving({}) as server:
        url = f"{server.url}/range/heron.tif"
    reading = read_url(url)  # the server is closed now
    assert reading.pixels is None and "Could not reach 127.0.0.1" in reading.problem


def test_a_silent_server_runs_into_the_deadline():
    with silent_server() as (base, accepted):
        reading = read_url(base + "heron.tif", deadline_s=0.3)
    assert accepted, "the request reached the server"
    assert reading.pixels is None and "within 0.3 seconds" in reading.problem


def test_a_cancelled_check_stops_waiting_at_once():
    asked = []

    def check() -> None:
        asked.append(True)
        if len(asked) > 2:
            raise JobCancelled

    with silent_server() as (base, _accepted), pytest.raises(JobCancelled):
        read_url(base + "heron.tif", check, deadline_s=60)
    assert len(asked) == 3


def test_local_and_remote_agree(tmp_path):
    data = tiff(1234, 987)
    path = Path(tmp_path / "same.tif")
    path.write_bytes(data)
    with serving({"same.tif": data}) as server:
        assert read_url(f"{server.url}/range/same.tif").pixels == read_local(path).pixels
