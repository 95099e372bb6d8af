"""Contract tests run the same checks over real HTTP and through the in-process transport."""

from __future__ import annotations

import pytest
from sandboxes import inprocess_client


@pytest.fixture(params=["http", "inprocess"])
def api(request, sandbox):
    client = sandbox.client() if request.param == "http" else inprocess_client()
    with client:
        yield client
