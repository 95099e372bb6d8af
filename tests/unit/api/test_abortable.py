"""A request hanging on a silent server ends the moment it is aborted from another thread."""

from __future__ import annotations

import threading
import time

import pytest
from silent_server import silent_server

from fwdesk.api.abortable import AbortableTransport
from fwdesk.api.client import FinerWorksClient
from fwdesk.api.errors import NetworkError
from fwdesk.api.keys import Credentials


@pytest.fixture
def silent_url():
    with silent_server() as (url, _accepted):
        yield url


@pytest.mark.timeout(20)
def test_abort_ends_a_hanging_read(silent_url):
    client = FinerWorksClient(
        Credentials("k1", "k2"),
        silent_url,
        transport=AbortableTransport(),
        sleep=lambda _s: None,
    )
    outcome: dict[str, object] = {}

    def call() -> None:
        started = time.monotonic()
        try:
            client.update_order(1, "hold")
        except NetworkError as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.3)
    assert worker.is_alive(), "the server never answers, so the call must still be waiting"
    client.abort()
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert isinstance(outcome["error"], NetworkError)
    assert outcome["error"].may_have_reached_server is True
    assert outcome["seconds"] < 10  # the read timeout is 30 s: only the abort ends it this soon
    client.close()
