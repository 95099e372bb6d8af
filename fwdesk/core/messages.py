"""Errors in a shop owner's words: what happened, and what to do next."""

from __future__ import annotations

import errno
import sqlite3

from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    AuthError,
    BusinessError,
    HttpStatusError,
    NetworkError,
    RateLimited,
    ResponseFormatError,
    ServerError,
)
from fwdesk.core.field_names import labels_of

DISK_FULL = (
    "Your disk is full, so fwdesk could not save. Free some space; everything saved before is kept."
)


def storage_problem(error: BaseException) -> str | None:
    """A failed write to this computer's own disk, in words; None for any other error."""
    if isinstance(error, sqlite3.Error):
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        if code == sqlite3.SQLITE_FULL:
            return DISK_FULL
        if code == sqlite3.SQLITE_READONLY:
            return (
                "This data is open read-only (the notice at the top of the window says why), "
                "so nothing can be saved or sent now; what is shown is kept as it was."
            )
        return (
            f"fwdesk could not use its data file ({error}). Check that the disk is attached "
            "and writable, then try again; everything saved before is kept."
        )
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DISK_FULL
        if error.filename or error.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO):
            where = f" {error.filename}" if error.filename else ""
            return f"fwdesk could not write{where} ({error.strerror or error}). Try again."
    return None


def explain(error: BaseException) -> str:
    storage = storage_problem(error)
    if storage is not None:
        return storage
    if isinstance(error, AuthError):
        return (
            "FinerWorks did not accept the API keys. Copy both keys again from your FinerWorks "
            "account and check the environment (production or test)."
        )
    if isinstance(error, NetworkError):
        if error.certificate_refused:
            return (
                "FinerWorks' security certificate could not be verified. This usually means "
                "this computer's date or time is wrong: check them, then try again."
            )
        if error.too_slow:
            return (
                "FinerWorks took too long to answer. Check your internet connection and try "
                "again; an order sent meanwhile is looked up by its PO before it is ever sent "
                "again."
            )
        if error.may_have_reached_server:
            return (
                "The connection to FinerWorks was lost before it answered. Check your internet "
                "connection and try again."
            )
        return "FinerWorks could not be reached. Check your internet connection and try again."
    if isinstance(error, HttpStatusError):
        if 300 <= error.http_status < 400:
            return (
                f"{error.message}: the address of this account has moved. Check it under "
                "Account > Manage accounts."
            )
        if error.http_status == 404:
            return (
                f"{error.message}: nothing answers at this address. Check the account's "
                "environment or address under Account > Manage accounts."
            )
        return f"{error.message}. Try again; if it keeps happening, check the account's address."
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
        fields = labels_of(sorted(error.field_errors)) or "the request"
        return f"FinerWorks found a problem with {fields}: {error.message}"
    if isinstance(error, BusinessError):
        return f"FinerWorks declined: {error.message}"
    if isinstance(error, ApiError):
        return error.message
    return "Something unexpected went wrong. The log folder (Help menu) has the details."
