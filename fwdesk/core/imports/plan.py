"""From a file's orders to drafts: the PO each gets, the items still to link to a FinerWorks
product, the orders already known, and what becomes a draft.

Nothing here talks to FinerWorks except `known_on_finerworks`, which a background job runs:
the plan is built and shown at once from the local data, and the answer of that job is then
folded in (`mark_known`). An order already placed or pending, here or on FinerWorks, is never
imported again unless the shop ticks it for this one import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from fwdesk.core.drafts import EXTRAS, Draft, DraftItem, DraftStore
from fwdesk.core.imports.layouts import Source, SourceItem, SourceOrder
from fwdesk.core.imports.product_links import ProductLink, ProductLinks, link_key
from fwdesk.core.jobs import JobContext
from fwdesk.core.order_history import OrderHistory
from fwdesk.core.order_rules import PO_LIMIT, check_draft

KNOWN_STEP = 100
"""POs asked of FinerWorks between two progress reports (ten list_orders calls)."""
DEFAULT_SHIPPING = "SD"
"""Standard, as fwdesk's own layout has always defaulted; the quote can change it later."""


@dataclass(frozen=True)
class Known:
    """Where an order of the file already is."""

    where: str
    """"placed", "pending" or "draft"."""
    po: str
    status: str = ""
    """FinerWorks' label, for a placed order."""

    @property
    def text(self) -> str:
        if self.where == "placed":
            return f"Already placed ({self.status})" if self.status else "Already placed"
        if self.where == "pending":
            return "Already pending on FinerWorks"
        return "Already a draft here"


@dataclass
class PlannedOrder:
    order: SourceOrder
    po: str | None
    """The file's own order number where it can be the PO; None gets a new one."""
    items: tuple[DraftItem, ...]
    unlinked: tuple[SourceItem, ...]
    problems: dict[str, str]
    known: Known | None = None
    again: bool = False
    """The shop ticked it to be imported although it is known."""

    @property
    def ready(self) -> bool:
        return (
            not self.problems
            and not self.unlinked
            and not self.order.cancelled
            and (self.known is None or self.again)
        )

    @property
    def status(self) -> str:
        if self.order.cancelled:
            return "Cancelled in the file"
        if self.known is not None and not self.again:
            return self.known.text
        if self.unlinked:
            count = len(self.unlinked)
            return f"{count} item{'s' if count > 1 else ''} to link to a FinerWorks product"
        if self.problems:
            return "; ".join(self.problems.values())
        return "Ready"

    def draft_content(self) -> dict:
        order = self.order
        return {
            "recipient": order.recipient,
            "items": self.items,
            "shipping_code": (order.shipping_code or DEFAULT_SHIPPING).upper(),
            "reference": order.reference,
            "sale_total": _text(order.sale_total if order.sale_total is not None else _sum(self)),
            "test_mode": order.extras.get("test_mode", "").strip().lower() in _YES,
            **{k: v for k, v in order.extras.items() if k in _EXTRAS and v},
        }


@dataclass
class ImportPlan:
    source: Source
    orders: list[PlannedOrder] = field(default_factory=list)

    @property
    def ready(self) -> list[PlannedOrder]:
        return [o for o in self.orders if o.ready]

    def unlinked(self) -> dict[tuple[str, str], list[SourceItem]]:
        """The items still to link, by link key, each with every row that has it; orders that
        will not be imported (cancelled in the file, already placed) ask for none."""
        found: dict[tuple[str, str], list[SourceItem]] = {}
        for planned in self.orders:
            if planned.order.cancelled or (planned.known is not None and not planned.again):
                continue
            for item in planned.unlinked:
                found.setdefault(_key(self.source, item), []).append(item)
        return found

    def summary(self) -> str:
        total = len(self.orders)
        known = sum(1 for o in self.orders if o.known is not None and not o.again)
        cancelled = sum(1 for o in self.orders if o.order.cancelled)
        links = sum(1 for o in self.orders if o.unlinked and not o.order.cancelled)
        problems = sum(
            1 for o in self.orders if o.problems and not o.unlinked and not o.order.cancelled
        )
        parts = [f"{len(self.ready)} of {total} order{'s' if total != 1 else ''} ready"]
        for count, words in (
            (known, "already placed or pending (not imported again)"),
            (links, "need a product link"),
            (problems, "have problems"),
            (cancelled, "cancelled in the file"),
        ):
            if count:
                parts.append(f"{count} {words}")
        return "; ".join(parts) + "."


def plan_import(
    source: Source,
    orders: Iterable[SourceOrder],
    links: ProductLinks,
    drafts: DraftStore,
    history: OrderHistory,
) -> ImportPlan:
    plan = ImportPlan(source)
    seen_pos: set[str] = set()
    for order in orders:
        po = _po_for(order.reference)
        if po is not None and po.casefold() in seen_pos:
            po = None  # the file repeats a number for two orders: the second gets its own
        if po is not None:
            seen_pos.add(po.casefold())
        items, unlinked = _items(source, order.items, links)
        problems = dict(order.problems)
        if not unlinked and not order.cancelled:
            draft = Draft(order_po=po or "IMPORT", **_for_check(order, items))
            for key, message in check_draft(draft, for_submit=True).items():
                problems.setdefault(key, message)
        plan.orders.append(
            PlannedOrder(order, po, items, unlinked, problems, _known_here(order, po, drafts))
        )
    _known_in_history(plan, history)
    return plan


def relink(plan: ImportPlan, links: ProductLinks) -> ImportPlan:
    """The plan again after the shop linked items: the newly linked orders are checked."""
    for planned in plan.orders:
        if not planned.unlinked:
            continue
        items, unlinked = _items(plan.source, planned.order.items, links)
        planned.items, planned.unlinked = items, unlinked
        if not unlinked:
            draft = Draft(order_po=planned.po or "IMPORT", **_for_check(planned.order, items))
            for key, message in check_draft(draft, for_submit=True).items():
                planned.problems.setdefault(key, message)
    return plan


def known_on_finerworks(context: JobContext, pos: list[str]) -> dict[str, Known]:
    """The POs FinerWorks already has, placed or pending; run in a worker, with the result
    given to `mark_known`. The client asks list_orders 10 POs at a time, as FinerWorks' own
    app does, so a large file is asked in steps that report progress and can be stopped."""
    known: dict[str, Known] = {}
    wanted = {po.casefold() for po in pos}
    for pending in context.client.list_pending_orders():
        if pending.order_po and pending.order_po.casefold() in wanted:
            known[pending.order_po.casefold()] = Known("pending", pending.order_po)
    for start in range(0, len(pos), KNOWN_STEP):
        context.check()
        for receipt in context.client.find_orders(pos[start : start + KNOWN_STEP]):
            known[receipt.order_po.casefold()] = Known(
                "placed", receipt.order_po, receipt.order_status_label or receipt.order_status or ""
            )
        context.progress(min(start + KNOWN_STEP, len(pos)), len(pos))
    return known


def mark_known(plan: ImportPlan, known: dict[str, Known]) -> None:
    for planned in plan.orders:
        found = known.get((planned.po or "").casefold())
        if found is not None and (planned.known is None or planned.known.where == "draft"):
            planned.known = found


def create_drafts(drafts: DraftStore, plan: ImportPlan, prefix: str) -> list[Draft]:
    """The ready orders as drafts, all or none; each keeps the file's order number as its PO
    where it can, and always as its reference."""
    ready = plan.ready
    pos = [o.po if o.known is None else None for o in ready]
    return drafts.create_many(prefix, [o.draft_content() for o in ready], pos)


def new_links(
    source: Source, item: SourceItem, product_sku: str, image: tuple[str | None, int, int]
) -> ProductLink:
    """The link the shop made for `item` (a FinerWorks product code or inventory SKU, and the
    print file's URL and pixel size)."""
    where, key = _key(source, item)
    label = " · ".join(p for p in (item.title, item.variation, item.source_sku) if p)
    url, width, height = image
    return ProductLink(where, key, product_sku.strip(), url, width or None, height or None, label)


# -- helpers ------------------------------------------------------------------------------

_EXTRAS = EXTRAS[:6]
"""A file may carry every extra but the shop's own carrier accounts."""
_YES = ("1", "yes", "true", "y")


def _po_for(reference: str) -> str | None:
    """FinerWorks' own import strips a leading '#'; a number too long to be a PO stays the
    reference only."""
    po = reference.strip().lstrip("#").strip()
    if not po or len(po) > PO_LIMIT or not po.isprintable():
        return None
    return po


def _key(source: Source, item: SourceItem) -> tuple[str, str]:
    return link_key(source.name.lower(), item.source_sku, item.listing, item.variation)


def _items(
    source: Source, items: Iterable[SourceItem], links: ProductLinks
) -> tuple[tuple[DraftItem, ...], tuple[SourceItem, ...]]:
    linked: list[DraftItem] = []
    unlinked: list[SourceItem] = []
    for item in items:
        sku, url, width, height = item.product_sku, item.image_url, None, None
        if not sku:
            link = links.get(*_key(source, item))
            if link is None:
                unlinked.append(item)
                continue
            sku, url = link.product_sku, link.image_url or item.image_url
            width, height = link.pixel_width, link.pixel_height
        linked.append(
            DraftItem(
                sku=sku,
                quantity=item.quantity or 0,
                title=(item.title or "")[:50],
                image_url=url,
                pixel_width=width if width is not None else item.pixel_width,
                pixel_height=height if height is not None else item.pixel_height,
                sale_price=_text(item.sale_price),
            )
        )
    return tuple(linked), tuple(unlinked)


def _for_check(order: SourceOrder, items: tuple[DraftItem, ...]) -> dict:
    return {
        "recipient": order.recipient,
        "items": items,
        "shipping_code": (order.shipping_code or DEFAULT_SHIPPING).upper(),
    }


def _known_here(order: SourceOrder, po: str | None, drafts: DraftStore) -> Known | None:
    if po is not None:
        draft = drafts.by_po(po)
        if draft is not None:
            return Known("placed" if draft.order_id else "draft", po)
    return None


def _known_in_history(plan: ImportPlan, history: OrderHistory) -> None:
    """Orders this account placed, under the file's number as PO or as reference."""
    by_key: dict[str, Known] = {}
    for tracked in history.orders():
        known = Known("placed", tracked.order_po, tracked.status_label)
        by_key.setdefault(tracked.order_po.casefold(), known)
        if tracked.reference:
            by_key.setdefault(tracked.reference.casefold(), known)
    for planned in plan.orders:
        if planned.known is not None and planned.known.where == "placed":
            continue
        for key in (planned.po, planned.order.reference):
            found = by_key.get((key or "").casefold())
            if found is not None:
                planned.known = found
                break


def _sum(planned: PlannedOrder) -> Decimal | None:
    prices = [(i.sale_price, i.quantity) for i in planned.order.items]
    if not prices or any(p is None or q is None for p, q in prices):
        return None
    return sum((p * q for p, q in prices), Decimal(0))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
