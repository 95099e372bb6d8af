"""The shapes every answer takes, and the call a handler gets.

FinerWorks answers in three layers (API.md 1.3): a ``status`` envelope beside the payload, an
ASP.NET ``Message``/``ModelState`` body with HTTP 400 for bad keys and bad fields, and HTTP 200
with ``status.success == false`` for a request it understood and declined. Handlers raise
`Invalid` or `Refusal` and never build those bodies themselves, so all calls agree.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.protocol import SandboxResponse
from fwdesk.sandbox.validation import Errors

if TYPE_CHECKING:
    from fwdesk.sandbox.accounts import Account

INVALID_MESSAGE = "The request is invalid."
BODY_PARAMETER = "request"
"""FinerWorks binds a body to a parameter named ``request``, so ASP.NET keys every body-field
error under it (API.md 9.3: ``request.orders[0].recipient.zip_postal_code``)."""


class Invalid(Exception):
    """HTTP 400 with a ModelState, as ASP.NET's model binding answers.

    `errors` are keyed by the field's path inside the body; `bound` says whether they are
    body fields (prefixed with ``request.``) or parameters of their own, such as query ones.
    """

    def __init__(
        self, errors: Errors, message: str = INVALID_MESSAGE, *, bound: bool = True
    ) -> None:
        super().__init__(message)
        self.errors = errors
        self.message = message
        self.bound = bound

    def model_state(self) -> Errors:
        if not self.bound:
            return self.errors
        return {
            f"{BODY_PARAMETER}.{key}" if key else BODY_PARAMETER: messages
            for key, messages in self.errors.items()
        }


class Refusal(Exception):
    """HTTP 200 with ``status.success == false``: understood, and declined.

    `payload` rides along for the one refusal that still reports results: a failed payment,
    after which the orders exist unpaid (API.md 1.3).
    """

    def __init__(self, message: str, payload: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.payload = payload or {}


@dataclass
class Call:
    account: Account
    body: Any
    query: dict[str, str]

    def obj(self) -> dict[str, Any]:
        """The body as an object; an absent body or a literal ``null`` is an empty one."""
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise Invalid({"": ["An object is expected."]})
        return self.body

    def param(self, name: str) -> Any:
        """A GET parameter from the query string, or from the body when the same method is
        called with POST and a JSON body, as some clients do."""
        if name in self.query:
            return self.query[name]
        return self.body.get(name) if isinstance(self.body, dict) else None


def answer(status: int, payload: dict[str, Any]) -> SandboxResponse:
    return SandboxResponse(
        status, json.dumps(payload).encode(), {"Content-Type": "application/json; charset=utf-8"}
    )


def invalid(errors: Errors, message: str = INVALID_MESSAGE) -> SandboxResponse:
    """The ASP.NET model-binding answer FinerWorks gives for bad keys and bad fields."""
    return answer(400, {"Message": message, "ModelState": errors})


def not_found(what: str) -> SandboxResponse:
    return answer(404, {"Message": f"No HTTP resource was found for '{what}'."})


def status(success: bool, message: str) -> dict[str, Any]:
    return {
        "success": success,
        "status_code": 200 if success else 400,
        "message": message,
        "debug": None,
        "reference_id": secrets.token_hex(6),
        "domain": "sandbox",
    }


def success(payload: dict[str, Any]) -> SandboxResponse:
    return answer(200, {"status": status(True, ""), **payload})


def refused(refusal: Refusal) -> SandboxResponse:
    return answer(200, {"status": status(False, str(refusal)), **refusal.payload})
