"""API errors in a shop owner's words: what happened, and what to do next."""

from __future__ import annotations

from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    AuthError,
    BusinessError,
    NetworkError,
    RateLimited,
    ResponseFormatError,
    ServerError,
)


def explain(error: Exception) -> str:
    if isinstance(error, AuthError):
        return (
            "FinerWorks did not accept the API keys. Copy both keys again from your FinerWorks "
            "account and check the environment (production or test)."
        )
    if isinstance(error, NetworkError):
        if error.may_have_reached_server:
            return (
                "The connection to FinerWorks was lost before it answered. Check your internet "
                "connection and try again."
            )
        return "FinerWorks could not be reached. Check your internet connection and try again."
    if isinstance(error, RateLimited):
        return "FinerWorks is busy right now. Wait a minute, then try again."
    if isinstance(error, ServerError):
        return "FinerWorks had a problem on its side. Try again in a few minutes."
    if isinstance(error, ResponseFormatError):
        return (
            "FinerWorks sent an answer fwdesk could not read. Try again; if it keeps "
            "happening, the log has the details."
        )
    if isinstance(error, ApiValidationError):
        fields = ", ".join(sorted(error.field_errors)) or "the request"
        return f"FinerWorks found a problem with {fields}: {error.message}"
    if isinstance(error, BusinessError):
        return f"FinerWorks declined: {error.message}"
    if isinstance(error, ApiError):
        return error.message
    return "Something unexpected went wrong. The log folder (Help menu) has the details."
