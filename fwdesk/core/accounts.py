"""Saved FinerWorks accounts (never their keys) and how each one is reached."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import urlsplit

from fwdesk.api.limits import PRODUCTION_URL, TEST_URL


class Environment(enum.Enum):
    PRODUCTION = "production"
    TEST_HOST = "test"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return {
            Environment.PRODUCTION: "Production (orders are printed and billed)",
            Environment.TEST_HOST: "FinerWorks test host",
            Environment.CUSTOM: "Custom URL",
        }[self]


class Mode(enum.Enum):
    """What an order placed now would do; the banner shows it at all times."""

    DEMO = "demo"
    TEST = "test"
    LIVE = "live"


@dataclass(frozen=True)
class Account:
    name: str
    environment: Environment = Environment.PRODUCTION
    custom_url: str = ""

    @property
    def base_url(self) -> str:
        if self.environment is Environment.PRODUCTION:
            return PRODUCTION_URL
        if self.environment is Environment.TEST_HOST:
            return TEST_URL
        return normalise_url(self.custom_url)

    @property
    def encrypted(self) -> bool:
        return self.base_url.startswith("https://")

    def provisional_mode(self) -> Mode:
        """The mode before the server has told us whether the app is live."""
        return Mode.LIVE if self.environment is Environment.PRODUCTION else Mode.TEST

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "environment": self.environment.value,
            "custom_url": self.custom_url,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Account:
        return cls(
            name=str(data["name"]),
            environment=Environment(str(data.get("environment", "production"))),
            custom_url=str(data.get("custom_url") or ""),
        )


def normalise_url(text: str) -> str:
    url = text.strip()
    return url if url.endswith("/") else url + "/"


def url_problem(text: str) -> str | None:
    """Why a custom endpoint cannot be used, in a shop owner's words; None when it can."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Enter the full address, starting with https://."
    if parts.query or parts.fragment:
        return "The address should not contain '?' or '#'."
    return None
