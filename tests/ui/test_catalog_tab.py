"""The Catalogue tab: browsing, filtering, live prices, add-to-order, cache and refresh."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView

from fwdesk.core.catalog import CatalogCache
from fwdesk.ui.tabs.catalog.model import ProductRole, display_name


def loaded(window) -> bool:
    return window.catalog.model.total() > 0 and not window.catalog.refreshing


@pytest.fixture
def demo(open_window, qtbot):
    window = open_window("--demo")
    qtbot.waitUntil(lambda: loaded(window), timeout=15000)
    return window


def visible(window) -> list:
    model = window.catalog.model
    return [model.product(row) for row in range(model.rowCount())]


def test_first_start_downloads_and_caches_the_catalogue(demo):
    catalog = demo.catalog
    assert catalog.model.total() > 2000
    assert catalog.count.text() == f"{catalog.model.total():,} products"
    assert catalog.freshness.text().startswith("Prices as of ")
    cached = CatalogCache(demo.store).load()
    assert len(cached.products) == catalog.model.total()
    assert all(p.price is not None and p.price > 0 for p in cached.products)
    # Set aside from the cycle collector, so full collections do not walk every product.
    assert gc.get_freeze_count() >= catalog.model.total()


def test_search_filters_as_you_type(demo, qtbot):
    catalog = demo.catalog
    qtbot.keyClicks(catalog.search, "canvas 16")
    shown = visible(demo)
    assert 0 < len(shown) < catalog.model.total()

    def text(p):
        return f"{p.name} {p.sku} {p.type_name} {p.media_name} {p.style_name}".lower()

    everything = CatalogCache(demo.store).load().products
    expected = {p.sku for p in everything if "canvas" in text(p) and "16" in text(p)}
    assert {p.sku for p in shown} == expected
    assert catalog.count.text() == f"{len(shown):,} of {catalog.model.total():,} products"
    catalog.search.clear()
    assert catalog.model.rowCount() == catalog.model.total()


def test_type_media_size_and_price_filters(demo):
    catalog = demo.catalog
    catalog.type_filter.setCurrentIndex(2)
    type_id = catalog.type_filter.currentData()
    assert {p.type_id for p in visible(demo)} == {type_id}
    catalog.type_filter.setCurrentIndex(0)
    catalog.media_filter.setCurrentIndex(3)
    assert {p.media_id for p in visible(demo)} == {catalog.media_filter.currentData()}
    catalog.media_filter.setCurrentIndex(0)
    catalog.min_side.setValue(20)
    catalog.max_side.setValue(30)
    assert visible(demo) and all(20 <= p.longest_side <= 30 for p in visible(demo))
    catalog.min_price.setValue(50)
    catalog.max_price.setValue(100)
    assert visible(demo) and all(50 <= p.price <= 100 for p in visible(demo))
    catalog.inventory_only.setChecked(True)
    assert all(p.in_inventory for p in visible(demo))


def test_detail_shows_the_api_prices_for_each_quantity(demo, qtbot, sandbox):
    catalog = demo.catalog
    view = demo.findChild(QTableView, "catalogView")
    view.selectRow(5)
    product = view.model().index(5, 0).data(ProductRole)
    detail = catalog.detail
    assert detail.objectName() == "productDetail"
    assert detail.title.text() == display_name(product)
    detail.quantity.setValue(7)
    qtbot.waitUntil(
        lambda: detail.prices.item(4, 0).text() == "7" and "$" in detail.prices.item(4, 2).text(),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: "Current prices" in detail.price_note.text(), timeout=5000)
    with sandbox.client() as api:
        expected = api.get_prices([(product.sku, q) for q in (1, 2, 5, 10, 7)])
    shown = [detail.prices.item(row, 2).text() for row in range(5)]
    assert shown == [f"${p.total_price:,.2f}" for p in expected]


def test_add_to_order_sends_the_product_and_quantity(demo, qtbot):
    catalog = demo.catalog
    catalog.view.selectRow(0)
    product = catalog.detail.product
    catalog.detail.quantity.setValue(3)
    demo.findChild(QPushButton, "addToOrderButton").click()
    assert demo.tabs.currentWidget() is demo.order
    assert [(i.sku, i.quantity) for i in demo.order.items.items()] == [(product.sku, 3)]
    assert demo.order.draft is not None, "adding an item starts a saved draft"


def test_offline_start_uses_the_cache_and_a_failed_refresh_keeps_it(open_window, qtbot, caplog):
    from sandboxes import start_sandbox

    running = start_sandbox()
    try:
        first = open_window("--sandbox-url", running.url)
        qtbot.waitUntil(lambda: loaded(first), timeout=15000)
        total = first.catalog.model.total()
        first.close()
    finally:
        running.stop()
    offline = open_window("--sandbox-url", running.url)
    catalog = offline.catalog
    assert catalog.model.total() == total
    assert catalog.freshness.text().startswith("Prices as of ")
    catalog.refresh_button.click()
    qtbot.waitUntil(lambda: catalog.message.text().startswith("Refresh failed"), timeout=20000)
    assert "still shown" in catalog.message.text()
    assert catalog.model.total() == total
    warned = {r.getMessage() for r in caplog.records if r.levelname == "WARNING"}
    assert warned == {
        "FinerWorks could not be reached. Check your internet connection and try again."
    }


def test_refresh_shows_progress_and_can_be_cancelled(open_window, qtbot):
    from sandboxes import start_sandbox

    running = start_sandbox("--latency-ms", "60")
    try:
        window = open_window("--sandbox-url", running.url)
        catalog = window.catalog
        qtbot.waitUntil(
            lambda: not catalog.progress.isHidden() and catalog.progress.value() >= 3, timeout=20000
        )
        assert not catalog.cancel_button.isHidden()
        catalog.cancel_button.click()
        assert "cancelled" in catalog.message.text()
        assert catalog.progress.isHidden() and catalog.model.total() == 0
        assert CatalogCache(window.store).load() is None
    finally:
        running.stop()


def test_thumbnails_load_in_the_background_and_stay_on_disk(demo, qtbot, fwdesk_home):
    catalog = demo.catalog
    catalog.inventory_only.setChecked(True)
    catalog.view.selectRow(0)
    product = catalog.detail.product
    assert product.in_inventory and product.thumbnail_url
    qtbot.waitUntil(lambda: not catalog.detail.image.pixmap().isNull(), timeout=10000)
    cached = list((fwdesk_home / "cache" / "thumbnails").glob("*.png"))
    assert cached, "the thumbnail was written to the cache folder"
    icon = catalog.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
