"""Non-secret settings in one JSON file: saved accounts, the active one, window layout.

Written atomically (temporary file, then rename), so a crash mid-save leaves the previous
settings intact. A damaged file is set aside, not fatal: the app starts with defaults and the
old file stays on disk for inspection.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fwdesk.core.accounts import Account

log = logging.getLogger(__name__)


@dataclass
class Settings:
    accounts: list[Account] = field(default_factory=list)
    active_account: str | None = None
    """None runs demo mode."""
    window_geometry: str = ""
    current_tab: int = 0
    po_prefix: str = "SHOP-"
    """Start of every new order's PO number; the rest is a six-digit counter."""
    orders_refresh_minutes: int = 5

    def account(self, name: str | None) -> Account | None:
        return next((a for a in self.accounts if a.name == name), None)

    def upsert(self, account: Account, *, replacing: str | None = None) -> None:
        """Add an account, or replace the one called `replacing` (a rename keeps its place)."""
        old = replacing or account.name
        for index, existing in enumerate(self.accounts):
            if existing.name == old:
                self.accounts[index] = account
                break
        else:
            self.accounts.append(account)
        if self.active_account == old:
            self.active_account = account.name

    def remove(self, name: str) -> None:
        self.accounts = [a for a in self.accounts if a.name != name]
        if self.active_account == name:
            self.active_account = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "accounts": [a.to_json() for a in self.accounts],
            "active_account": self.active_account,
            "window_geometry": self.window_geometry,
            "current_tab": self.current_tab,
            "po_prefix": self.po_prefix,
            "orders_refresh_minutes": self.orders_refresh_minutes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        return cls(
            accounts=[Account.from_json(a) for a in data.get("accounts", [])],
            active_account=data.get("active_account"),
            window_geometry=str(data.get("window_geometry") or ""),
            current_tab=int(data.get("current_tab") or 0),
            po_prefix=str(data.get("po_prefix") or "SHOP-"),
            orders_refresh_minutes=max(1, int(data.get("orders_refresh_minutes") or 5)),
        )


class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        if not self.path.exists():
            return Settings()
        try:
            settings = Settings.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, KeyError, AttributeError) as problem:
            damaged = self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, damaged)
            log.warning(
                "settings file unreadable (%s); kept as %s, using defaults", problem, damaged
            )
            return Settings()
        if settings.active_account and settings.account(settings.active_account) is None:
            settings.active_account = None
        return settings

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
        os.replace(temporary, self.path)
