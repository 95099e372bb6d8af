"""From a file's orders to drafts: the PO each gets, what is already known here and on
FinerWorks (placed or pending), and drafts that keep the file's number, on real SQLite and
the in-process sandbox."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from sample_orders import order
from sandboxes import inprocess_client

from fwdesk.core.drafts import DraftStore
from fwdesk.core.imports.layouts import Source
from fwdesk.core.imports.plan import Known, create_drafts, known_on_finerworks, mark_known
from fwdesk.core.imports.reading import make_plan
from fwdesk.core.imports.table_file import read_table
from fwdesk.core.imports.template import COLUMNS, EXAMPLE
from fwdesk.core.jobs import JobCancelled
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.store import Store
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox


class Context:
    """A job context run in the test's thread; `stop_after` progress reports cancel it."""

    def __init__(self, client, stop_after: int | None = None) -> None:
        self.client = client
        self.reports: list[tuple[int, int]] = []
        self._stop_after = stop_after

    def check(self) -> None:
        if self._stop_after is not None and len(self.reports) >= self._stop_after:
            raise JobCancelled

    def sleep(self, seconds: float) -> None:
        self.check()

    def progress(self, done: int, total: int) -> None:
        self.reports.append((done, total))


def sheet(*pos: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for po in pos:
        writer.writerow([po, *EXAMPLE[1:]])
    return out.getvalue().encode()


def plan_of(store: Store, *pos: str):
    return make_plan(read_table(sheet(*pos), "orders.csv"), Source.FINERWORKS, None, store)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "account.sqlite")


def test_the_files_number_is_the_po_where_finerworks_allows_it(store):
    long = "X" * 60
    plan = plan_of(store, "#WEB-1", "WEB-2", "web-2", long)
    assert [o.po for o in plan.orders] == ["WEB-1", "WEB-2", None, None]
    references = [o.order.reference for o in plan.orders]
    assert references == ["WEB-1", "WEB-2", "web-2", long], "its own import drops a leading #"
    assert len(plan.ready) == 4 and plan.summary() == "4 of 4 orders ready."


def test_drafts_keep_the_number_and_a_second_import_finds_them(store):
    drafts = create_drafts(DraftStore(store), plan_of(store, "#WEB-1", "X" * 60), "IMP-")
    assert drafts[0].order_po == "WEB-1"
    assert drafts[1].order_po.startswith("IMP-"), "a number too long for a PO gets a new one"
    assert [d.reference for d in drafts] == ["WEB-1", "X" * 60]
    again = plan_of(store, "#WEB-1")
    assert again.orders[0].known == Known("draft", "WEB-1")
    assert again.ready == [] and "already placed or pending" in again.summary()


def test_an_order_in_the_history_is_found_by_its_reference(store):
    placed = create_drafts(DraftStore(store), plan_of(store, "X" * 60), "FW-")[0]
    OrderHistory(store).record_placed([replace(placed, order_id=77, reference="S-1")])
    DraftStore(store).delete(placed.id)
    plan = plan_of(store, "S-1")
    assert plan.orders[0].known is not None and plan.orders[0].known.where == "placed"
    plan.orders[0].again = True
    assert plan.ready == plan.orders, "ticked: imported although known"


def test_finerworks_is_asked_for_placed_and_pending_orders_in_steps(store):
    sandbox = Sandbox(SandboxConfig())
    with inprocess_client(sandbox) as api:
        sku = api.list_virtual_inventory(per_page=1).items[0].sku
        api.submit_orders([order("WEB-PLACED", sku)])
        api.save_pending_orders([order("WEB-PENDING", sku)])
        pos = ["WEB-PLACED", "WEB-PENDING", *(f"WEB-{n}" for n in range(250))]
        context = Context(api)
        known = known_on_finerworks(context, pos)
        assert set(known) == {"web-placed", "web-pending"}
        assert known["web-pending"].where == "pending"
        assert known["web-placed"].where == "placed" and known["web-placed"].status
        assert context.reports == [(100, 252), (200, 252), (252, 252)]

        plan = plan_of(store, "web-placed", "WEB-PENDING", "WEB-NEW")
        mark_known(plan, known)
        assert [o.status.split(" (")[0] for o in plan.orders] == [
            "Already placed",
            "Already pending on FinerWorks",
            "Ready",
        ]

        stopped = Context(api, stop_after=1)
        with pytest.raises(JobCancelled):
            known_on_finerworks(stopped, pos)
        assert stopped.reports == [(100, 252)], "a cancelled check stops between steps"
