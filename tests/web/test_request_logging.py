"""One log line per request with a request id; no token, password or mail body in the logs."""

import logging
import urllib.error
import urllib.request

import pytest

from tests.helpers import PASSWORD, log_in
from tests.live_server import serve
from zienswijze.db.session import new_session
from zienswijze.services.accounts import issue_api_token


def test_each_request_is_logged_once_with_its_request_id(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/healthz", headers={"X-Request-ID": "abcdef123456"})
    lines = [r.getMessage() for r in caplog.records if r.name == "zienswijze.requests"]
    assert lines == [lines[0]] and "request_id=abcdef123456" in lines[0] and "path=/healthz" in lines[0]
    assert response.headers["X-Request-ID"] == "abcdef123456"


def test_a_malformed_request_id_is_replaced(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/healthz", headers={"X-Request-ID": "<script> fake=1"})
    assert "<script>" not in caplog.text and response.headers["X-Request-ID"] != "<script> fake=1"


def test_passwords_tokens_and_stakeholder_links_never_reach_the_log(app, client, make_handler, caplog):
    caplog.set_level(logging.DEBUG)
    email = make_handler("a@example.org", "Gemeente A")
    log_in(client, email, PASSWORD)
    with app.app_context(), new_session() as session:
        api_token = issue_api_token(session, email=email)
    client.get("/api/v1/cases", headers={"Authorization": f"Bearer {api_token}"})
    link_token = "InvitationToken.SecretNonce.Signature"
    client.get(f"/z/{link_token}?t={link_token}")
    assert PASSWORD not in caplog.text
    assert api_token not in caplog.text
    assert link_token not in caplog.text
    assert "path=/z/[token]" in caplog.text


def test_the_development_servers_own_access_line_with_the_full_url_is_dropped(app, caplog):
    caplog.set_level(logging.INFO)
    url, stop = serve(app)
    try:
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{url}/z/SecretLinkToken.abc", timeout=10)
    finally:
        stop()
    assert "SecretLinkToken" not in caplog.text
    assert "path=/z/[token] status=404" in caplog.text
