"""The client's error hierarchy.

Every failure the client reports is an `ApiError`, so a caller (the worker thread, the outbox)
needs one `except` and can then ask the two questions that matter to a shop owner: what went
wrong, in words, and could the request have taken effect anyway (`outcome_unknown`). The second
question is what keeps a lost answer from turning into a duplicate order.
"""

from __future__ import annotations

import re

_PREFIXES = re.compile(r"^(?:request\.)?(?:orders\[\d+\]\.)?")


class ApiError(Exception):
    """Base of every error the client raises."""

    #: True when the server may have applied the request although we got no usable answer.
    outcome_unknown: bool = False

    def __init__(self, message: str, *, method: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        #: Results of calls that succeeded before this one failed (batched submits).
        self.completed: list = []

    def __str__(self) -> str:
        return f"{self.method}: {self.message}" if self.method else self.message


class AuthError(ApiError):
    """The keys were missing, wrong, or not allowed to make this call."""


class ApiValidationError(ApiError):
    """The server refused the request's content; `field_errors` maps field paths to messages."""

    def __init__(
        self, message: str, *, method: str = "", field_errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message, method=method)
        self.field_errors: dict[str, list[str]] = field_errors or {}
        """As FinerWorks sent them, keyed by its paths (``request.orders[0].recipient.city``)."""

    @property
    def by_field(self) -> dict[str, list[str]]:
        """The errors keyed by the field of one order (``recipient.city``), whatever prefix the
        server put before it (``request.``, ``orders[0].``, both or none)."""
        merged: dict[str, list[str]] = {}
        for path, messages in self.field_errors.items():
            merged.setdefault(plain_field(path), []).extend(messages)
        return merged


def plain_field(path: str) -> str:
    """A ModelState key without the request and order prefixes FinerWorks may put before it."""
    return _PREFIXES.sub("", path, count=1) or path


class DuplicatePo(ApiValidationError):
    """An order_po of the request is already in use on FinerWorks: by an earlier send of the
    same order whose answer was lost, or by another order. Only a lookup can tell which."""


class BusinessError(ApiError):
    """The server understood the request and said no (`status.success == false`)."""

    def __init__(self, message: str, *, method: str = "", status_code: int | None = None) -> None:
        super().__init__(message, method=method)
        self.status_code = status_code


class PaymentFailed(BusinessError):
    """The payment was refused. FinerWorks may still have stored the orders, unpaid (API.md
    1.3), so whether they exist is found out by looking them up."""

    outcome_unknown = True


class NetworkError(ApiError):
    """No answer: the connection failed, timed out or was cut."""

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        may_have_reached_server: bool,
        certificate_refused: bool = False,
        too_slow: bool = False,
    ) -> None:
        super().__init__(message, method=method)
        self.may_have_reached_server = may_have_reached_server
        self.certificate_refused = certificate_refused
        """The server's TLS certificate failed the check: most often because this computer's
        clock is wrong (a certificate is valid only between two dates)."""
        self.too_slow = too_slow
        """The connection worked but the answer did not come (or not all of it) in time."""

    @property
    def outcome_unknown(self) -> bool:  # type: ignore[override]
        return self.may_have_reached_server


class ServerError(ApiError):
    """HTTP 5xx. A proxy may answer 5xx after the service stored the request, so it is unknown."""

    outcome_unknown = True

    def __init__(self, message: str, *, method: str = "", http_status: int) -> None:
        super().__init__(message, method=method)
        self.http_status = http_status


class HttpStatusError(ApiError):
    """An HTTP status that is neither success nor one FinerWorks uses for a refusal: a wrong
    address (404), a redirect (3xx), a proxy in the way. Nothing was done with the request."""

    def __init__(self, message: str, *, method: str = "", http_status: int) -> None:
        super().__init__(message, method=method)
        self.http_status = http_status


class RateLimited(ApiError):
    """HTTP 429: the request was turned away before it was processed."""

    def __init__(self, message: str, *, method: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, method=method)
        self.retry_after = retry_after


class ResponseFormatError(ApiError):
    """The server answered, but not in a shape we can read; it may have acted on the request."""

    outcome_unknown = True

    def __init__(self, message: str, *, method: str = "", unreadable: bool = False) -> None:
        super().__init__(message, method=method)
        #: The body was not JSON at all (cut short, garbled): worth asking again for a read.
        self.unreadable = unreadable
