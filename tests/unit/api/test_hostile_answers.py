"""What a hostile or broken server can send, and what the client makes of it: an error that
names the cause, never a bare Python exception, never a key in any text."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import pytest
from fault_report import record
from scripted_api import Script, ok

from fwdesk.api.client import FinerWorksClient, RetryPolicy
from fwdesk.api.errors import (
    ApiError,
    AuthError,
    HttpStatusError,
    NetworkError,
    ResponseFormatError,
)
from fwdesk.api.keys import Credentials, key_problem
from fwdesk.api.redact import MASK, Redactor, spellings
from fwdesk.core.messages import explain

SHORT_WEB, SHORT_APP = "k9", "Zq"
"""Keys shorter than six characters used to escape masking."""


def short_client(script: Script) -> FinerWorksClient:
    return FinerWorksClient(
        Credentials(SHORT_WEB, SHORT_APP),
        "https://fw.test/v3/",
        transport=httpx.MockTransport(script.handler),
        retry=RetryPolicy(attempts=1),
        sleep=lambda _s: None,
    )


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize("body", [b"", b"<html>Forbidden</html>", b'{"Message": "no"}'])
def test_401_and_403_are_key_problems_whatever_the_body(script, client, status, body):
    script.queue(httpx.Response(status, content=body))
    with pytest.raises(AuthError, match=f"HTTP {status}"):
        client.list_product_types()
    record("hostile-answers", case=f"HTTP {status}, {len(body)}-byte body", seen="key problem")


@pytest.mark.parametrize(
    ("status", "named"),
    [(301, "HTTP 301 Moved Permanently"), (302, "HTTP 302 Found"), (404, "HTTP 404 Not Found")],
)
def test_other_statuses_are_named_not_called_bad_json(script, client, status, named):
    headers = {"Location": "https://elsewhere.example/v3/"} if status < 400 else {}
    script.queue(httpx.Response(status, content=b"<html>gone</html>", headers=headers))
    with pytest.raises(HttpStatusError) as caught:
        client.list_product_types()
    assert named in caught.value.message and "JSON" not in caught.value.message
    if status < 400:
        assert "elsewhere.example" in caught.value.message
    record("hostile-answers", case=f"HTTP {status}", seen=named)


def test_an_answer_nested_too_deeply_is_a_format_error(script, client):
    script.queue(httpx.Response(200, content=b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(ResponseFormatError, match="nested too deeply"):
        client.list_product_types()
    record("hostile-answers", case="100,000 nested arrays", seen="format error")


def test_short_keys_are_masked_in_every_spelling():
    redact = Redactor(("k9", "a+b/c"))
    text = "k9 a+b/c a%2Bb%2Fc a%2Bb%2Fc a\\u002bb"
    assert "k9" not in redact(text) and "a+b/c" not in redact(text)
    assert "a%2Bb%2Fc" not in redact(text)
    assert spellings('x"\\y') >= {'x"\\y', 'x\\"\\\\y', "x%22%5Cy"}


def test_a_key_echoed_as_a_field_name_or_a_wrong_value_is_masked(caplog):
    script = Script()
    caplog.set_level(logging.DEBUG)
    script.queue(
        httpx.Response(
            400,
            json={
                "Message": f"bad {SHORT_WEB}",
                "ModelState": {f"request.{SHORT_APP}": [f"echo {json.dumps(SHORT_WEB)}"]},
            },
        ),
        ok(product_types=[{"id": 1, "name": {"leak": SHORT_APP}}]),
        ok(product_types=[{"id": f"{SHORT_APP}{SHORT_WEB}"}]),
    )
    with short_client(script) as api:
        errors = []
        for _ in range(3):
            try:
                api.list_product_types()
            except ApiError as error:
                errors.append(error)
    assert len(errors) == 3
    for error in errors:
        shown = " ".join([str(error), repr(error), *getattr(error, "field_errors", {})])
        shown += " ".join(m for ms in getattr(error, "field_errors", {}).values() for m in ms)
        assert SHORT_WEB not in shown and SHORT_APP not in shown, shown
    assert MASK in str(errors[0])
    assert SHORT_WEB not in caplog.text and SHORT_APP not in caplog.text
    record("hostile-answers", case="short keys echoed as names and values", leaked=0)


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("", "Paste the key"),
        ("abc\n", "no spaces or line breaks"),
        ("ab cd", "no spaces or line breaks"),
        ("clé-42", "plain letters"),
        ("tab\tkey", "no spaces or line breaks"),
    ],
)
def test_keys_that_cannot_travel_are_refused_in_words_that_do_not_repeat_them(key, says):
    assert says in key_problem(key)
    with pytest.raises(ValueError) as raised:
        Credentials(key, "app-1234")
    assert says in str(raised.value)
    if key.strip():
        assert key not in str(raised.value) and key.strip() not in repr(raised.value)


def test_any_printable_key_is_taken():
    assert key_problem("demo") == key_problem("A1-b2_C3.d4~!") == ""


@contextmanager
def trickling_server(byte_every_s: float = 0.25, total_bytes: int = 400):
    """Answers HTTP 200 and then one byte of body at a time: every read is quick, the answer
    never ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {total_bytes}\r\n\r\n".encode()
            )
            try:
                for _ in range(total_bytes):
                    if stop.wait(byte_every_s):
                        break
                    conn.sendall(b" ")
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v3/"
    finally:
        stop.set()
        thread.join()
        listener.close()


@pytest.mark.timeout(30)
def test_a_trickling_server_cannot_hold_a_call_past_its_deadline():
    with trickling_server() as url:
        api = FinerWorksClient(
            Credentials("web-1234", "app-5678"),
            url,
            timeout=httpx.Timeout(2.0),
            deadline_s=1.5,
            retry=RetryPolicy(attempts=1),
        )
        started = time.monotonic()
        with api, pytest.raises(NetworkError) as caught:
            api.update_order(5, "hold")
        took = time.monotonic() - started
    assert took < 4, f"held for {took:.1f} s"
    assert caught.value.outcome_unknown, "a write cut at its deadline may have been applied"
    assert "1.5 seconds" in caught.value.message
    assert explain(caught.value).startswith("FinerWorks took too long to answer")
    record("deadline", case="1 byte per 0.25 s", deadline_s=1.5, held_s=round(took, 2))


def test_a_key_that_cannot_go_in_a_header_is_a_clean_error_never_the_key():
    sent = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or ok())
    api = FinerWorksClient.__new__(FinerWorksClient)
    credentials = object.__new__(Credentials)  # as a keychain written by an older fwdesk
    object.__setattr__(credentials, "web_api_key", "clé-secrète")
    object.__setattr__(credentials, "app_key", "app-1234")
    object.__setattr__(credentials, "public", False)
    FinerWorksClient.__init__(api, credentials, "https://fw.test/v3/", transport=transport)
    with api, pytest.raises(NetworkError) as caught:
        api.update_order(5, "hold")
    assert not caught.value.outcome_unknown and sent == []
    shown = f"{caught.value} {caught.value!r} {caught.value.__context__!r}"
    assert "secr" not in shown and quote("clé-secrète") not in shown, shown
