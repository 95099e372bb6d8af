"""How a sandbox instance is set up: accounts, persistence, time and misbehaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEMO_CREDENTIALS = ("demo", "demo")


@dataclass
class SandboxConfig:
    credentials: list[tuple[str, str]] = field(default_factory=lambda: [DEMO_CREDENTIALS])
    """Accepted (web_api_key, app_key) pairs; each pair is its own account."""
    state_file: Path | None = None
    """Where orders, profiles, pending orders and inventory changes persist between runs;
    None keeps everything in memory."""
    speed: float = 1.0
    """Simulated seconds per real second; 3600 makes an hour of production pass each second."""
    latency_ms: int = 0
    fail_rate: float = 0.0
    """Fraction of requests that meet an injected fault (5xx, 429, timeout, bad JSON, drop)."""
    seed: int | None = None
    invoice_allowed: bool = False
    """Whether the accounts may pay with ``payment_token: "invoice"``."""
    credits: float = 500.0
    """Each account's opening credit balance in USD; the balance left persists in the state."""
    lookup_lag_s: float = 0.0
    """Real seconds a placed order stays invisible to fetch_order_status, list_orders and
    get_order, as FinerWorks' lookups can lag behind its submits; the PO counts as used at
    once."""
    allow_reused_pos: bool = False
    """Accept an order_po already in use, as a careless server might: the tests that prove
    two desks never send one draft twice need a server that would not stop them."""
    app_live_mode: bool = True
    """False mimics a newly registered app: every order is imported as a test order."""
    catalog_products: int = 0
    """At least this many enumerable product codes (custom-sizing styles list more sizes);
    0 keeps the demo catalogue as it is. Benchmarks use 50,000."""
    timeout_hold_s: float = 30.0
    """How long the HTTP server keeps a 'timed out' connection open before closing it."""
