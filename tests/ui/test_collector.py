"""Garbage collection stays on the GUI thread and stays short with a large catalogue alive."""

from __future__ import annotations

import gc
import weakref

from fwdesk.core.catalog import CatalogProduct
from fwdesk.ui.work import collector


class _Node:
    """Weakly referenceable; `link` makes a reference cycle when pointed at itself."""

    link: object = None


def test_setting_aside_hides_what_is_alive_and_keeps_no_garbage(qapp):
    products = [
        CatalogProduct(f"SKU-{n}", f"{n}M1M1S8X10", False, f"Print {n}") for n in range(500)
    ]
    cycle = _Node()
    cycle.link = cycle
    cycle_gone = weakref.ref(cycle)
    del cycle
    before = gc.get_freeze_count()
    collector.set_aside_long_lived()
    assert cycle_gone() is None, "garbage in a cycle is collected, not set aside"
    assert gc.get_freeze_count() >= before + len(products)
    assert gc.get_count()[2] == 0 and not gc.get_objects(generation=2)

    dropped = _Node()
    dropped_gone = weakref.ref(dropped)
    collector.set_aside_long_lived()
    del dropped
    assert dropped_gone() is None, "reference counting still frees an object set aside"


def test_automatic_collection_is_off_once_installed(qapp):
    collector.install(qapp)
    assert not gc.isenabled()
    assert qapp.findChild(collector.GuiThreadCollector) is not None
