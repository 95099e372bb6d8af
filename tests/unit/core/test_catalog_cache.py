"""The catalogue cache and its search index, without Qt."""

from __future__ import annotations

import marshal
from decimal import Decimal

import pytest
from sandboxes import inprocess_client

from fwdesk.core.catalog import (
    CatalogCache,
    CatalogFilter,
    CatalogIndex,
    download_catalog,
    narrows,
)
from fwdesk.core.store import Store


@pytest.fixture(scope="module")
def snapshot():
    with inprocess_client() as api:
        steps = []
        downloaded = download_catalog(api, lambda done, total: steps.append((done, total)))
    downloaded.steps = steps
    return downloaded


def test_download_prices_every_product_and_reports_progress(snapshot):
    codes = [p for p in snapshot.products if not p.in_inventory]
    saved = [p for p in snapshot.products if p.in_inventory]
    assert len(codes) >= 2000 and len(saved) >= 40
    assert all(p.price is not None and p.price > 0 for p in snapshot.products)
    assert all(p.thumbnail_url for p in saved)
    done = [d for d, _ in snapshot.steps]
    assert done == sorted(done) and snapshot.steps[-1][0] == snapshot.steps[-1][1]


def test_the_cache_round_trips_and_survives_reopening(snapshot, tmp_path):
    CatalogCache(Store(tmp_path / "shop.sqlite")).save(snapshot)
    again = CatalogCache(Store(tmp_path / "shop.sqlite")).load()
    assert again.products == snapshot.products
    assert [t.name for t in again.product_types] == [t.name for t in snapshot.product_types]
    assert again.collections[0].frames == snapshot.collections[0].frames
    assert again.fetched_at == snapshot.fetched_at
    assert again.index.haystacks == snapshot.index.haystacks
    assert again.index.longest == snapshot.index.longest
    assert again.index.shortest == snapshot.index.shortest
    assert again.index.prices == snapshot.index.prices


def test_without_the_packed_copy_the_table_is_read(snapshot, tmp_path):
    store = Store(tmp_path / "shop.sqlite")
    CatalogCache(store).save(snapshot)
    store.connection().execute("DELETE FROM catalog_blob")
    assert CatalogCache(store).load().products == snapshot.products


def test_a_packed_copy_in_an_older_layout_is_ignored_for_the_table(snapshot, tmp_path):
    store = Store(tmp_path / "shop.sqlite")
    CatalogCache(store).save(snapshot)
    rows = [(*p[:13], str(p.price), *p[14:]) for p in snapshot.products[:3]]
    older = marshal.dumps((1, rows, ["x"] * 3, [1.0] * 3, [1.0] * 3))
    store.connection().execute("UPDATE catalog_blob SET data = ?", (older,))
    assert CatalogCache(store).load().products == snapshot.products


def test_an_empty_store_has_no_catalogue(tmp_path):
    assert CatalogCache(Store(tmp_path / "new.sqlite")).load() is None


def test_a_failed_save_leaves_the_old_catalogue(snapshot, tmp_path):
    store = Store(tmp_path / "shop.sqlite")
    cache = CatalogCache(store)
    cache.save(snapshot)
    broken = type(snapshot)(products=[*snapshot.products[:5], snapshot.products[0]])
    with pytest.raises(Exception, match="UNIQUE"):
        cache.save(broken)
    assert len(cache.load().products) == len(snapshot.products)


@pytest.mark.parametrize(
    ("wanted", "check"),
    [
        (CatalogFilter(text="metal 24"), lambda p, h: "metal" in h and "24" in h),
        (CatalogFilter(type_id=2), lambda p, h: p.type_id == 2),
        (
            CatalogFilter(min_side=20, max_side=30),
            lambda p, h: 20 <= p.width <= 30 and 20 <= p.height <= 30,
        ),
        (CatalogFilter(min_side=30), lambda p, h: p.width >= 30 and p.height >= 30),
        (CatalogFilter(max_side=8), lambda p, h: 0 < p.width <= 8 and 0 < p.height <= 8),
        (
            CatalogFilter(min_price=Decimal(40), max_price=Decimal(60)),
            lambda p, h: 40 <= p.price <= 60,
        ),
        (
            CatalogFilter(inventory_only=True, text="heron"),
            lambda p, h: p.in_inventory and "heron" in h,
        ),
    ],
)
def test_filters_match_exactly_the_products_they_describe(snapshot, wanted, check):
    index = CatalogIndex.build(snapshot.products)
    rows = index.matching(snapshot.products, wanted)
    expected = [i for i, p in enumerate(snapshot.products) if check(p, index.haystacks[i])]
    assert rows == expected and rows


def test_a_size_range_keeps_prints_whose_sides_are_both_in_it(snapshot):
    """16 to 20 means 16 × 16 up to 20 × 20: a 12 × 16 print (longest side 16) stays out."""
    index = snapshot.index
    rows = index.matching(snapshot.products, CatalogFilter(min_side=16, max_side=20))
    sizes = {(snapshot.products[i].width, snapshot.products[i].height) for i in rows}
    assert {(16, 20), (16, 16), (20, 20)} <= sizes
    assert not sizes & {(12, 16), (16, 12), (16, 24), (11, 14)}


def test_typing_on_narrows_the_previous_result(snapshot):
    index = snapshot.index
    earlier, later = CatalogFilter(text="canvas 1"), CatalogFilter(text="canvas 16")
    assert narrows(earlier, later)
    assert not narrows(later, earlier)
    assert not narrows(CatalogFilter(text="can", type_id=1), CatalogFilter(text="canvas"))
    first = index.matching(snapshot.products, earlier)
    assert index.matching(snapshot.products, later, within=first) == index.matching(
        snapshot.products, later
    )
