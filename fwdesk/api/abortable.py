"""An httpx transport whose in-flight requests can be cut from another thread.

A blocked socket read cannot be interrupted by closing the socket from another thread, but it
can by shutting it down. The app uses this so that quitting, or replacing a superseded quote,
never waits for a slow server to answer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx


class _TrackingBackend(httpcore.NetworkBackend):
    """httpcore's own synchronous backend, remembering every socket it opens."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        self._track(stream)
        return stream

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, timeout, socket_options)
        self._track(stream)
        return stream

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def _track(self, stream: httpcore.NetworkStream) -> None:
        sock = stream.get_extra_info("socket")
        if sock is not None:
            with self._lock:
                self._sockets.add(sock)

    def abort(self) -> int:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed or never connected
                sock.shutdown(socket.SHUT_RDWR)
        return len(sockets)


class AbortableTransport(httpx.HTTPTransport):
    """`httpx.HTTPTransport` plus `abort()`, which ends every request in flight at once."""

    def __init__(self) -> None:
        super().__init__()
        self._backend = _TrackingBackend()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=self._backend,
        )

    def abort(self) -> int:
        """Cut all open connections; returns how many there were. Safe from any thread."""
        return self._backend.abort()
