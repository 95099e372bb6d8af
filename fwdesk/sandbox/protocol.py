"""The sandbox's wire-neutral request and response.

The simulator core is a pure function of a `SandboxRequest` (plus the state it owns); the HTTP
server and the in-process httpx transport only translate to and from these two types. Faults
that can only be acted out by a transport (a dropped connection, a read that never ends) are
decided by the core and carried in `SandboxResponse.fault`, so both adapters misbehave alike.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Fault(enum.Enum):
    """What the adapter must do instead of (or before) sending the answer."""

    NONE = "none"
    #: Close the connection without answering. The core has already applied the request,
    #: so for a submit the order exists although the client never hears of it.
    DROP = "drop"
    #: Hold the connection open past any sane read timeout, then close it unanswered.
    #: Whether the request was applied is recorded in `SandboxResponse.applied`.
    TIMEOUT = "timeout"


@dataclass(frozen=True)
class SandboxRequest:
    method: str
    """HTTP verb, upper case."""
    path: str
    """URL path only, e.g. ``/v3/submit_orders``."""
    headers: dict[str, str] = field(default_factory=dict)
    """Header names in lower case."""
    query: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class SandboxResponse:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    """Latency the adapter adds before answering (``--latency-ms``)."""
    fault: Fault = Fault.NONE
    applied: bool = True
    """False when a fault struck before the request touched any state."""
