"""A FinerWorks key pair, and what a key must look like.

Kept apart from the account's models (api.account), which bring the address models with them:
the first window needs the keys' type, not those (see tests/unit/test_startup_imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def key_problem(key: str) -> str:
    """Why `key` cannot be a FinerWorks key, in words that never repeat it; "" when it can.

    Keys travel as HTTP header values, so only printable ASCII without spaces survives the
    trip: anything else would fail on the wire (and a copied line break would put the key
    into the error text)."""
    if not key:
        return "Paste the key from your FinerWorks account."
    if any(ch.isspace() for ch in key):
        return "A key has no spaces or line breaks; copy it again."
    if not all(" " < ch <= "~" for ch in key):
        return "A key is made of plain letters, digits and punctuation; copy it again."
    return ""


@dataclass(frozen=True)
class Credentials:
    """A FinerWorks key pair. `repr` shows neither key, so it is safe in logs and tracebacks.

    `public` marks a pair that is no secret (the simulator's demo/demo): it is not masked in
    text, where masking a word like "demo" would garble every line."""

    web_api_key: str = field(repr=False)
    app_key: str = field(repr=False)
    public: bool = False

    def __post_init__(self) -> None:
        for name, key in (("web_api_key", self.web_api_key), ("app_key", self.app_key)):
            problem = key_problem(key)
            if problem:
                raise ValueError(f"{name}: {problem}")

    def secrets(self) -> tuple[str, str]:
        return (self.web_api_key, self.app_key)

    def to_mask(self) -> tuple[str, ...]:
        """What text must never show: both keys, unless the pair is public."""
        return () if self.public else self.secrets()
