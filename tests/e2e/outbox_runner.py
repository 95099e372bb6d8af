"""Sends every unsent draft of a database to a sandbox, as the app's outbox does; the fault
tests run it as a process and kill it at random moments.

    python outbox_runner.py DATABASE SANDBOX_URL [CLAIM_SECONDS]

A killed runner's claims hold its drafts until they run out; the kill test keeps them short
so the next runner may take them over soon, as a restarted app does after a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.keys import Credentials
from fwdesk.core.drafts import DRAFT, SUBMITTING, UNKNOWN, DraftStore
from fwdesk.core.outbox import CLAIM_SECONDS, Outbox
from fwdesk.core.payment import Payment, PaymentKind
from fwdesk.core.store import Store


def main() -> int:
    drafts = DraftStore(Store(Path(sys.argv[1])))
    claim_s = float(sys.argv[3]) if len(sys.argv) > 3 else CLAIM_SECONDS
    client = FinerWorksClient(
        Credentials("demo", "demo"),
        sys.argv[2],
        timeout=httpx.Timeout(2.0),
        retry=RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2),
    )
    with client:
        pending = [d.id for d in drafts.in_states(DRAFT, SUBMITTING, UNKNOWN)]
        card = Payment(PaymentKind.CARD, "demo card", token="tok_demo_visa_4242")
        report = Outbox(drafts, rounds=20, pause=0.05, claim_s=claim_s).send(
            client, pending, payment=card
        )
    print(
        f"submitted {len(report.submitted)} waiting {len(report.waiting)} "
        f"elsewhere {len(report.elsewhere)}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
