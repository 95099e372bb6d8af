"""The Catalogue tab as a shop owner reads it at 1280×800 and 1024×700: whole product names,
a size filter that says its rule, a way back from an empty result, a calm detail pane, and
frames that are either priced and ordered framed or plainly marked as not orderable."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QStyle

from fwdesk.api.errors import ResponseFormatError
from fwdesk.core.catalog_framing import framing_cost
from fwdesk.core.money import money

PAPER_16X20 = "1M11M101S16X20"
"""Giclée on Photo Rag, borderless: frames, mats and glazing all allowed."""
PAPER_30X40 = "1M11M101S30X40"
"""The same paper at 30 × 40 in: a frame fits, but not once a 2 in mat widens it."""
MAPLE, WHITE_MAT, CLEAR_ACRYLIC = 1101, 2101, 3101
MENU_LETTERS = set("FAH")


def loaded(window) -> bool:
    return window.catalog.model.total() > 0 and not window.catalog.refreshing


@pytest.fixture(params=[(1280, 800), (1024, 700)], ids=["1280x800", "1024x700"])
def shown(request, open_window, qtbot):
    window = open_window("--demo")
    window.resize(*request.param)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: loaded(window), timeout=20000)
    qtbot.wait(0)  # layouts settle on the next turn of the event loop
    return window


@pytest.fixture
def demo(open_window, qtbot):
    window = open_window("--demo")
    qtbot.waitUntil(lambda: loaded(window), timeout=20000)
    return window


def visible(window) -> list:
    model = window.catalog.model
    return [model.product(row) for row in range(model.rowCount())]


def select(catalog, sku: str):
    row = catalog.model.row_of(sku)
    assert row is not None, sku
    catalog.view.selectRow(row)
    assert catalog.detail.product.sku == sku
    return catalog.detail.product


def choose(combo, item_id: int) -> None:
    """Picks the entry whose frame, mat or glazing has this id."""
    for index in range(combo.count()):
        data = combo.itemData(index)
        found = getattr(getattr(data, "frame", data), "id", None)
        if found == item_id:
            combo.setCurrentIndex(index)
            return
    raise AssertionError(f"{combo.objectName()} offers no {item_id}")


# -- the list ---------------------------------------------------------------------------


def test_every_product_name_shows_whole_in_its_row(shown):
    catalog = shown.catalog
    view = catalog.view
    assert view.wordWrap()
    metrics = QFontMetrics(view.font())
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    column = view.columnWidth(0)
    row_height = view.rowHeight(0)
    icon = view.iconSize().width() + 2 * margin
    model = catalog.model
    cut = []
    for row in range(model.rowCount()):
        product = model.product(row)
        text = model.index(row, 0).data()
        width = column - 2 * margin - (icon if product.thumbnail_url else 0)
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
        if box.height() > row_height - 4 or box.width() > width:
            cut.append(product.name)
    assert cut == [], f"{len(cut)} names do not fit, e.g. {cut[:3]}"
    assert len({model.index(row, 0).data() for row in range(model.rowCount())}) == model.total()


def test_a_size_never_breaks_across_the_two_lines(demo):
    model = demo.catalog.model
    row = model.row_of(PAPER_16X20)
    assert model.index(row, 0).data().endswith("16\u00a0×\u00a020\u00a0in")


def test_the_search_box_shows_its_whole_hint(shown):
    search = shown.catalog.search
    margins = search.textMargins()
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert search.isVisible()
    assert search.width() >= needed + margins.left() + margins.right() + 10
    assert search.mapTo(shown, search.rect().topRight()).x() <= shown.width()


def test_the_size_filter_wants_both_sides_in_range_and_says_so(demo):
    catalog = demo.catalog
    catalog.min_side.setValue(16)
    catalog.max_side.setValue(20)
    shown = visible(demo)
    assert shown and all(16 <= p.width <= 20 and 16 <= p.height <= 20 for p in shown)
    sizes = {(p.width, p.height) for p in shown}
    assert (16, 20) in sizes and (20, 20) in sizes
    assert (12, 16) not in sizes and (16, 24) not in sizes
    labels = [w for w in catalog.findChildren(QLabel) if w.buddy() is catalog.min_side]
    assert [w.text().replace("&", "") for w in labels] == ["Both sides (in)"]
    for widget in (labels[0], catalog.min_side, catalog.max_side):
        assert "width and height are both within" in widget.toolTip()
        assert "not 12 × 16" in widget.toolTip()


def test_an_empty_result_says_so_and_reset_brings_everything_back(demo, qtbot):
    catalog = demo.catalog
    total = catalog.model.total()
    qtbot.keyClicks(catalog.search, "zzzz")
    assert catalog.list_stack.currentWidget() is not catalog.view
    assert catalog.no_match.text() == "No products match “zzzz”."
    assert catalog.reset_button.isVisibleTo(catalog)
    catalog.type_filter.setCurrentIndex(1)
    catalog.min_price.setValue(50)
    assert catalog.no_match.text() == "No products match “zzzz” with the filters chosen."
    catalog.search.clear()
    catalog.min_side.setValue(100)
    catalog.max_side.setValue(10)
    assert catalog.no_match.text() == "No products match the filters chosen."
    catalog.reset_button.click()
    assert catalog.model.rowCount() == total
    assert catalog.count.text() == f"{total:,} products"
    assert catalog.list_stack.currentWidget() is catalog.view
    assert catalog.current_filter() == type(catalog.current_filter())()


# -- the detail pane --------------------------------------------------------------------


def test_before_a_choice_the_detail_pane_only_says_where_to_start(shown):
    detail = shown.catalog.detail
    assert detail.product is None
    assert detail.placeholder.isVisible()
    texts = [
        w.text()
        for w in [*detail.findChildren(QLabel), *detail.findChildren(QAbstractButton)]
        if w.isVisible() and w.text()
    ]
    assert texts == [
        "No product selected",
        "Choose a product in the list to see its prices and how it can be framed. "
        "Double-click one to add it to the order.",
    ]
    assert not detail.quantity.isVisible() and not detail.add_button.isVisible()


def test_each_mnemonic_of_the_catalogue_is_one_control_and_none_shadows_a_menu(demo):
    catalog = demo.catalog
    select(catalog, PAPER_16X20)
    found = []
    for widget in [*catalog.findChildren(QLabel), *catalog.findChildren(QAbstractButton)]:
        if not widget.isVisibleTo(catalog) or (isinstance(widget, QLabel) and not widget.buddy()):
            continue
        found += [m.upper() for m in re.findall(r"&([^&\s])", widget.text().replace("&&", ""))]
    tabs = {"C", "N", "O"}
    assert len(found) == len(set(found)), found
    assert not set(found) & (MENU_LETTERS | tabs), found


# -- framing ----------------------------------------------------------------------------


def test_a_chosen_frame_is_priced_by_the_frame_builder_and_added_framed(demo, qtbot, sandbox):
    catalog = demo.catalog
    product = select(catalog, PAPER_16X20)
    detail, picker = catalog.detail, catalog.detail.framing
    qtbot.waitUntil(lambda: "Current prices" in detail.price_note.text(), timeout=5000)
    unframed = [detail.prices.item(row, 2).text() for row in range(5)]
    choose(picker.frame, MAPLE)
    choose(picker.mat, WHITE_MAT)
    choose(picker.glazing, CLEAR_ACRYLIC)
    assert not detail.add_button.isEnabled(), "not addable before FinerWorks priced it"
    qtbot.waitUntil(lambda: "for the framed print" in detail.price_note.text(), timeout=5000)
    framing = picker.framing
    assert (framing.frame.id, framing.mat.id, framing.glazing.id) == (
        MAPLE,
        WHITE_MAT,
        CLEAR_ACRYLIC,
    )
    with sandbox.client() as api:
        built = api.frame_builder(framing.config(product), product.product_code)
        prints = api.get_prices([(product.sku, q) for q in (1, 2, 5, 10, 1)])
    extra = framing_cost(built.price)
    assert extra > 0
    framed = [detail.prices.item(row, 2).text() for row in range(5)]
    assert framed == [money(p.total_price + extra * p.product_qty) for p in prints]
    assert framed != unframed
    assert detail.prices.item(0, 1).text() == money(built.price.total_price)
    assert f"Framing adds {money(extra)} to each print" in picker.note.text()
    assert detail.add_button.isEnabled() and "framed" in detail.add_button.text()
    detail.quantity.setValue(2)
    with qtbot.waitSignal(catalog.add_to_order) as added:
        detail.add_button.click()
    chosen_product, quantity, chosen = added.args
    assert (chosen_product.sku, quantity) == (PAPER_16X20, 2)
    config = chosen.template(chosen_product)["config"]
    assert config["frame_id"] == MAPLE and (config["width"], config["height"]) == (16, 20)
    assert [m["id"] for m in config["mats"]] == [WHITE_MAT]
    assert config["glazing"] == {"id": CLEAR_ACRYLIC}
    [item] = demo.order.items.items()
    assert demo.tabs.currentWidget() is demo.order, "the order it went to is shown"
    assert item.title.startswith("Framed: ") and item.quantity == 2
    sent = item.to_api().to_json()
    assert sent["template"] == {"config": config}, "FinerWorks is sent the frame"


def test_unframed_again_prices_and_adds_the_print_alone(demo, qtbot):
    catalog = demo.catalog
    select(catalog, PAPER_16X20)
    detail, picker = catalog.detail, catalog.detail.framing
    choose(picker.frame, MAPLE)
    qtbot.waitUntil(lambda: picker.price is not None, timeout=5000)
    picker.frame.setCurrentIndex(0)
    assert picker.framing is None and not picker.mat.isEnabled()
    qtbot.waitUntil(lambda: detail.price_note.text().startswith("Current prices"), timeout=5000)
    assert "framed" not in detail.price_note.text()
    with qtbot.waitSignal(catalog.add_to_order) as added:
        detail.add_button.click()
    assert added.args[2] is None


def test_a_framing_the_frame_builder_will_not_build_is_marked_and_cannot_be_added(demo, qtbot):
    catalog = demo.catalog
    select(catalog, PAPER_30X40)
    detail, picker = catalog.detail, catalog.detail.framing
    choose(picker.frame, MAPLE)
    qtbot.waitUntil(lambda: picker.price is not None, timeout=5000)
    choose(picker.mat, WHITE_MAT)
    qtbot.waitUntil(lambda: picker.refused, timeout=5000)
    note = picker.note.text()
    assert note.startswith("Not orderable from fwdesk yet:") and "34 x 44 in" in note
    assert "Choose Unframed to order the print alone." in note
    assert not detail.add_button.isEnabled()
    assert detail.prices.item(0, 2).text() == "—"
    with qtbot.assertNotEmitted(catalog.add_to_order):
        detail.request_add()
        catalog.view.doubleClicked.emit(catalog.view.currentIndex())


def test_a_frame_builder_answer_that_cannot_be_read_is_not_orderable(demo, qtbot, monkeypatch):
    def unreadable(*_args):
        raise ResponseFormatError("the answer has no price_details")

    monkeypatch.setattr("fwdesk.ui.tabs.catalog.framing.price_framing", unreadable)
    catalog = demo.catalog
    select(catalog, PAPER_16X20)
    detail, picker = catalog.detail, catalog.detail.framing
    choose(picker.frame, MAPLE)
    qtbot.waitUntil(lambda: picker.refused, timeout=5000)
    assert picker.note.text().startswith(
        "Not orderable from fwdesk yet: FinerWorks did not price this frame."
    )
    assert not detail.add_button.isEnabled()
    with qtbot.assertNotEmitted(catalog.add_to_order):
        detail.request_add()


def test_only_frames_that_suit_the_print_are_offered(demo):
    catalog = demo.catalog
    select(catalog, PAPER_16X20)
    offered = {
        catalog.detail.framing.frame.itemData(i).frame.frame_class
        for i in range(catalog.detail.framing.frame.count())
        if catalog.detail.framing.frame.itemData(i) is not None
    }
    assert offered == {1}, "a paper print takes picture frames, not canvas floaters"
    rolled = next(p for p in visible(demo) if p.style_name == "Rolled Canvas")
    select(catalog, rolled.sku)
    picker = catalog.detail.framing
    assert picker.heading.text() == "This style is sold unframed."
    assert not picker.frame.isVisibleTo(catalog.detail) and picker.frame.count() == 1
