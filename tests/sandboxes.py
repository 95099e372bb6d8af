"""Ways to reach a sandbox from tests: as a real `fwdesk-sandbox` process over loopback HTTP,
or in-process through the httpx transport. Both answer from the same simulator core."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.keys import Credentials
from fwdesk.sandbox.config import SandboxConfig
from fwdesk.sandbox.core import Sandbox
from fwdesk.sandbox.transport import SandboxTransport

DEMO = Credentials("demo", "demo", public=True)
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.05, max_delay=0.2)


def new_po(prefix: str = "T") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10].upper()}"


@dataclass
class SandboxProcess:
    url: str
    process: subprocess.Popen[str]

    def client(self, credentials: Credentials = DEMO, **options: object) -> FinerWorksClient:
        options.setdefault("retry", FAST_RETRY)
        return FinerWorksClient(credentials, self.url, **options)

    def raw(self, verb: str, method: str, body: object = None, **kwargs: object) -> httpx.Response:
        """A hand-written request, as curl would send it from API.md."""
        headers = {"web_api_key": "demo", "app_key": "demo", **kwargs.pop("headers", {})}
        content = None if body is None else json.dumps(body)
        if content is not None:
            headers["Content-Type"] = "application/json"
        return httpx.request(verb, self.url + method, headers=headers, content=content, **kwargs)

    def server_orders(self, credentials: Credentials = DEMO) -> list[dict]:
        """Ground truth from the sandbox's test hook, never faulted."""
        web_api_key, app_key = credentials.secrets()
        answer = httpx.get(
            self.url + "_sandbox_orders", headers={"web_api_key": web_api_key, "app_key": app_key}
        )
        answer.raise_for_status()
        return answer.json()["orders"]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        finally:
            self.process.stdout.close()


def start_sandbox(*args: str) -> SandboxProcess:
    command = [sys.executable, "-m", "fwdesk.sandbox.server", "--port", "0", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    url = process.stdout.readline().strip()
    if not url.startswith("http://"):
        process.kill()
        process.wait()
        raise RuntimeError(f"fwdesk-sandbox did not start (first line {url!r})")
    return SandboxProcess(url=url, process=process)


def inprocess_client(
    sandbox: Sandbox | None = None, credentials: Credentials = DEMO, **options: object
) -> FinerWorksClient:
    sandbox = sandbox or Sandbox(SandboxConfig())
    options.setdefault("retry", FAST_RETRY)
    return FinerWorksClient(
        credentials,
        "http://sandbox.invalid/v3/",
        transport=SandboxTransport(sandbox.handle, sleep=lambda _s: None),
        **options,
    )


def state_path(tmp_path: Path) -> Path:
    return tmp_path / "sandbox-state.json"
