"""The print file of a product-code item, chosen under the items table: a web address read
in the background (from a real loopback server), a file on this computer checked with a
preview, the resolution and crop they make at the product's size; and the items editor
fitting its window (quantity back to 1, long messages wrapping, nothing clipped)."""

from __future__ import annotations

import uuid

import pytest
from file_server import serving
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from silent_server import silent_server

from fwdesk.core.drafts import DraftItem

CODE = "1M11M102S8X10"
"""An 8 × 10 inch print: 1200 × 1500 px is exactly 150 ppi."""
LONG_SKU = "HERONATDUSKFRAMEDGALLERYWRAPSIXTEENBYTWENTYLIMITEDEDITION2026"
LONG_MESSAGE = (
    f"{LONG_SKU}: FinerWorks does not know this product: expected a product code "
    "<type>M<media>M<style>S<width>X<height> or an inventory SKU AP<image id>P<product id>."
)
"""What the SKU check says of a long SKU pasted by mistake: a word wider than the form."""


def picture(path, width: int, height: int, kind: str, colour: str = "#FFFFFF"):
    """A real image file, written by Qt's own encoders."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), kind), f"Qt could not write {kind}"
    return path


@pytest.fixture
def shop(open_window, sandbox, qtbot):
    window = open_window("--sandbox-url", sandbox.url)
    window.order.po_prefix = f"P{uuid.uuid4().hex[:6].upper()}-"
    window.tabs.setCurrentWidget(window.order)
    window.order.items.use_runner(window.service)  # as the tab does
    return window


@pytest.fixture
def files(tmp_path):
    return {
        name: picture(tmp_path / name, width, height, kind).read_bytes()
        for name, width, height, kind in [
            ("heron.jpg", 1200, 1500, "JPEG"),
            ("small.png", 600, 750, "PNG"),
            ("wide.tif", 3000, 1500, "TIFF"),
            ("fog.webp", 1600, 2000, "WEBP"),
        ]
    }


def enter_url(picker, url: str) -> None:
    picker.url.setFocus()
    picker.url.setText(url)
    picker.url.editingFinished.emit()


def shown(widget) -> bool:
    """Visible once its window is on screen (most of these tests never show it)."""
    return widget.isVisibleTo(widget.window())


def idle(window) -> bool:
    return window.service.pending() == 0


def test_only_a_product_code_gets_the_picker(shop):
    items = shop.order.items
    items.add_item(DraftItem("AP2210P48817", 1, "Heron at Dusk"))
    assert items.picker.isHidden(), "an inventory SKU has its picture on FinerWorks"
    items.add_item(DraftItem(CODE, 1, "Fog Bay"))
    assert not items.picker.isHidden() and items.picker.row == 1
    assert CODE in items.picker.caption.text()
    items.table.selectRow(0)
    assert items.picker.isHidden()
    items.table.selectRow(1)
    assert shown(shop.findChild(QLabel, "printResolutionLabel"))
    assert "not known yet" in items.picker.resolution.text()


@pytest.mark.parametrize(
    ("name", "pixels", "ppi"),
    [("heron.jpg", "1200 × 1500", 150), ("fog.webp", "1600 × 2000", 200)],
)
def test_a_web_address_fills_in_the_pixel_size_read_from_the_picture(
    shop, qtbot, files, name, pixels, ppi
):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    assert "print file" in " ".join(items.check().values())
    with serving(files) as server:
        url = f"{server.url}/range/{name}"
        enter_url(items.picker, url)
        assert items.items()[0].image_url == url, "the URL is in the item at once"
        qtbot.waitUntil(lambda: items.items()[0].pixel_width is not None, timeout=10000)
    item = items.items()[0]
    assert f"{item.pixel_width} × {item.pixel_height}" == pixels
    assert items.table.item(0, 3).text() == url and items.table.item(0, 4).text() == pixels
    label = shop.findChild(QLabel, "printResolutionLabel")
    assert label.text() == f"{pixels} px · {ppi} ppi at 8 × 10 in"
    assert items.picker.low_warning.isHidden() and items.picker.crop_row.isHidden()
    assert items.check() == {}, "the item now has its whole print file"


def test_a_small_picture_is_warned_about_below_150_ppi(shop, qtbot, files):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    with serving(files) as server:
        enter_url(items.picker, f"{server.url}/range/small.png")
        qtbot.waitUntil(lambda: items.items()[0].pixel_width == 600, timeout=10000)
    assert "75 ppi at 8 × 10 in" in items.picker.resolution.text()
    warning = items.picker.low_warning
    assert shown(warning) and "75 ppi" in warning.text() and "150" in warning.text()


def test_a_picture_of_another_shape_shows_what_the_print_cuts_off(shop, qtbot, files):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Wide"))
    with serving(files) as server:
        enter_url(items.picker, f"{server.url}/range/wide.tif")
        qtbot.waitUntil(lambda: items.items()[0].pixel_width == 3000, timeout=10000)
    picker = items.picker
    assert "turned" in picker.resolution.text() and "187 ppi" in picker.resolution.text()
    assert shown(picker.crop_row) and shown(picker.preview)
    assert "left and right" in picker.crop_warning.text() and "38%" in picker.crop_warning.text()


def test_a_local_file_is_checked_with_a_preview_but_its_url_is_still_needed(shop, qtbot, tmp_path):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Wide"))
    path = picture(tmp_path / "wide.png", 3000, 1500, "PNG")
    items.picker.check_local_file(path)
    qtbot.waitUntil(lambda: items.items()[0].pixel_width == 3000, timeout=10000)
    item = items.items()[0]
    assert (item.pixel_height, item.image_url) == (1500, None), "nothing local is sent"
    picker = items.picker
    assert shown(picker.local_note) and "web address" in picker.local_note.text()
    assert "print file" in " ".join(items.check().values()), "FinerWorks still needs a URL"
    shot = picker.preview.grab().toImage()
    middle = shot.pixelColor(shot.width() // 2, shot.height() // 2)
    edge = shot.pixelColor(3, shot.height() // 2)
    assert middle.lightness() > 200, "the white picture itself is drawn where it is kept"
    assert edge.lightness() < middle.lightness() - 60, "the cut-off side is shaded"


def test_a_refused_address_or_a_web_page_is_said_beside_the_field(shop, qtbot, files):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron", pixel_width=2400, pixel_height=3000))
    status = shop.findChild(QLabel, "printFileStatus")
    with serving(files) as server:
        enter_url(items.picker, f"{server.url}/range/gone.jpg")
        qtbot.waitUntil(lambda: "no file at this address" in status.text(), timeout=10000)
        assert items.items()[0].pixel_width == 2400, "a failed check changes nothing typed"
        enter_url(items.picker, f"{server.url}/page/heron.jpg")
        qtbot.waitUntil(lambda: "web page" in status.text(), timeout=10000)
    assert shown(status)


def test_a_new_address_does_not_wait_for_a_silent_server(shop, qtbot, files):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    with silent_server() as (base, accepted), serving(files) as server:
        enter_url(items.picker, base + "heron.jpg")
        qtbot.waitUntil(lambda: bool(accepted), timeout=5000)
        enter_url(items.picker, f"{server.url}/range/heron.jpg")
        # well inside the silent server's 10 s: the first check was cut off, not waited out
        qtbot.waitUntil(lambda: items.items()[0].pixel_width == 1200, timeout=5000)


def test_an_answer_for_an_address_since_changed_is_dropped(shop, qtbot, files):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    with serving(files) as server:
        enter_url(items.picker, f"{server.url}/held/heron.jpg")
        qtbot.waitUntil(server.held.is_set, timeout=5000)
        items.table.item(0, 3).setText("https://files.example.net/other.jpg")
        assert items.picker.url.text() == "https://files.example.net/other.jpg"
        server.gate.set()
        qtbot.waitUntil(lambda: idle(shop) and bool(server.sent), timeout=10000)
    assert items.items()[0].pixel_width is None, "1200 × 1500 was of another file"
    assert items.picker.status.isHidden(), "no “Reading…” left behind"


def test_pixels_typed_in_the_table_show_in_the_picker(shop):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    items.table.item(0, 4).setText("2400 x 3000")
    assert items.picker.resolution.text() == "2400 × 3000 px · 300 ppi at 8 × 10 in"


def test_the_quantity_box_is_back_to_1_after_an_item_is_added(shop, qtbot, sandbox):
    with sandbox.client() as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
    items = shop.order.items
    items.quantity.setValue(5)
    items.sku.setText(sku)
    items.add_button.click()
    qtbot.waitUntil(lambda: len(items.items()) == 1, timeout=10000)
    assert items.items()[0].quantity == 5
    assert items.quantity.value() == 1


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_a_long_message_wraps_in_place_and_nothing_is_clipped(shop, qtbot, size):
    shop.resize(*size)
    shop.show()
    qtbot.waitExposed(shop)
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    QApplication.processEvents()
    before = shop.minimumSizeHint().width(), items.minimumSizeHint().width()
    items.show_message(LONG_MESSAGE)
    QApplication.processEvents()
    after = shop.minimumSizeHint().width(), items.minimumSizeHint().width()
    assert after == before, "the message did not widen the form or the window"
    assert shop.width() == size[0]
    message = items.message
    assert message.height() >= 2 * message.fontMetrics().height(), "it wraps onto more lines"
    lines = message.fontMetrics().boundingRect(
        QRect(0, 0, message.width(), 10_000), Qt.TextFlag.TextWordWrap, message.text()
    )
    assert lines.width() <= message.width(), "even the long SKU breaks instead of running off"
    view = shop.order.editor.viewport()
    for widget in (
        items.sku,
        items.quantity,
        items.add_button,
        items.remove_button,
        message,
        items.picker.url,
        items.picker.check_button,
        items.picker.local_button,
    ):
        right = widget.mapTo(view, QPoint(widget.width(), 0)).x()
        assert right <= view.width(), f"{widget.objectName()} runs off the form"
        if not isinstance(widget, QLabel):
            assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
    placeholder = items.sku.fontMetrics().horizontalAdvance(items.sku.placeholderText())
    assert items.sku.width() > placeholder, "the SKU box shows its whole hint"
    for button in (items.add_button, items.remove_button, items.picker.local_button):
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() > text, f"{button.text()} is cut"


def test_the_picker_fields_have_names_for_the_keyboard(shop):
    items = shop.order.items
    items.add_item(DraftItem(CODE, 1, "Heron"))
    url = shop.findChild(QLineEdit, "printFileUrlEdit")
    assert url.accessibleName() and items.picker.caption.buddy() is url
    url.setFocus()
    assert url.focusPolicy() & Qt.FocusPolicy.TabFocus
