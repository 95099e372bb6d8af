"""fetch_image: a plain GET for a picture, retried like a read, that never carries the keys."""

from __future__ import annotations

import httpx
import pytest
from sandboxes import inprocess_client
from scripted_api import APP_KEY, WEB_KEY, ok

from fwdesk.api.errors import NetworkError, ResponseFormatError, ServerError

PNG = b"\x89PNG\r\n\x1a\n" + b"pretend pixels"


def picture(content: bytes = PNG, content_type: str = "image/png") -> httpx.Response:
    return httpx.Response(200, headers={"Content-Type": content_type}, content=content)


def leaks(request: httpx.Request) -> list[str]:
    """Where in `request` either key shows up, by name or by value."""
    found = [name for name in ("web_api_key", "app_key") if name in request.headers]
    found += [name for name in ("web_api_key", "app_key") if name in request.url.params]
    text = str(request.url) + "".join(f"{k}{v}" for k, v in request.headers.items())
    found += [secret for secret in (WEB_KEY, APP_KEY) if secret in text]
    return found


def test_a_path_is_fetched_from_the_api_host(script, client):
    script.queue(picture())
    assert client.fetch_image("/v3/_sandbox/images/abc/thumb.png") == PNG
    [request] = script.requests
    assert request.method == "GET"
    assert str(request.url) == "https://fw.test/v3/_sandbox/images/abc/thumb.png"
    assert request.headers["accept"] == "image/*"


def test_an_absolute_url_is_fetched_as_given(script, client):
    script.queue(picture(content_type="image/jpeg"))
    assert client.fetch_image("https://cdn.example.net/art/heron.jpg?w=320") == PNG
    assert str(script.requests[0].url) == "https://cdn.example.net/art/heron.jpg?w=320"


@pytest.mark.parametrize("keys_in_query", [False, True])
def test_the_keys_are_never_sent(script, keys_in_query):
    script.queue(ok(definitions=[]), picture(), picture())
    with script.client(keys_in_query=keys_in_query) as api:
        api.list_order_status_definitions()
        api.fetch_image("/v3/_sandbox/images/abc/thumb.png")
        api.fetch_image("https://cdn.example.net/heron.png")
    api_call, *images = script.requests
    assert leaks(api_call)  # the same client does send them to the API
    assert [leaks(request) for request in images] == [[], []]


def test_a_redirect_is_followed_without_the_keys(script, client):
    script.queue(
        httpx.Response(302, headers={"Location": "https://cdn.example.net/heron.png"}),
        picture(),
    )
    assert client.fetch_image("/v3/images/heron") == PNG
    assert [str(r.url) for r in script.requests][-1] == "https://cdn.example.net/heron.png"
    assert [leaks(request) for request in script.requests] == [[], []]


@pytest.mark.parametrize(
    "failure", [httpx.Response(503, text="busy"), httpx.ConnectError("refused")]
)
def test_a_failure_worth_retrying_is_retried(script, client, failure):
    script.queue(failure, picture())
    assert client.fetch_image("/v3/_sandbox/images/abc/thumb.png") == PNG
    assert len(script.requests) == 2
    assert len(script.sleeps) == 1


def test_server_errors_give_up_after_the_policy_attempts(script, client):
    script.queue(*[httpx.Response(502, text="bad gateway")] * 3)
    with pytest.raises(ServerError) as raised:
        client.fetch_image("/v3/_sandbox/images/abc/thumb.png")
    assert raised.value.http_status == 502
    assert len(script.requests) == 3


def test_a_lost_connection_is_a_network_error(script, client):
    script.queue(*[httpx.ReadTimeout("timed out")] * 3)
    with pytest.raises(NetworkError):
        client.fetch_image("/v3/_sandbox/images/abc/thumb.png")


def test_not_found_is_reported_once_with_its_status(script, client):
    script.queue(httpx.Response(404, json={"Message": "No asset matches."}))
    with pytest.raises(ResponseFormatError) as raised:
        client.fetch_image("/v3/_sandbox/images/gone/thumb.png")
    assert "404" in str(raised.value)
    assert raised.value.method == "fetch_image"
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"<html>login</html>"),
        httpx.Response(200, json={"status": {"success": True}}),
        httpx.Response(200, content=PNG),
    ],
)
def test_an_answer_that_is_not_an_image_is_refused(script, client, answer):
    script.queue(answer)
    with pytest.raises(ResponseFormatError, match="expected an image"):
        client.fetch_image("/v3/_sandbox/images/abc/thumb.png")
    assert len(script.requests) == 1


def test_an_image_announced_as_too_large_is_refused(script, client):
    script.queue(picture(b"x" * 101))
    with pytest.raises(ResponseFormatError, match="larger than 100 bytes"):
        client.fetch_image("/v3/_sandbox/images/abc/thumb.png", max_bytes=100)


def test_an_image_that_streams_past_the_limit_is_refused(script, client):
    sent: list[int] = []

    def unannounced():
        for _ in range(20):
            sent.append(64)
            yield b"x" * 64

    script.queue(httpx.Response(200, headers={"Content-Type": "image/png"}, content=unannounced()))
    with pytest.raises(ResponseFormatError, match="larger than 100 bytes"):
        client.fetch_image("/v3/_sandbox/images/abc/thumb.png", max_bytes=100)
    assert len(sent) == 2


def test_an_image_exactly_at_the_limit_is_accepted(script, client):
    script.queue(picture(b"x" * 100))
    assert client.fetch_image("/v3/x.png", max_bytes=100) == b"x" * 100


@pytest.mark.parametrize("url", ["ftp://files.example.net/heron.png", "data:image/png,AA", " "])
def test_only_http_and_https_urls_are_fetched(script, client, url):
    with pytest.raises(ValueError):
        client.fetch_image(url)
    assert script.requests == []


def test_a_sandbox_thumbnail_arrives_as_a_png():
    with inprocess_client() as api:
        image = api.list_images().items[0]
        assert image.public_thumbnail_uri
        data = api.fetch_image(image.public_thumbnail_uri)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data[12:16] == b"IHDR"
