"""Fixtures for the client unit tests."""

from __future__ import annotations

import pytest
from scripted_api import Script


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def client(script: Script):
    with script.client() as api:
        yield api
