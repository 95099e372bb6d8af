"""Catalogue refreshes against fwdesk-sandbox over HTTP: a full one, and one cut off half-way."""

from __future__ import annotations

import httpx
import pytest
from sandboxes import start_sandbox

from fwdesk.api.errors import ApiError
from fwdesk.core.catalog import CatalogCache, download_catalog
from fwdesk.core.store import Store


@pytest.fixture
def running():
    process = start_sandbox("--seed", "3")
    yield process
    process.stop()


def set_fail_rate(running, rate: float) -> None:
    httpx.post(
        running.url + "_sandbox_control",
        headers={"web_api_key": "demo", "app_key": "demo"},
        json={"fail_rate": rate},
    ).raise_for_status()


def test_a_full_refresh_over_http_is_cached(running, tmp_path):
    cache = CatalogCache(Store(tmp_path / "shop.sqlite"))
    with running.client() as api:
        snapshot = download_catalog(api, lambda done, total: None)
    cache.save(snapshot)
    loaded = cache.load()
    assert len(loaded.products) == len(snapshot.products) > 2000
    assert sum(p.in_inventory for p in loaded.products) >= 40


def test_a_refresh_failing_half_way_keeps_the_old_cache(running, tmp_path):
    cache = CatalogCache(Store(tmp_path / "shop.sqlite"))
    with running.client() as api:
        old = download_catalog(api, lambda done, total: None)
    cache.save(old)
    seen = []

    def break_half_way(done: int, total: int) -> None:
        seen.append(done)
        if done == 25:  # 7 listing steps, then price batches: this is about half-way
            set_fail_rate(running, 1.0)

    # Injected timeouts hold the connection open, so a short read timeout keeps this quick.
    with running.client(timeout=httpx.Timeout(1.0)) as api, pytest.raises(ApiError):
        download_catalog(api, break_half_way)
    assert max(seen) == 25, "the failure struck half-way through, not at the start"
    kept = cache.load()
    assert kept.fetched_at == old.fetched_at
    assert kept.products == old.products
