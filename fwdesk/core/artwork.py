"""Whether a picture makes a good print at the size a product code names.

FinerWorks prints a product code's file at the code's size (``1M11M102S16X20`` is 16 × 20
inches) and needs its pixel size to do so (API.md, product_image_file). It fills the print,
turning the picture if that fits it better, so a picture of another shape loses its edges:
the resolution that matters is the smaller of the two axes, and the part that is printed is
the centred rectangle of the print's shape. Reading the pixel size from a file is
`artwork_files`; this module is only the arithmetic, so it can be checked by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fwdesk.core.catalog import inches

MIN_PPI = 150
"""Below this many pixels per inch a print looks soft at arm's length."""
ASPECT_TOLERANCE = Decimal("0.02")
"""A shape this close to the print's is stretched invisibly rather than cropped."""
_PRODUCT_CODE = re.compile(r"^\d+M\d+M\d+S(\d+(?:\.\d+)?)X(\d+(?:\.\d+)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class PrintSize:
    width: Decimal
    height: Decimal
    """Inches, as the product code writes them."""

    @property
    def text(self) -> str:
        return f"{inches(self.width)} × {inches(self.height)} in"


@dataclass(frozen=True)
class Pixels:
    width: int
    height: int

    @property
    def text(self) -> str:
        return f"{self.width} × {self.height} px"


@dataclass(frozen=True)
class Reading:
    """What reading a print file found: its pixel size, or why there is none, in words."""

    pixels: Pixels | None = None
    problem: str = ""


@dataclass(frozen=True)
class Crop:
    """The part of the picture that is printed, in the picture's own pixels."""

    left: int
    top: int
    width: int
    height: int
    lost_percent: int
    """How much of the picture's width (or height) is cut off, in all."""
    sides: bool
    """True when the left and right edges go, False for the top and bottom."""


@dataclass(frozen=True)
class Fit:
    pixels: Pixels
    size: PrintSize
    ppi: int
    """Pixels per inch along the axis that has fewer of them."""
    turned: bool
    """The picture lies the other way from the print, which is turned to match it."""
    crop: Crop | None

    @property
    def low(self) -> bool:
        return self.ppi < MIN_PPI

    @property
    def resolution_text(self) -> str:
        turned = " (printed turned to fit)" if self.turned else ""
        return f"{self.pixels.text} · {self.ppi} ppi at {self.size.text}{turned}"

    @property
    def low_text(self) -> str:
        """The warning for a picture too small for its print; empty when it is big enough."""
        if not self.low:
            return ""
        return (
            f"{self.ppi} ppi is too few for a sharp print: below {MIN_PPI} ppi it looks soft "
            "or blocky. Use a larger file or choose a smaller print size."
        )

    @property
    def crop_text(self) -> str:
        """What the print's shape cuts off the picture; empty when the shapes match."""
        if self.crop is None:
            return ""
        edges = "left and right" if self.crop.sides else "top and bottom"
        return (
            f"The picture's proportions differ from the {self.size.text} print's, so about "
            f"{self.crop.lost_percent}% of it is cut off its {edges} edges (shaded in the preview)."
        )


def print_size(sku: str) -> PrintSize | None:
    """The print size a product code names; None for an inventory SKU or anything else."""
    match = _PRODUCT_CODE.match(sku.strip())
    if match is None:
        return None
    width, height = Decimal(match[1]), Decimal(match[2])
    return PrintSize(width, height) if width > 0 and height > 0 else None


def fit(pixels: Pixels, size: PrintSize) -> Fit:
    turned = _orientation(pixels.width, pixels.height) * _orientation(size.width, size.height) < 0
    across, down = (size.height, size.width) if turned else (size.width, size.height)
    ppi = int(min(Decimal(pixels.width) / across, Decimal(pixels.height) / down))
    return Fit(pixels, size, ppi, turned, _crop(pixels, across, down))


def _orientation(width: Decimal | int, height: Decimal | int) -> int:
    """1 for landscape, -1 for portrait, 0 for square: a square fits either way."""
    return (width > height) - (width < height)


def _crop(pixels: Pixels, across: Decimal, down: Decimal) -> Crop | None:
    """The centred rectangle of the print's shape that fills the print; None when the
    picture's shape is within the tolerance of the print's."""
    ratio = (Decimal(pixels.width) / pixels.height) / (across / down)
    if abs(ratio - 1) <= ASPECT_TOLERANCE:
        return None
    if ratio > 1:
        kept = round(pixels.height * across / down)
        lost = round(100 * (1 - Decimal(kept) / pixels.width))
        return Crop((pixels.width - kept) // 2, 0, kept, pixels.height, lost, sides=True)
    kept = round(pixels.width * down / across)
    lost = round(100 * (1 - Decimal(kept) / pixels.height))
    return Crop(0, (pixels.height - kept) // 2, pixels.width, kept, lost, sides=False)
