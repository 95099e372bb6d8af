"""One FinerWorks call on the wire: the request as the API wants it (keys in the headers, or in
the query string as the old Documentation page says), and its answer read into data or into
the client's error that names what happened.

Reads retry with backoff and honour Retry-After; writes are sent once, whatever happens,
because a lost answer to a submit must be reconciled by looking the order up, never by sending
it again. Keys are masked in every message made here.
"""

from __future__ import annotations

import json
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from fwdesk.api.abortable import AbortableTransport
from fwdesk.api.errors import (
    ApiError,
    ApiValidationError,
    AuthError,
    BusinessError,
    DuplicatePo,
    HttpStatusError,
    NetworkError,
    PaymentFailed,
    RateLimited,
    ResponseFormatError,
    ServerError,
)
from fwdesk.api.fields import WHOLE_NUMBER, Reader, as_object
from fwdesk.api.keys import Credentials
from fwdesk.api.redact import Redactor
from fwdesk.api.watchdog import WATCHDOG, Alarm
from fwdesk.api.wordings import is_auth_refusal, is_duplicate_po, is_payment_failure

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
DEFAULT_DEADLINE_S = 45.0
"""The most one request may take, start to last byte: httpx's read timeout is per read, so a
server (or proxy) that trickles a byte at a time would otherwise hold a call for ever."""
REASONS = {
    301: "Moved Permanently",
    302: "Found",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
}

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How reads are retried: `attempts` in all, exponential backoff with jitter, capped."""

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, attempt: int) -> float:
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


class Wire:
    def __init__(
        self,
        credentials: Credentials,
        base_url: str,
        *,
        keys_in_query: bool,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        transport: httpx.BaseTransport | None,
        sleep: Callable[[float], None],
        user_agent: str,
        deadline_s: float = DEFAULT_DEADLINE_S,
    ) -> None:
        """Without a transport of its own the wire uses an abortable one, which is what lets
        it hold every request to `deadline_s`."""
        transport = transport if transport is not None else AbortableTransport()
        self._credentials = credentials
        self._deadline_s = deadline_s
        self.redact = self._redact = Redactor(credentials.to_mask())
        self._keys_in_query = keys_in_query
        self._retry = retry
        self._sleep = sleep
        self.base_url = base_url
        self._transport = transport
        self._http = httpx.Client(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": user_agent},
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def abort(self) -> None:
        """End any request in flight (from any thread); it fails with a NetworkError."""
        if isinstance(self._transport, AbortableTransport):
            self._transport.abort()

    def read(self, verb: str, method: str, **kwargs: Any) -> dict[str, Any]:
        """A call that changes nothing on the server, so it is safe to repeat."""
        return self.retried(method, lambda: self.send(verb, method, **kwargs))

    def retried(self, method: str, attempt_once: Callable[[], T]) -> T:
        attempt = 1
        while True:
            try:
                return attempt_once()
            except ApiError as error:
                if attempt >= self._retry.attempts or not _worth_retrying(error):
                    raise
                wait = getattr(error, "retry_after", None) or self._retry.delay(attempt)
                log.info(
                    "%s failed (%s); retry %d in %.1fs", method, type(error).__name__, attempt, wait
                )
                self._sleep(min(wait, self._retry.max_delay))
                attempt += 1

    def write(self, verb: str, method: str, **kwargs: Any) -> dict[str, Any]:
        """A call that changes state: sent once, whatever happens."""
        return self.send(verb, method, **kwargs)

    def send(
        self,
        verb: str,
        method: str,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
        payload_keys: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        params = dict(params or {})
        headers = {}
        web_api_key, app_key = self._credentials.secrets()
        if self._keys_in_query:
            params.update(web_api_key=web_api_key, app_key=app_key)
        else:
            headers.update(web_api_key=web_api_key, app_key=app_key)
        content = None
        if body is not None:
            content = json.dumps(body, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        unsendable = ""
        with _Deadline(self._transport, self._deadline_s) as deadline:
            try:
                response = self._http.request(
                    verb, method, params=params, headers=headers, content=content
                )
            except httpx.HTTPError as exc:
                if deadline.expired:
                    raise self._past_deadline(method) from None
                raise self._network_error(method, exc) from None
            except (UnicodeError, ValueError, TypeError) as exc:
                unsendable = type(exc).__name__
        if unsendable:
            # Raised before anything left (a key or a value that cannot go in a header). Its
            # text may hold the value, so the error is made out here, with no link to it.
            raise NetworkError(
                f"The request could not be sent ({unsendable} in what was to be sent; the API "
                "keys may hold a character that cannot be sent)",
                method=method,
                may_have_reached_server=False,
            )
        log.debug(
            "%s -> HTTP %d in %.0f ms",
            method,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return self._interpret(method, response, payload_keys)

    def download(self, url: httpx.URL, max_bytes: int) -> bytes:
        """One plain GET: the client's own headers but no keys, and redirects followed, which
        is safe precisely because nothing secret goes along."""
        method = "fetch_image"
        with _Deadline(self._transport, self._deadline_s) as deadline:
            try:
                with self._http.stream(
                    "GET", url, headers={"Accept": "image/*"}, follow_redirects=True
                ) as response:
                    _check_image(response, max_bytes)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise _too_large(max_bytes)
            except httpx.HTTPError as exc:
                if deadline.expired:
                    raise self._past_deadline(method) from None
                raise self._network_error(method, exc) from None
        return bytes(body)

    def _past_deadline(self, method: str) -> NetworkError:
        return NetworkError(
            f"The server did not finish answering within {self._deadline_s:g} seconds",
            method=method,
            may_have_reached_server=True,
            too_slow=True,
        )

    def _network_error(self, method: str, exc: httpx.HTTPError) -> NetworkError:
        never_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
        if isinstance(exc, httpx.TimeoutException) and not never_sent:
            what = "The server did not answer in time"
        elif never_sent:
            what = "Could not connect to the server"
        else:
            what = "The connection was lost before the server answered"
        detail = self._redact(str(exc)) or type(exc).__name__
        return NetworkError(
            f"{what} ({detail})",
            method=method,
            may_have_reached_server=not never_sent,
            certificate_refused=_certificate_refused(exc),
            too_slow=isinstance(exc, httpx.TimeoutException) and not never_sent,
        )

    def _interpret(
        self, method: str, response: httpx.Response, payload_keys: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """`payload_keys`: a 4xx answer that still carries one of these is read as an answer
        (FinerWorks' own app accepts any status below 500 from get_product_details)."""
        code = response.status_code
        if code == 429:
            raise RateLimited(
                "FinerWorks is busy and asked us to slow down",
                method=method,
                retry_after=_retry_after(response),
            )
        if code >= 500:
            raise ServerError(
                f"FinerWorks had a problem answering (HTTP {code})", method=method, http_status=code
            )
        if code in (401, 403):
            raise AuthError(
                f"FinerWorks refused the API keys (HTTP {code} {REASONS[code]})", method=method
            )
        try:
            data = self._json(method, response)
        except ResponseFormatError:
            if 200 <= code < 300 or code == 400:
                raise
            raise self._status_error(method, response) from None
        if code == 400 and _is_auth_refusal(data):
            raise AuthError(
                self._redact(_error_text(data)) or "Missing or unauthorized api credentials",
                method=method,
            )
        if 400 <= code < 500 and any(key in data for key in payload_keys):
            return data
        status = data.get("status")
        if isinstance(status, dict) and not Reader(status, "status").boolean("success", True):
            status_reader = Reader(status, "status")
            message = self._redact(status_reader.text("message"))
            refusal = PaymentFailed if is_payment_failure(message) else BusinessError
            raise refusal(
                message or "FinerWorks declined the request",
                method=method,
                status_code=status_reader.opt_integer("status_code"),
            )
        if code == 400:
            field_errors = _model_state(data, self._redact)
            texts = [_error_text(data), *(m for ms in field_errors.values() for m in ms)]
            refusal = DuplicatePo if any(is_duplicate_po(t) for t in texts) else ApiValidationError
            raise refusal(
                self._redact(_error_text(data)) or "The request is invalid",
                method=method,
                field_errors=field_errors,
            )
        if not 200 <= code < 300:
            raise self._status_error(method, response)
        return data

    def _status_error(self, method: str, response: httpx.Response) -> HttpStatusError:
        code = response.status_code
        reason = REASONS.get(code) or response.reason_phrase or "unexpected answer"
        text = f"FinerWorks answered HTTP {code} {reason}"
        location = response.headers.get("Location")
        if 300 <= code < 400 and location:
            text += f", pointing to {self._redact(location)}"
        return HttpStatusError(text, method=method, http_status=code)

    def _json(self, method: str, response: httpx.Response) -> dict[str, Any]:
        try:
            data = json.loads(response.content)
        except RecursionError:
            raise ResponseFormatError(
                "the answer is nested too deeply to read", method=method
            ) from None
        except (ValueError, UnicodeDecodeError):
            raise ResponseFormatError(
                "the answer was not valid JSON", method=method, unreadable=True
            ) from None
        try:
            return as_object(data, "response")
        except ResponseFormatError as error:
            error.method = method
            raise


def _worth_retrying(error: ApiError) -> bool:
    if isinstance(error, ResponseFormatError):
        return error.unreadable
    return isinstance(error, (RateLimited, ServerError, NetworkError))


def _check_image(response: httpx.Response, max_bytes: int) -> None:
    """Turns away, before reading the body, an answer that is an error, not a picture, or
    announced as too large."""
    code = response.status_code
    if code >= 500:
        raise ServerError(
            f"the image host had a problem answering (HTTP {code})",
            method="fetch_image",
            http_status=code,
        )
    if not 200 <= code < 300:
        raise ResponseFormatError(f"the image host answered HTTP {code}", method="fetch_image")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not kind.startswith("image/"):
        raise ResponseFormatError(
            f"expected an image but got {kind or 'no content type'}", method="fetch_image"
        )
    length = response.headers.get("Content-Length", "")
    if WHOLE_NUMBER.fullmatch(length) and int(length) > max_bytes:
        raise _too_large(max_bytes)


def _too_large(max_bytes: int) -> ResponseFormatError:
    return ResponseFormatError(f"the image is larger than {max_bytes} bytes", method="fetch_image")


def _certificate_refused(exc: BaseException) -> bool:
    """Whether TLS verification failed somewhere down the exception's chain of causes."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def _error_text(data: dict[str, Any]) -> str:
    for key in ("Message", "message"):
        if isinstance(data.get(key), str):
            return data[key]
    status = data.get("status")
    if isinstance(status, dict) and isinstance(status.get("message"), str):
        return status["message"]
    return ""


def _model_state(data: dict[str, Any], redact: Callable[[str], str]) -> dict[str, list[str]]:
    state = data.get("ModelState") or data.get("modelState")
    if not isinstance(state, dict):
        return {}
    return {
        redact(str(key)): [
            redact(str(text)) for text in (texts if isinstance(texts, list) else [texts])
        ]
        for key, texts in state.items()
    }


def _is_auth_refusal(data: dict[str, Any]) -> bool:
    texts = [_error_text(data)]
    for messages in _model_state(data, str).values():
        texts += messages
    return any(is_auth_refusal(text) for text in texts)


class _Deadline:
    """Cuts the request in flight once `seconds` have passed (an abortable transport only:
    others, the in-process simulator among them, cannot trickle)."""

    def __init__(self, transport: httpx.BaseTransport | None, seconds: float) -> None:
        self._transport = transport if isinstance(transport, AbortableTransport) else None
        self._seconds = seconds
        self._alarm: Alarm | None = None
        self._lock = threading.Lock()
        self._over = False
        self.expired = False

    def __enter__(self) -> _Deadline:
        if self._transport is not None:
            self._alarm = WATCHDOG.arm(self._seconds, self._expire)
        return self

    def _expire(self) -> None:
        with self._lock:
            if self._over:
                return
            self.expired = True
        self._transport.abort()

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._over = True
        if self._alarm is not None:
            self._alarm.cancel()
