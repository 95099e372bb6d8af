"""Every kind of server answer becomes the right error, with the right 'did it happen?' flag."""

from __future__ import annotations

import httpx
import pytest
from scripted_api import ok

from fwdesk.api.errors import (
    ApiValidationError,
    AuthError,
    BusinessError,
    HttpStatusError,
    NetworkError,
    RateLimited,
    ResponseFormatError,
    ServerError,
)
from fwdesk.api.orders import Address

NON_US = "Must be left blank when country_code does not equal 'us'"


def test_auth_refusal_in_model_state_is_auth_error(script, client):
    script.queue(
        httpx.Response(
            400,
            json={
                "Message": "The request is invalid.",
                "ModelState": {"credentials": ["Missing or unauthorized api credentials"]},
            },
        )
    )
    with pytest.raises(AuthError) as caught:
        client.test_my_credentials()
    assert caught.value.outcome_unknown is False
    assert caught.value.method == "test_my_credentials"


def test_lower_case_message_auth_refusal_is_auth_error(script, client):
    script.queue(httpx.Response(400, json={"message": "Missing or unauthorized API credentials."}))
    with pytest.raises(AuthError):
        client.list_product_types()


def test_model_state_becomes_field_errors(script, client):
    script.queue(
        httpx.Response(
            400,
            json={
                "Message": "The request is invalid.",
                "ModelState": {
                    "recipient.first_name": [
                        "The field first_name must be a string with a maximum length of 50."
                    ],
                    "recipient.state_code": NON_US,
                },
            },
        )
    )
    with pytest.raises(ApiValidationError) as caught:
        client.validate_recipient_address(Address(first_name="x" * 60))
    errors = caught.value.field_errors
    assert errors["recipient.first_name"] == [
        "The field first_name must be a string with a maximum length of 50."
    ]
    assert errors["recipient.state_code"] == [NON_US]


def test_success_false_is_business_error_with_message(script, client):
    script.queue(
        httpx.Response(
            200,
            json={
                "status": {
                    "success": False,
                    "status_code": 400,
                    "message": "Order 12 was not found.",
                }
            },
        )
    )
    with pytest.raises(BusinessError) as caught:
        client.update_order(12, "hold")
    assert caught.value.message == "Order 12 was not found."
    assert caught.value.status_code == 400
    assert caught.value.outcome_unknown is False


def test_address_refusal_is_an_answer_not_an_error(script, client):
    script.queue(
        httpx.Response(
            200, json={"status": {"success": False, "message": "The ZIP code 97401 is not in TX."}}
        )
    )
    check = client.validate_recipient_address(Address(first_name="A", zip_postal_code="97401"))
    assert check.ok is False
    assert check.message == "The ZIP code 97401 is not in TX."


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_is_server_error_and_outcome_unknown(script, client, status):
    script.queue(httpx.Response(status, text="<html>oops</html>"))
    with pytest.raises(ServerError) as caught:
        client.update_order(5, "cancel")
    assert caught.value.http_status == status
    assert caught.value.outcome_unknown is True


def test_429_is_rate_limited_with_retry_after(script, client):
    script.queue(httpx.Response(429, headers={"Retry-After": "7"}, json={"Message": "slow down"}))
    with pytest.raises(RateLimited) as caught:
        client.update_order(5, "hold")
    assert caught.value.retry_after == 7.0
    assert caught.value.outcome_unknown is False


@pytest.mark.parametrize("body", [b'{"status": {"succ', b"<html>502</html>", b""])
def test_body_that_is_not_json_is_format_error(script, client, body):
    script.queue(httpx.Response(200, content=body))
    with pytest.raises(ResponseFormatError) as caught:
        client.update_order(5, "hold")
    assert caught.value.unreadable is True
    assert caught.value.outcome_unknown is True


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"12", b"null"])
def test_json_that_is_not_an_object_is_format_error(script, client, body):
    script.queue(httpx.Response(200, content=body))
    with pytest.raises(ResponseFormatError):
        client.list_order_status_definitions()


def test_an_unexpected_status_is_named(script, client):
    script.queue(httpx.Response(404, json={"Message": "No HTTP resource was found"}))
    with pytest.raises(HttpStatusError, match="HTTP 404 Not Found") as caught:
        client.update_order(5, "hold")
    assert caught.value.http_status == 404 and not caught.value.outcome_unknown


def test_connect_error_never_reached_server(script, client):
    script.queue(httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(NetworkError) as caught:
        client.update_order(5, "hold")
    assert caught.value.may_have_reached_server is False
    assert caught.value.outcome_unknown is False
    assert "connect" in str(caught.value).lower()


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError("connection reset by peer"),
    ],
)
def test_lost_answer_may_have_reached_server(script, client, exc):
    script.queue(exc)
    with pytest.raises(NetworkError) as caught:
        client.update_order(5, "cancel")
    assert caught.value.may_have_reached_server is True
    assert caught.value.outcome_unknown is True


def test_update_command_is_checked_before_sending(script, client):
    with pytest.raises(ValueError, match="pending, hold, cancel"):
        client.update_order(5, "delete")
    assert script.requests == []


def test_payload_missing_is_format_error_naming_the_key(script, client):
    script.queue(ok(something_else=[]))
    with pytest.raises(ResponseFormatError, match="product_types"):
        client.list_product_types()
