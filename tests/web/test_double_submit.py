"""Parallel "Indienen" requests on one draft: one submission, one set of receipts, one audit event."""

from __future__ import annotations

import http.client
import threading
from urllib.parse import urlencode, urlsplit

from sqlmodel import select

from tests.consultation import ids, open_file, start_consultation
from tests.helpers import csrf_token_from
from tests.live_server import serve
from zienswijze.db import AuditEvent, OutboxMessage, ResponseVersion
from zienswijze.db.session import new_session

PARALLEL = 8


def _checked_draft(app):
    """A stakeholder's client that has checked its draft, ready to submit; with the CSRF token of its page."""
    client = open_file(app, start_consultation(app)["S1"])
    document = ids(app, "S1")["document"]
    token = csrf_token_from(client.get("/z/dossier").text)
    fields = {f"d{document}": "bezwaar", f"d{document}-reasons": "Het is de naam van onze medewerker."}
    client.post("/z/dossier", data={"csrf_token": token, "position": "bezwaar", "action": "controleer", **fields})
    return client, token


def _submit_in_parallel(base_url: str, cookie: str, token: str) -> list[tuple[int, str]]:
    start, answers = threading.Barrier(PARALLEL), []

    def post() -> None:
        connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=60)
        start.wait()
        connection.request(
            "POST",
            "/z/dossier/indienen",
            body=urlencode({"csrf_token": token}),
            headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        answers.append((response.status, response.getheader("Location", "")))
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_parallel_submissions_of_one_draft_make_one_version_one_receipt_each_and_one_audit_event(app):
    client, token = _checked_draft(app)
    session_cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    cookie = f"{session_cookie.key}={session_cookie.value}"
    base_url, stop = serve(app)
    try:
        answers = _submit_in_parallel(base_url, cookie, token)
    finally:
        stop()
    assert [status for status, _ in answers] == [303] * PARALLEL
    assert all(location.endswith("/z/dossier/ontvangen") for _, location in answers)
    with app.app_context(), new_session() as session:
        versions = session.exec(select(ResponseVersion)).all()
        receipts = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "receipt")).all()
        events = session.exec(select(AuditEvent).where(AuditEvent.kind == "response.submitted")).all()
    assert [(v.status.value, v.superseded_at) for v in versions] == [("ingediend", None)]
    assert sorted(r.to_address for r in receipts) == ["s1-juridisch@example.com", "s1@example.com"]
    assert len(events) == 1


def test_submitting_again_without_a_new_draft_shows_the_receipt_page_of_the_submission_made(app):
    client, token = _checked_draft(app)
    client.post("/z/dossier/indienen", data={"csrf_token": token})
    again = client.post("/z/dossier/indienen", data={"csrf_token": token})
    assert again.status_code == 303 and again.headers["Location"].endswith("/z/dossier/ontvangen")
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(ResponseVersion)).all()) == 1
        assert len(session.exec(select(AuditEvent).where(AuditEvent.kind == "response.submitted")).all()) == 1
