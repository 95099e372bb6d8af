"""A loopback web server for print files, the way file hosts behave: honouring Range or
ignoring it, refusing, redirecting, answering with a sign-in page, or holding an answer back
until a test lets it go."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), FileHandler)
        self.files = files
        self.sent: list[int] = []
        """Bytes of body sent per request, in order."""
        self.ranges: list[str | None] = []
        self.gate = threading.Event()
        """What /held/NAME waits for before it answers."""
        self.held = threading.Event()
        """Set once a /held/ request has arrived."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class FileHandler(BaseHTTPRequestHandler):
    """/range/NAME honours Range, /whole/NAME ignores it, /held/NAME answers (honouring
    Range) once the gate opens, /moved/NAME redirects to /range/NAME, /page is a sign-in
    page, /forbidden is refused and an unknown name is not found."""

    server: FileServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.ranges.append(self.headers.get("Range"))
        kind, _, name = self.path.strip("/").partition("/")
        if kind == "held":
            self.server.held.set()
            self.server.gate.wait(30)
            kind = "range"
        if kind == "page":
            self._send(200, b"<!doctype html><title>Sign in</title>", "text/html")
        elif kind == "forbidden":
            self._send(403, b"no", "text/plain")
        elif kind == "moved":
            self.send_response(302)
            self.send_header("Location", f"/range/{name}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif name not in self.server.files:
            self._send(404, b"not found", "text/plain")
        elif kind == "range" and self.headers.get("Range"):
            self._send_range(self.server.files[name])
        else:
            self._send(200, self.server.files[name], "application/octet-stream")

    def _send_range(self, data: bytes) -> None:
        first, _, last = self.headers["Range"].removeprefix("bytes=").partition("-")
        start, end = int(first), min(int(last), len(data) - 1)
        if start >= len(data):
            self._send(416, b"", "text/plain")
            return
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self._body(data[start : end + 1], "application/octet-stream")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self._body(body, kind)

    def _body(self, body: bytes, kind: str) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        sent = 0
        try:
            for offset in range(0, len(body), 16384):
                self.wfile.write(body[offset : offset + 16384])
                sent += len(body[offset : offset + 16384])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader had what it needed and hung up
        self.server.sent.append(sent)


@contextmanager
def serving(files: dict[str, bytes]) -> Iterator[FileServer]:
    server = FileServer(files)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.gate.set()
        server.shutdown()
        server.server_close()
        thread.join()
