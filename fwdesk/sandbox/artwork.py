"""Stand-in pictures for the sandbox's asset URLs: deterministic PNGs from the standard library.

The app shows thumbnails, frame samples and icons from URLs the API hands out, so the sandbox
must answer those with real images or the screens that show them cannot be tried offline. Each
picture is a small landscape or colour-field painting whose palette and shapes follow from a
hash of its seed: one URL always shows the same picture, and neighbouring URLs differ.

Speed comes from never touching a pixel from Python. A row of one colour is one bytes
multiplication; a row of several colours is kept as a bytearray of palette indices and turned
into RGB by one ``translate`` and one strided slice assignment per channel, all in C.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
import random
import struct
import zlib
from collections.abc import Iterable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

RGB = tuple[int, int, int]

# Palette indices of a landscape row: sky, three hills from far to near, then what the sky may
# show instead of itself: two rings of halo, the sun or moon, a star.
SKY, HALO, GLOW, DISC, STAR = 0, 4, 5, 6, 7
HILLS = (1, 2, 3)


def _over_sky(index: int, *also: int) -> bytes:
    """An index map for `bytes.translate` that puts `index` where the row shows sky (or any of
    `also`) and leaves hills alone."""
    return bytes(index if old in (SKY, *also) else old for old in range(256))


_HALO_OVER_SKY = _over_sky(HALO)
_GLOW_OVER_SKY = _over_sky(GLOW, HALO)
_DISC_OVER_SKY = _over_sky(DISC, HALO, GLOW)
_STAR_OVER_SKY = _over_sky(STAR)


def render_png(seed: str, width: int, height: int) -> bytes:
    """A `width` x `height` RGB picture that depends on `seed` alone."""
    if width < 1 or height < 1:
        raise ValueError(f"a picture needs a positive size, not {width}x{height}")
    dice = random.Random(hashlib.sha256(seed.encode()).digest())
    painter = _colour_fields if dice.random() < 0.25 else _landscape
    return encode_png(width, height, painter(dice, width, height))


def fit(pix_w: int, pix_h: int, longest: int) -> tuple[int, int]:
    """The size of a `pix_w` x `pix_h` original scaled so its longer side is `longest`."""
    scale = longest / max(pix_w, pix_h, 1)
    return max(1, round(pix_w * scale)), max(1, round(pix_h * scale))


def encode_png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """8-bit RGB rows as a PNG; every scanline uses filter 0, so rows go in as they are."""
    raw = b"".join(b"\x00" + row for row in rows)
    if len(raw) != height * (1 + 3 * width):
        raise ValueError(f"the rows do not make a {width}x{height} RGB picture")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# -- colour ----------------------------------------------------------------------------------


def _hls(hue: float, lightness: float, saturation: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _paint(indices: bytearray, palette: list[RGB]) -> bytearray:
    """The RGB row for a row of palette indices."""
    row = bytearray(3 * len(indices))
    for channel in range(3):
        table = bytes(colour[channel] for colour in palette).ljust(256, b"\x00")
        row[channel::3] = indices.translate(table)
    return row


# -- landscape -------------------------------------------------------------------------------


def _sky_palette(dice: random.Random) -> tuple[RGB, RGB, RGB, bool]:
    """Zenith, horizon and sun (or moon) colours for a time of day, and whether it is night."""
    mood = dice.choice(("dawn", "day", "dusk", "night"))
    shift = dice.uniform(-0.04, 0.04)
    if mood == "day":
        top, low, disc = (0.58, 0.45, 0.6), (0.55, 0.85, 0.5), (0.14, 0.93, 0.9)
    elif mood == "dawn":
        top, low, disc = (0.62, 0.42, 0.45), (0.08, 0.78, 0.8), (0.13, 0.86, 1.0)
    elif mood == "dusk":
        top, low, disc = (0.72, 0.28, 0.45), (0.04, 0.62, 0.85), (0.06, 0.7, 1.0)
    else:
        top, low, disc = (0.64, 0.08, 0.5), (0.62, 0.24, 0.4), (0.15, 0.88, 0.25)
    return (
        _hls(top[0] + shift, *top[1:]),
        _hls(low[0] + shift, *low[1:]),
        _hls(*disc),
        mood == "night",
    )


def _ridge(dice: random.Random, width: int, height: int, layer: int) -> list[int]:
    """The top row of a hill at each column: two sine waves around a base line."""
    base = height * (0.5 + 0.13 * layer + dice.uniform(-0.04, 0.04))
    amplitude = height * (0.11 - 0.025 * layer)
    waves = [(dice.uniform(0.4, 1.4), dice.uniform(0, math.tau), 0.65)]
    waves.append((dice.uniform(2.0, 4.5), dice.uniform(0, math.tau), 0.35))
    tops = []
    for x in range(width):
        u = x / width
        lift = sum(weight * math.sin(math.tau * freq * u + phase) for freq, phase, weight in waves)
        tops.append(min(height, max(0, round(base - amplitude * lift))))
    return tops


def _spans(cx: float, cy: float, radius: float, width: int, height: int) -> dict[int, slice]:
    """The columns a disc covers, row by row."""
    spans = {}
    for y in range(max(0, math.floor(cy - radius)), min(height, math.ceil(cy + radius) + 1)):
        half = radius * radius - (y + 0.5 - cy) ** 2
        if half > 0:
            half = math.sqrt(half)
            left, right = max(0, round(cx - half)), min(width, round(cx + half))
            if left < right:
                spans[y] = slice(left, right)
    return spans


def _landscape(dice: random.Random, width: int, height: int) -> list[bytes]:
    """A sky graded to the horizon, a sun or moon with a halo, and three ridges that fade with
    distance; stars at night."""
    zenith, horizon, disc, night = _sky_palette(dice)
    land_hue = dice.choice((0.27, 0.33, 0.1, 0.6)) + dice.uniform(-0.03, 0.03)
    near = _hls(land_hue, 0.1 if night else dice.uniform(0.2, 0.3), dice.uniform(0.25, 0.5))
    hill_colours = [_mix(near, horizon, haze) for haze in (0.6, 0.32, 0.0)]
    ridges = [_ridge(dice, width, height, layer) for layer in range(3)]

    # Each ridge, as the columns it starts covering on each row; once covered, always covered.
    reached: list[list[tuple[int, int]]] = [[] for _ in range(height + 1)]
    for index, tops in zip(HILLS, ridges, strict=True):
        for x, top in enumerate(tops):
            reached[top].append((x, index))
    highest = [min(tops) for tops in ridges]

    short = min(width, height)
    cx, cy = width * dice.uniform(0.15, 0.85), height * dice.uniform(0.12, 0.35)
    radius = short * dice.uniform(0.05, 0.09)
    lights = [
        (_HALO_OVER_SKY, _spans(cx, cy, radius * 2.4, width, height)),
        (_GLOW_OVER_SKY, _spans(cx, cy, radius * 1.6, width, height)),
        (_DISC_OVER_SKY, _spans(cx, cy, radius, width, height)),
    ]
    stars: dict[int, list[int]] = {}
    if night:
        for _ in range(width * height // 700):
            y = int(height * dice.random() ** 1.6 * 0.6)
            stars.setdefault(y, []).append(dice.randrange(width))

    owner = bytearray(width)
    rows = []
    for y in range(height):
        for x, index in reached[y]:
            owner[x] = max(owner[x], index)
        sky = _mix(zenith, horizon, (y / height) ** 0.8)
        if y not in lights[0][1] and y not in stars and not any(owner):
            rows.append(bytes(sky) * width)
            continue
        visible = bytearray(owner)
        for over, spans in lights:
            if y in spans:
                part = spans[y]
                visible[part] = visible[part].translate(over)
        for x in stars.get(y, ()):
            visible[x : x + 1] = visible[x : x + 1].translate(_STAR_OVER_SKY)
        # Ridges darken a little towards their foot, which reads as light from above.
        shaded = [
            _mix(colour, (0, 0, 0), 0.35 * (y - top) / max(1, height - top))
            for colour, top in zip(hill_colours, highest, strict=True)
        ]
        halo, glow = _mix(sky, disc, 0.14), _mix(sky, disc, 0.32)
        palette = [sky, *shaded, halo, glow, disc, _mix(sky, (255, 255, 240), 0.7)]
        rows.append(bytes(_paint(visible, palette)))
    return rows


# -- colour fields -------------------------------------------------------------------------------


def _colour_fields(dice: random.Random, width: int, height: int) -> list[bytes]:
    """Two or three soft-edged rectangles stacked on a ground, after the colour-field painters."""
    hue = dice.random()
    ground = _hls(hue, dice.uniform(0.12, 0.3), dice.uniform(0.3, 0.6))
    count = dice.choice((2, 3))
    fields = [
        _hls(hue + dice.uniform(-0.12, 0.12) + 0.5 * (n % 2), dice.uniform(0.35, 0.7), 0.6)
        for n in range(count)
    ]
    margin_x, margin_y = round(width * 0.09), round(height * 0.07)
    gap = round(height * 0.04)
    inner = height - 2 * margin_y - gap * (count - 1)
    weights = [dice.uniform(0.6, 1.4) for _ in range(count)]
    bounds, top = [], margin_y
    for weight in weights:
        size = round(inner * weight / sum(weights))
        bounds.append((top, top + size))
        top += size + gap
    feather = max(1, min(width, height) // 40)
    middle = max(0, width - 2 * margin_x - 2 * feather)

    rows = []
    for y in range(height):
        colour, strength = ground, 0.0
        for (start, end), field in zip(bounds, fields, strict=True):
            if start - feather <= y < end + feather:
                edge = min(y - start + feather, end + feather - 1 - y) / (2 * feather)
                shade = _mix(field, (255, 255, 255), 0.12 * (1 - (y - start) / max(1, end - start)))
                colour, strength = shade, min(1.0, edge)
        line = bytearray(bytes(ground) * margin_x)
        for step in range(feather):
            line += bytes(_mix(ground, colour, strength * (step + 1) / (feather + 1)))
        line += bytes(_mix(ground, colour, strength)) * middle
        for step in reversed(range(feather)):
            line += bytes(_mix(ground, colour, strength * (step + 1) / (feather + 1)))
        line += bytes(ground) * (width - len(line) // 3)
        rows.append(bytes(line[: 3 * width]))
    return rows
