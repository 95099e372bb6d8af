"""Non-secret settings in one JSON file: saved accounts, the active one, window layout, and the
shop's preferences (Preferences dialog).

Written atomically (temporary file, then rename), so a crash mid-save leaves the previous
settings intact. A damaged file is set aside, not fatal: the app starts with defaults and the
old file stays on disk for inspection. One unreadable account entry is skipped alone, so it
never hides the others, and so is one unusable preference (it takes its default): a file
written by an older fwdesk, without the newer fields, loads with their defaults.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fwdesk.core.accounts import Account
from fwdesk.core.damage import Damage, keep_copy, set_aside
from fwdesk.core.preferences import REFRESH_MINUTES, po_prefix_problem, shipping_problem

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
    default_shipping: str = ""
    """The shipping code new orders start with (see core.preferences); "" leaves the choice to
    the account's shipping preferences on FinerWorks."""
    notifications: bool = True
    """Desktop notifications when an order ships, finishes or needs attention."""

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
            "default_shipping": self.default_shipping,
            "notifications": self.notifications,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], skipped: list[str] | None = None) -> Settings:
        """`skipped` collects a line for each account entry that cannot be read."""
        accounts: list[Account] = []
        for number, entry in enumerate(data.get("accounts", []), start=1):
            try:
                account = Account.from_json(entry)
            except (ValueError, TypeError, KeyError, AttributeError) as problem:
                log.warning("account entry %d unreadable: %s", number, type(problem).__name__)
                if skipped is not None:
                    skipped.append(_entry_name(entry, number))
                continue
            if all(a.name != account.name for a in accounts):
                accounts.append(account)
        defaults = cls()
        return cls(
            accounts=accounts,
            active_account=data.get("active_account"),
            window_geometry=str(data.get("window_geometry") or ""),
            current_tab=int(data.get("current_tab") or 0),
            po_prefix=_usable(data.get("po_prefix"), po_prefix_problem, defaults.po_prefix),
            orders_refresh_minutes=_minutes(data.get("orders_refresh_minutes")),
            default_shipping=_usable(
                data.get("default_shipping"), shipping_problem, defaults.default_shipping
            ),
            notifications=_flag(data.get("notifications"), defaults.notifications),
        )


def _usable(value: object, problem: Callable[[str], str], default: str) -> str:
    """A text preference as saved, or its default when it is not one the dialog would take."""
    return value.strip() if isinstance(value, str) and not problem(value) else default


def _minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Settings.orders_refresh_minutes
    return min(max(int(value), REFRESH_MINUTES.start), REFRESH_MINUTES.stop - 1)


def _flag(value: object, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _entry_name(entry: object, number: int) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return f"“{name}”" if isinstance(name, str) and name.strip() else f"entry {number}"


class SettingsFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.damage: Damage | None = None
        """What the last load could not use, in words for the shop."""

    def load(self) -> Settings:
        self.damage = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as problem:
            log.warning("settings file unreadable: %s", problem)
            self.damage = Damage(
                f"fwdesk cannot read its settings ({self.path}: {problem.strerror or problem}); "
                "it starts in demo mode with default settings.",
                self.path,
            )
            return Settings()
        skipped: list[str] = []
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise TypeError("not a JSON object")
            settings = Settings.from_json(data, skipped)
        except (ValueError, TypeError, KeyError, AttributeError) as problem:
            return self._set_aside(f"{type(problem).__name__}: {problem}")
        if skipped:
            try:
                kept: Path | None = keep_copy(self.path, f"unreadable: {', '.join(skipped)}")
            except OSError:
                kept = None
            where = f" (the file as it was is kept as {kept.name})" if kept else ""
            self.damage = Damage(
                f"{_listed(skipped)} in the settings could not be read and "
                f"{'was' if len(skipped) == 1 else 'were'} left out{where}; the other accounts "
                "are as they were. Connect it again with Account > Connect an account.",
                self.path,
                kept,
            )
        if settings.active_account and settings.account(settings.active_account) is None:
            settings.active_account = None
        return settings

    def _set_aside(self, reason: str) -> Settings:
        try:
            kept = set_aside(self.path, reason)
        except OSError as problem:
            log.warning("settings file could not be moved aside: %s", problem)
            kept = None
        where = f" It was kept as {kept.name} and" if kept else ""
        self.damage = Damage(
            f"The settings file {self.path} is damaged and cannot be read.{where} fwdesk "
            "starts with default settings: connect your accounts again with Account > "
            "Connect an account.",
            self.path,
            kept,
        )
        return Settings()

    def save(self, settings: Settings) -> None:
        """Raises OSError when the folder refuses the write; callers keep the settings in
        memory and say so."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
        os.replace(temporary, self.path)


def _listed(names: list[str]) -> str:
    label = "The account" if len(names) == 1 else "The accounts"
    return f"{label} {', '.join(names)}"
