"""Everything the simulator remembers between calls, in one place handlers are given.

The parts are kept apart by what they hold (orders, accounts, pending orders, inventory edits,
added images) but saved and restored together, so the state file is always one consistent
snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fwdesk.sandbox import state_file
from fwdesk.sandbox.accounts import Account, demo_accounts
from fwdesk.sandbox.catalog import Catalog
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.images import ImageLibrary
from fwdesk.sandbox.inventory import Inventory
from fwdesk.sandbox.orders import OrderBook
from fwdesk.sandbox.pending import PendingTable


@dataclass
class Store:
    config: SandboxConfig
    catalog: Catalog
    book: OrderBook
    accounts: dict[tuple[str, str], Account]
    """By (web_api_key, app_key)."""
    inventory: Inventory
    images: ImageLibrary
    pending: PendingTable
    dormant_accounts: dict[str, dict]
    """Saved profiles of accounts this run has no key pair for, written back untouched."""

    @classmethod
    def open(cls, config: SandboxConfig, catalog: Catalog, clock: Callable[[], float]) -> Store:
        store = cls(
            config=config,
            catalog=catalog,
            book=OrderBook(speed=config.speed, now=clock),
            accounts=demo_accounts(config),
            inventory=Inventory(catalog),
            images=ImageLibrary(catalog),
            pending=PendingTable(),
            dormant_accounts={},
        )
        if config.state_file is not None and config.state_file.exists():
            store._restore(state_file.read(config.state_file))
        return store

    def save(self) -> None:
        if self.config.state_file is None:
            return
        state_file.write(
            self.config.state_file,
            {
                **self.book.to_json(),
                "accounts": {
                    **self.dormant_accounts,
                    **{a.key: a.to_json() for a in self.accounts.values()},
                },
                "pending": self.pending.to_json(),
                "inventory": self.inventory.to_json(),
                "images": self.images.to_json(),
            },
        )

    def _restore(self, data: dict) -> None:
        self.book.restore(data)
        saved = {k: v for k, v in data["accounts"].items() if isinstance(v, dict)}
        for account in self.accounts.values():
            account.restore(saved.pop(account.key, {}))
        self.dormant_accounts = saved
        self.pending.restore(data["pending"])
        self.inventory.restore(data["inventory"])
        self.images.restore(data["images"])
