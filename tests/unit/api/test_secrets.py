"""The keys never show up in repr, exception text or log records."""

from __future__ import annotations

import logging

import httpx
import pytest
from scripted_api import APP_KEY, WEB_KEY, Script

from fwdesk.api.errors import ApiError
from fwdesk.api.keys import Credentials
from fwdesk.api.redact import Redactor


def leaks(text: str) -> bool:
    return WEB_KEY in text or APP_KEY in text


def test_repr_of_credentials_and_client_hide_keys(client):
    credentials = Credentials(WEB_KEY, APP_KEY)
    assert not leaks(repr(credentials))
    assert not leaks(str(credentials))
    assert not leaks(repr(client))


def test_empty_keys_are_refused():
    with pytest.raises(ValueError):
        Credentials(" ", APP_KEY)


def echo_keys(request: httpx.Request) -> httpx.Response:
    """A hostile or buggy server that repeats the keys back in its error text."""
    text = f"bad keys {request.headers.get('web_api_key')} / {request.url.params.get('app_key')}"
    return httpx.Response(400, json={"Message": text, "ModelState": {"x": [text]}})


@pytest.mark.parametrize("keys_in_query", [False, True])
def test_keys_do_not_leak_into_logs_or_errors(caplog, keys_in_query):
    script = Script()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # the app quiets it; here it must speak
    failures = [
        echo_keys,
        httpx.ConnectError(f"could not reach https://fw.test/v3/x?web_api_key={WEB_KEY}"),
        httpx.Response(200, json={"status": {"success": False, "message": f"key {APP_KEY} bad"}}),
    ]
    texts = []
    with script.client(keys_in_query=keys_in_query) as api:
        script.queue(httpx.Response(200, json={"status": {"success": True}, "definitions": []}))
        api.list_order_status_definitions()
        for failure in failures:
            script.queue(failure)
            with pytest.raises(ApiError) as caught:
                api.update_order(1, "hold")
            error = caught.value
            texts += [str(error), repr(error), error.message]
            texts += [m for ms in getattr(error, "field_errors", {}).values() for m in ms]
    records = [record.getMessage() for record in caplog.records]
    assert any("fw.test" in message for message in records), "httpx's request log was captured"
    for text in texts + records:
        assert not leaks(text), text


def test_the_public_demo_pair_is_not_masked_everywhere():
    """The demo pair is public; masking 'demo' would garble unrelated log lines. (Read
    through the pair's own redactor: the log filter also holds every other live client's.)"""
    public = Credentials("demo", "demo", public=True)
    assert public.to_mask() == ()
    assert Redactor(public.to_mask())("the demo shop") == "the demo shop"
    assert Redactor(Credentials("demo", "demo").to_mask())("the demo shop") == "the ******** shop"
