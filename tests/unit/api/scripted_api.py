"""A scripted FinerWorks for client unit tests: each test queues answers and reads the requests."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.keys import Credentials

WEB_KEY = "wk-7c1e9a52-secret"
APP_KEY = "ak-43bd11f0-secret"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def ok(**payload: object) -> httpx.Response:
    return httpx.Response(
        200, json={"status": {"success": True, "status_code": 200, "message": ""}, **payload}
    )


class Script:
    def __init__(self) -> None:
        self.answers: list[Answer] = []
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def queue(self, *answers: Answer) -> None:
        self.answers.extend(answers)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected request {request.method} {request.url.path}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def body(self, index: int = -1) -> object:
        return json.loads(self.requests[index].content)

    def client(self, **options: object) -> FinerWorksClient:
        return FinerWorksClient(
            Credentials(WEB_KEY, APP_KEY),
            "https://fw.test/v3/",
            transport=httpx.MockTransport(self.handler),
            retry=options.pop("retry", RetryPolicy(attempts=3, base_delay=0.1)),
            sleep=self.sleeps.append,
            **options,
        )
