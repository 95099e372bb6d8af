"""Injected misbehaviour, decided by the core so the HTTP server and the in-process transport
misbehave identically. The nastiest cases strike *after* the request was applied: the order
exists, but the client never hears so."""

from __future__ import annotations

import enum
import random


class Injected(enum.Enum):
    SERVER_ERROR = "500"
    UNAVAILABLE = "503"
    RATE_LIMITED = "429"
    TIMEOUT_BEFORE = "timeout-before"
    TIMEOUT_AFTER = "timeout-after"
    MALFORMED_AFTER = "malformed-after"
    DROP_AFTER = "drop-after"

    @property
    def before_applying(self) -> bool:
        """True when the request is turned away untouched."""
        return self in (
            Injected.SERVER_ERROR,
            Injected.UNAVAILABLE,
            Injected.RATE_LIMITED,
            Injected.TIMEOUT_BEFORE,
        )


class FaultInjector:
    def __init__(self, fail_rate: float, seed: int | None) -> None:
        self.fail_rate = fail_rate
        self._random = random.Random(seed)

    def draw(self) -> Injected | None:
        if self.fail_rate <= 0 or self._random.random() >= self.fail_rate:
            return None
        return self._random.choice(list(Injected))
