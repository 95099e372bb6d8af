"""Per-call cost of FinerWorksClient over raw httpx, against the same sandbox on loopback.

Both make the same list_order_status_definitions call (small answer, so the client's own
work shows); reported as medians of batches and their ratio (budget 1.15x).

    python bench/client_overhead.py [--calls 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import httpx
from sandboxes import start_sandbox


def timed(call, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    running = start_sandbox()
    try:
        headers = {"web_api_key": "demo", "app_key": "demo"}
        url = running.url + "list_order_status_definitions"
        with httpx.Client() as raw, running.client() as client:
            raw_call = lambda: raw.get(url, headers=headers).json()  # noqa: E731
            client_call = client.list_order_status_definitions
            raw_call(), client_call()  # connections warm
            raw_times, client_times = [], []
            for _ in range(5):
                raw_times.append(timed(raw_call, args.calls))
                client_times.append(timed(client_call, args.calls))
    finally:
        running.stop()
    raw_ms = statistics.median(raw_times) * 1000
    client_ms = statistics.median(client_times) * 1000
    print(
        f"per call: raw httpx {raw_ms:.2f} ms, FinerWorksClient {client_ms:.2f} ms, "
        f"ratio {client_ms / raw_ms:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
