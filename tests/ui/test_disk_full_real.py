"""A real full disk under the running app: FWDESK_HOME on a small tmpfs, then filled.

Mounting needs root with CAP_SYS_ADMIN, so this runs in `make faults` (marker needs_mount);
`make test` covers the same paths with a store that refuses writes (tests/ui/test_disk_full.py).
"""

from __future__ import annotations

import errno
import subprocess
import uuid

import pytest
from fault_report import record
from PySide6.QtWidgets import QMessageBox
from sample_orders import PORTLAND
from window_checks import SendAnswers

from fwdesk.core.drafts import SUBMITTED, DraftItem
from fwdesk.ui.tabs.order import tab as order_tab

pytestmark = pytest.mark.needs_mount


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)], check=True)
    monkeypatch.setenv("FWDESK_HOME", str(mount_point / "fwdesk"))
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(disk) -> int:
    """Writes a filler file until the disk refuses; returns the bytes written."""
    written = 0
    with (disk / "filler").open("wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
                written += 65536
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return written


@pytest.mark.timeout(120)
def test_a_full_disk_keeps_the_order_on_screen_and_sends_it_once_there_is_room(
    small_disk, open_window, sandbox, qtbot, monkeypatch
):
    monkeypatch.setattr(order_tab, "SAVE_RETRY_MS", 300)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    SendAnswers().install(monkeypatch)
    window = open_window("--sandbox-url", sandbox.url)
    window.show()
    qtbot.waitUntil(lambda: window.catalog.model.total() > 0, timeout=30000)
    order = window.order
    order.po_prefix = f"D{uuid.uuid4().hex[:6].upper()}-"
    window.tabs.setCurrentWidget(order)
    with sandbox.client() as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku

    order.recipient.set_address(PORTLAND)
    order._edited()
    assert order.save_now(), "a draft exists before the disk fills"
    filled = fill(small_disk)
    try:
        order.items.add_item(DraftItem(sku, 1, "Heron at Dusk"))
        qtbot.waitUntil(lambda: order.unsaved and order.quote.table.rowCount() > 0, timeout=10000)
        assert "disk is full" in order.save_problem.text()
        order.submit()
        assert "Nothing was sent" in order.result.text()
        placed = [o for o in sandbox.server_orders() if o["order_po"].startswith(order.po_prefix)]
        assert placed == []
    finally:
        (small_disk / "filler").unlink()  # room again, even if a check above failed
    qtbot.waitUntil(lambda: not order.unsaved, timeout=5000)
    po = order.draft.order_po
    order.submit()
    qtbot.waitUntil(lambda: "placed with FinerWorks" in order.result.text(), timeout=15000)
    placed = [o for o in sandbox.server_orders() if o["order_po"].startswith(order.po_prefix)]
    assert [o["order_po"] for o in placed] == [po]
    assert order.session.drafts.by_po(po).state == SUBMITTED
    record(
        "disk-full",
        case="real tmpfs filled while typing an order",
        filler_bytes=filled,
        sent_while_full=0,
        on_server_after=len(placed),
    )
