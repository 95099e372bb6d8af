"""A print file's pixel size, read from its first bytes: at a web address or on this computer.

FinerWorks downloads the print file from its URL, so the URL is what is checked: the header
of the file is fetched with Range requests (a TIFF may keep it at the end, and is then read
there), never more than `HEAD_LIMIT` bytes in all and never for longer than `DEADLINE_S`. A
print file is often hundreds of megabytes; the whole of it is never needed. Every failure is
a `Reading` with a sentence for the shop, not an exception: a wrong link is an everyday
thing. Callers run these off the GUI thread (a Job).
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

import httpx
import imagesize

from fwdesk.core.artwork import Pixels, Reading

HEAD_LIMIT = 1_000_000
DEADLINE_S = 10.0
BLOCK = 64 * 1024
"""What one Range request asks for: a JPEG's, PNG's or WebP's header is almost always in the
first; a reader that needs more (a TIFF's directory) is given the block it seeks to."""
_SIGNATURES = (b"\xff\xd8", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"II+\x00")
"""JPEG, PNG, TIFF (both byte orders) and BigTIFF; WebP is RIFF....WEBP, checked apart."""
NOT_A_PICTURE = "This is not a picture fwdesk can read: use a JPEG, PNG, TIFF or WebP file."
WEB_PAGE = (
    "This address opens a web page, not the picture itself. Use the file's direct download "
    "link (a Dropbox link, for one, ends in dl=1)."
)
DAMAGED = "The file looks like a picture but its size cannot be read: it may be damaged."
TOO_DEEP = (
    "fwdesk read the start of this file without finding its size. Save it again as JPEG, PNG "
    "or TIFF and check it again."
)
ODD_ANSWER = "The server sent something other than the file asked for. Try again later."
T = TypeVar("T")


class Unreadable(Exception):
    """Why a file's size could not be read, already in the shop's words."""


def pixel_size(file: BinaryIO) -> Pixels:
    """The pixel size of the picture in `file` (as it is shown: a JPEG's EXIF turn counts)."""
    head = file.read(64)
    file.seek(0)
    webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if not webp and not head.startswith(_SIGNATURES):
        raise Unreadable(WEB_PAGE if _looks_like_html(head) else NOT_A_PICTURE)
    try:
        info = imagesize.get_info(file, dpi=False, colors=False, channels=False)
    except Unreadable:
        raise
    except Exception:  # imagesize raises whatever a damaged header makes struct or int raise
        raise Unreadable(DAMAGED) from None
    if info.width <= 0 or info.height <= 0:
        raise Unreadable(DAMAGED)
    return Pixels(info.width, info.height)


def read_local(path: Path) -> Reading:
    try:
        with path.open("rb") as file:
            return Reading(pixel_size(file))
    except Unreadable as problem:
        return Reading(problem=str(problem))
    except FileNotFoundError:
        return Reading(problem=f"{path.name} is not there any more.")
    except PermissionError:
        return Reading(problem=f"fwdesk is not allowed to open {path.name}.")
    except OSError as error:
        return Reading(problem=f"{path.name} could not be opened ({error.strerror or error}).")


def read_url(
    url: str,
    check: Callable[[], None] = lambda: None,
    *,
    deadline_s: float = DEADLINE_S,
    limit: int = HEAD_LIMIT,
) -> Reading:
    """The pixel size of the picture at `url`. `check` raises to stop waiting (a cancelled
    job): the download runs in a thread of its own so that stopping is at once, and the
    abandoned download ends by its deadline."""
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        return Reading(problem="Enter the file's full web address, starting with https://.")
    return _waiting(check, lambda: _download(parsed, deadline_s, limit))


def _download(url: httpx.URL, deadline_s: float, limit: int) -> Reading:
    deadline = time.monotonic() + deadline_s
    try:
        with httpx.Client(follow_redirects=True, headers={"Accept-Encoding": "identity"}) as client:
            return Reading(pixel_size(RangedFile(client, url, deadline, limit)))
    except Unreadable as problem:
        return Reading(problem=str(problem))
    except httpx.TimeoutException:
        return Reading(problem=_slow(deadline_s))
    except httpx.ConnectError:
        return Reading(
            problem=f"Could not reach {url.host}. Check the address and the internet connection."
        )
    except httpx.HTTPError:
        return Reading(problem=f"The download from {url.host} broke off. Try again.")


class RangedFile(io.RawIOBase):
    """The file at a URL as a seekable file, fetched a block at a time, within a byte budget
    and a deadline. A server that ignores Range sends the file from its start: then only
    what the budget allows of that start can be read."""

    def __init__(self, client: httpx.Client, url: httpx.URL, deadline: float, limit: int):
        super().__init__()
        self._client = client
        self._url = url
        self._deadline = deadline
        self._limit = limit
        self._spent = 0
        self._blocks: dict[int, bytes] = {}
        self._size: int | None = None
        """The file's length, once a server has said it (or sent all of it)."""
        self._from_start_only = False
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            if self._size is None:
                self._block(0)
            if self._size is None:
                raise Unreadable(DAMAGED)
            offset += self._size
        self._position = max(0, offset)
        return self._position

    def read(self, size: int = -1) -> bytes:
        """`size` bytes from the position (or fewer at the end); -1 reads one block, never
        the whole file."""
        wanted = BLOCK if size < 0 else size
        found = bytearray()
        while len(found) < wanted:
            index, offset = divmod(self._position, BLOCK)
            piece = self._block(index)[offset : offset + wanted - len(found)]
            if not piece:
                break
            found += piece
            self._position += len(piece)
        return bytes(found)

    def _block(self, index: int) -> bytes:
        start = index * BLOCK
        if index in self._blocks:
            return self._blocks[index]
        if self._size is not None and start >= self._size:
            return b""
        if self._from_start_only:
            raise Unreadable(TOO_DEEP)
        asked = min(BLOCK, self._limit - self._spent)
        if asked <= 0:
            raise Unreadable(TOO_DEEP)
        self._fetch(start, asked)
        return self._blocks.get(index, b"")

    def _fetch(self, start: int, length: int) -> None:
        headers = {"Range": f"bytes={start}-{start + length - 1}"}
        timeout = httpx.Timeout(max(0.01, self._deadline - time.monotonic()))
        with self._client.stream("GET", self._url, headers=headers, timeout=timeout) as answer:
            if answer.status_code == 416:
                self._size = start  # asked from beyond its end
                return
            _refuse_status(answer)
            if answer.status_code == 206 and _range_start(answer) == start:
                self._size = _range_total(answer)
                self._blocks[start // BLOCK] = self._take(answer, length)[0]
                return
            if answer.status_code != 200:
                raise Unreadable(ODD_ANSWER)
            # the server ignored Range and sends the file from its first byte: keep what
            # the budget allows of it
            self._from_start_only = True
            data, whole = self._take(answer, self._limit - self._spent)
            for offset in range(0, len(data), BLOCK):
                self._blocks[offset // BLOCK] = data[offset : offset + BLOCK]
            if whole:
                self._size = len(data)

    def _take(self, answer: httpx.Response, most: int) -> tuple[bytes, bool]:
        """Up to `most` bytes of the answer, and whether that was all of it."""
        data = bytearray()
        whole = True
        for chunk in answer.iter_raw():
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout("past the deadline")
            data += chunk[: most - len(data)]
            if len(data) >= most:
                whole = False
                break
        self._spent += len(data)
        return bytes(data), whole


def _refuse_status(answer: httpx.Response) -> None:
    code = answer.status_code
    if code in (404, 410):
        raise Unreadable("There is no file at this address (the server says “not found”).")
    if code in (401, 403):
        raise Unreadable(
            "The server does not let fwdesk download this file, so FinerWorks could not "
            "either. Use a link anyone can open."
        )
    if code >= 400:
        raise Unreadable(f"The server could not send the file (error {code}). Try again later.")


def _range_start(answer: httpx.Response) -> int | None:
    """The first byte a 206 answer holds ("bytes 0-65535/123456")."""
    value = answer.headers.get("Content-Range", "")
    unit, _, rest = value.partition(" ")
    first = rest.partition("-")[0]
    return int(first) if unit.lower() == "bytes" and first.isdigit() else None


def _range_total(answer: httpx.Response) -> int | None:
    total = answer.headers.get("Content-Range", "").rpartition("/")[2]
    return int(total) if total.isdigit() else None


def _looks_like_html(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html"))


def _slow(deadline_s: float) -> str:
    return (
        f"The server did not send the file within {deadline_s:g} seconds. Check the address, "
        "or try again later."
    )


def _waiting(check: Callable[[], None], work: Callable[[], T]) -> T:
    """`work`'s result, computed in a daemon thread while `check` is asked every 50 ms."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the caller's thread, raised there
            failure.append(error)

    worker = threading.Thread(target=run, name="fwdesk-print-file", daemon=True)
    worker.start()
    while worker.is_alive():
        check()
        worker.join(0.05)
    if failure:
        raise failure[0]
    return outcome[0]
