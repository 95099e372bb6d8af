"""The catalogue as the shop sees it: every sellable product with its price, cached locally.

A snapshot is downloaded whole (`download_catalog`) and then swapped into SQLite in one
transaction (`CatalogCache.save`), so a refresh that fails or is cancelled half-way leaves
the previous catalogue exactly as it was. Download, packed cache and search index are kept in
this one module (about 440 lines) because the index is built from the packed form and both
change together.
"""

from __future__ import annotations

import json
import marshal
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from fwdesk.api.catalog import (
    FrameCollection,
    Glazing,
    Mat,
    MediaType,
    ProductDetails,
    ProductType,
    StyleType,
)
from fwdesk.api.fields import Model
from fwdesk.api.limits import PRICES_BATCH
from fwdesk.core.store import Store

if TYPE_CHECKING:
    from fwdesk.api.client import FinerWorksClient

LISTS: dict[str, type[Model]] = {
    "product_types": ProductType,
    "media_types": MediaType,
    "style_types": StyleType,
    "collections": FrameCollection,
    "mats": Mat,
    "glazing": Glazing,
}


class CatalogProduct(NamedTuple):
    """One sellable product. A named tuple, not a dataclass: the cache builds tens of
    thousands of these when the tab opens, and tuples are several times cheaper to make."""

    sku: str
    product_code: str
    in_inventory: bool
    name: str
    description: str = ""
    type_id: int | None = None
    type_name: str = ""
    media_id: int | None = None
    media_name: str = ""
    style_id: int | None = None
    style_name: str = ""
    width: float = 0.0
    height: float = 0.0
    price: Decimal | None = None
    """Unit price at quantity 1, as FinerWorks quoted it when the catalogue was fetched."""
    image_guid: str | None = None
    thumbnail_url: str | None = None

    @property
    def size_text(self) -> str:
        return f"{self.width:g} × {self.height:g} in" if self.width else ""

    @property
    def longest_side(self) -> float:
        return max(self.width, self.height)


@dataclass(frozen=True)
class CatalogFilter:
    text: str = ""
    type_id: int | None = None
    media_id: int | None = None
    min_side: float | None = None
    """Both sides of the print are at least this, in inches: a shop asking for 16 to 20 wants
    16 × 20, not a 12 × 16 whose longest side happens to be in range."""
    max_side: float | None = None
    """Both sides are at most this, in inches."""
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    inventory_only: bool = False

    @property
    def has_choices(self) -> bool:
        """Whether anything besides the search text narrows the list."""
        return replace(self, text="") != CatalogFilter()


def narrows(earlier: CatalogFilter, later: CatalogFilter) -> bool:
    """True when everything `later` matches, `earlier` matched too: the user typed on at the
    end of the search text and changed nothing else."""
    return later.text.lower().startswith(earlier.text.lower()) and replace(
        later, text=""
    ) == replace(earlier, text="")


@dataclass(frozen=True)
class CatalogIndex:
    """Search strings and numbers per product, precomputed when the catalogue is saved, so
    a keystroke costs one containment test per product and nothing else."""

    haystacks: list[str]
    longest: list[float]
    """The longest side of each print, 0 where its size is unknown."""
    shortest: list[float]
    prices: list[float]
    """-1 where the price is unknown."""

    @classmethod
    def build(cls, products: list[CatalogProduct]) -> CatalogIndex:
        return cls(
            [
                f"{p.name} {p.sku} {p.type_name} {p.media_name} {p.style_name} "
                f"{p.size_text}".lower()
                for p in products
            ],
            [p.longest_side for p in products],
            [min(p.width, p.height) for p in products],
            [float(p.price) if p.price is not None else -1.0 for p in products],
        )

    def matching(
        self,
        products: list[CatalogProduct],
        wanted: CatalogFilter,
        within: list[int] | None = None,
    ) -> list[int]:
        """Positions of the products that pass every part of the filter, in order; `within`
        narrows an earlier result (see `narrows`) instead of scanning everything."""
        rows: Iterable[int] = range(len(products)) if within is None else within
        haystacks = self.haystacks
        for word in wanted.text.lower().split():
            rows = [i for i in rows if word in haystacks[i]]
        if wanted.type_id is not None:
            rows = [i for i in rows if products[i].type_id == wanted.type_id]
        if wanted.media_id is not None:
            rows = [i for i in rows if products[i].media_id == wanted.media_id]
        if wanted.inventory_only:
            rows = [i for i in rows if products[i].in_inventory]
        longest, shortest, prices = self.longest, self.shortest, self.prices
        if wanted.min_side is not None:
            rows = [i for i in rows if shortest[i] >= wanted.min_side]
        if wanted.max_side is not None:
            rows = [i for i in rows if 0 < longest[i] <= wanted.max_side]
        if wanted.min_price is not None:
            low = float(wanted.min_price)
            rows = [i for i in rows if prices[i] >= low]
        if wanted.max_price is not None:
            high = float(wanted.max_price)
            rows = [i for i in rows if 0 <= prices[i] <= high]
        return list(rows)


@dataclass
class CatalogSnapshot:
    product_types: list[ProductType] = field(default_factory=list)
    media_types: list[MediaType] = field(default_factory=list)
    style_types: list[StyleType] = field(default_factory=list)
    collections: list[FrameCollection] = field(default_factory=list)
    mats: list[Mat] = field(default_factory=list)
    glazing: list[Glazing] = field(default_factory=list)
    products: list[CatalogProduct] = field(default_factory=list)
    fetched_at: datetime | None = None
    _index: CatalogIndex | None = None

    @property
    def index(self) -> CatalogIndex:
        if self._index is None or len(self._index.longest) != len(self.products):
            self._index = CatalogIndex.build(self.products)
        return self._index

    def style(self, style_id: int | None) -> StyleType | None:
        return next((s for s in self.style_types if s.id == style_id), None)


# -- downloading ---------------------------------------------------------------------------


def inches(value: Decimal) -> str:
    """A size as product codes write it: 16, 16.5 (never 16.0 or 1.6E+1)."""
    return format(value.normalize(), "f")


def enumerate_codes(snapshot: CatalogSnapshot) -> Iterator[CatalogProduct]:
    """Every product code the catalogue's rules allow: type -> media -> style -> listed size."""
    media = {m.id: m for m in snapshot.media_types}
    styles = {s.id: s for s in snapshot.style_types}
    for product_type in snapshot.product_types:
        for media_id in product_type.media_ids:
            medium = media.get(media_id)
            if medium is None:
                continue
            for style_id in medium.style_ids:
                style = styles.get(style_id)
                if style is None:
                    continue
                for size in style.available_sizes:
                    width, height = inches(size.width), inches(size.height)
                    code = f"{product_type.id}M{media_id}M{style_id}S{width}X{height}"
                    yield CatalogProduct(
                        sku=code,
                        product_code=code,
                        in_inventory=False,
                        name=f"{product_type.name}, {medium.name}, {style.name}, "
                        f"{width} × {height} in",
                        description=style.description or medium.description,
                        type_id=product_type.id,
                        type_name=product_type.name,
                        media_id=media_id,
                        media_name=medium.name,
                        style_id=style_id,
                        style_name=style.name,
                        width=float(size.width),
                        height=float(size.height),
                    )


def download_catalog(
    client: FinerWorksClient,
    progress: Callable[[int, int], None],
    inventory_page: int = 50,
) -> CatalogSnapshot:
    """Everything the catalogue tab shows, priced. `progress` may raise to cancel."""
    snapshot = CatalogSnapshot()
    steps = [
        lambda: setattr(snapshot, "product_types", client.list_product_types()),
        lambda: setattr(snapshot, "media_types", client.list_media_types()),
        lambda: setattr(snapshot, "style_types", client.list_style_types()),
        lambda: setattr(snapshot, "collections", client.list_collections()),
        lambda: setattr(snapshot, "mats", client.list_mats()),
        lambda: setattr(snapshot, "glazing", client.list_glazing()),
    ]
    for done, step in enumerate(steps):
        progress(done, len(steps) + 1)
        step()
    inventory = list(
        client.iter_pages(
            lambda n: client.list_virtual_inventory(page_number=n, per_page=inventory_page)
        )
    )
    codes = list(enumerate_codes(snapshot))
    batches = math.ceil(len(codes) / PRICES_BATCH)
    total = len(steps) + 1 + batches
    priced: list[CatalogProduct] = []
    for index in range(batches):
        progress(len(steps) + 1 + index, total)
        chunk = codes[index * PRICES_BATCH : (index + 1) * PRICES_BATCH]
        prices = {p.product_sku.upper(): p for p in client.get_prices([(c.sku, 1) for c in chunk])}
        for product in chunk:
            price = prices.get(product.sku.upper())
            priced.append(product._replace(price=price.product_price if price else None))
    media = {m.id: m for m in snapshot.media_types}
    names = {t.id: t.name for t in snapshot.product_types}
    styles = {s.id: s for s in snapshot.style_types}
    thumbnails = {
        image.guid: image.public_thumbnail_uri or ""
        for image in client.iter_pages(lambda n: client.list_images(page_number=n))
    }
    for item in inventory:
        priced.append(_inventory_product(item, media, names, styles, thumbnails))
    snapshot.products = priced
    snapshot.fetched_at = datetime.now(UTC)
    progress(total, total)
    return snapshot


def _inventory_product(
    item: ProductDetails,
    media: dict[int, MediaType],
    type_names: dict[int, str],
    styles: dict[int, StyleType],
    thumbnails: dict[str, str],
) -> CatalogProduct:
    """A saved virtual-inventory product, described through the code it is made from."""
    code = item.product_code or item.sku
    parts = _code_parts(code)
    type_id, media_id, style_id, width, height = parts if parts else (None, None, None, 0.0, 0.0)
    medium = media.get(media_id)
    style = styles.get(style_id)
    return CatalogProduct(
        sku=item.sku,
        product_code=code,
        in_inventory=True,
        name=item.name or code,
        description=item.description_short or item.description_long,
        type_id=type_id,
        type_name=type_names.get(type_id, ""),
        media_id=media_id,
        media_name=medium.name if medium else "",
        style_id=style_id,
        style_name=style.name if style else "",
        width=width,
        height=height,
        price=item.per_item_price,
        image_guid=item.image_guid,
        thumbnail_url=thumbnails.get(item.image_guid or ""),
    )


def _code_parts(code: str) -> tuple[int, int, int, float, float] | None:
    try:
        type_part, media_part, rest = code.upper().split("M")
        style_part, size = rest.split("S")
        width, height = size.split("X")
        return int(type_part), int(media_part), int(style_part), float(width), float(height)
    except ValueError:
        return None


# -- the local cache -----------------------------------------------------------------------

_COLUMNS = (
    "sku, product_code, in_inventory, name, description, type_id, type_name, media_id, "
    "media_name, style_id, style_name, width, height, price, image_guid, thumbnail_url"
)


BLOB_VERSION = 3
"""The packed copy of the product table that makes opening the tab fast; a cache written by
another version is read from the table instead."""
BLOB_PART = 2_000
"""Products per separately packed part. marshal holds the GIL for a whole call, 40 ms for
50,000 products, which the GUI thread would feel as a freeze while a worker saves; in parts,
each call is a couple of milliseconds."""


class CatalogCache:
    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, snapshot: CatalogSnapshot) -> None:
        """Replace the cached catalogue in one transaction."""
        rows = [
            (
                p.sku,
                p.product_code,
                int(p.in_inventory),
                p.name,
                p.description,
                p.type_id,
                p.type_name,
                p.media_id,
                p.media_name,
                p.style_id,
                p.style_name,
                p.width,
                p.height,
                None if p.price is None else str(p.price),
                p.image_guid,
                p.thumbnail_url,
            )
            for p in snapshot.products
        ]
        fetched = (snapshot.fetched_at or datetime.now(UTC)).isoformat()
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM catalog_products")
            tx.execute("DELETE FROM catalog_lists")
            tx.executemany(
                f"INSERT INTO catalog_products ({_COLUMNS}) VALUES ({', '.join('?' * 16)})", rows
            )
            tx.executemany(
                "INSERT INTO catalog_lists (kind, json) VALUES (?, ?)",
                [
                    (kind, json.dumps([item.to_json() for item in getattr(snapshot, kind)]))
                    for kind in LISTS
                ],
            )
            tx.execute(
                "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('fetched_at', ?)",
                (fetched,),
            )
            index = snapshot.index
            parts = [
                marshal.dumps(
                    tuple(
                        column[at : at + BLOB_PART]
                        for column in (
                            rows,
                            index.haystacks,
                            index.longest,
                            index.shortest,
                            index.prices,
                        )
                    )
                )
                for at in range(0, len(rows), BLOB_PART)
            ]
            packed = marshal.dumps((BLOB_VERSION, parts))
            tx.execute("INSERT OR REPLACE INTO catalog_blob (id, data) VALUES (1, ?)", (packed,))

    def load(self) -> CatalogSnapshot | None:
        connection = self.store.connection()
        meta = connection.execute(
            "SELECT value FROM catalog_meta WHERE key = 'fetched_at'"
        ).fetchone()
        if meta is None:
            return None
        snapshot = CatalogSnapshot(fetched_at=datetime.fromisoformat(meta[0]))
        for kind, text in connection.execute("SELECT kind, json FROM catalog_lists"):
            model = LISTS.get(kind)
            if model is not None:
                setattr(snapshot, kind, [model.from_json(item) for item in json.loads(text)])
        blob = connection.execute("SELECT data FROM catalog_blob WHERE id = 1").fetchone()
        rows, haystacks, longest, shortest, prices = [], [], [], [], []
        try:
            version, parts = marshal.loads(blob[0]) if blob else (0, ())
            if version == BLOB_VERSION:
                for part in parts:
                    columns = marshal.loads(part)
                    rows += columns[0]
                    haystacks += columns[1]
                    longest += columns[2]
                    shortest += columns[3]
                    prices += columns[4]
        except (ValueError, EOFError, TypeError, IndexError):
            version = 0
        if version != BLOB_VERSION:
            rows = list(
                connection.execute(f"SELECT {_COLUMNS} FROM catalog_products ORDER BY rowid")
            )
        snapshot.products = [
            CatalogProduct(*row[:13], None if row[13] is None else Decimal(row[13]), *row[14:])
            for row in rows
        ]
        if version == BLOB_VERSION:
            snapshot._index = CatalogIndex(haystacks, longest, shortest, prices)
        return snapshot
