"""The handler sees an invitation mail that bounced hours after it was sent on the case page, as one
refused at sending (issue 16)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.bounce_reports import return_report
from tests.outbox import Server, dispatch, serving, smtp_app
from tests.smtp import free_port
from tests.web.handler_case import build_case, start_a_round
from zienswijze.db import OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.jobs import start_bounce_listener

WRONG = "juridisch@analyse.example.com"


@pytest.fixture
def app(database_url, tmp_path):
    yield from smtp_app(
        database_url,
        tmp_path,
        ZIENSWIJZE_BOUNCE_ADDRESS="bounces@zienswijze.gemeente.nl",
        ZIENSWIJZE_BOUNCE_LISTEN=f"lmtp://127.0.0.1:{free_port()}",
    )


def row_of(page: str, address: str) -> str:
    """The row of ``address`` in the case page's table of invitation mail that does not arrive."""
    start = page.index("E-mail met een uitnodiging die niet aankomt")
    table = page[start : page.index("</table>", start)]
    row = table.index(f">{address}<")
    return table[row : table.index("</tr>", row)]


def test_the_case_page_shows_an_invitation_mail_that_bounced_later_as_refused(app, logged_in_client):
    start_a_round(app, build_case(app), today=date(2024, 4, 10))
    with serving(app, Server()) as server:
        dispatch(app)
    assert "niet aankomt" not in logged_in_client.get("/zaken/A-2024-1").text
    sent = zip(server.senders, server.received, strict=True)
    [return_path] = [sender for sender, mail in sent if mail["To"] == WRONG]
    with app.app_context(), new_session() as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.to_address == WRONG)).one()
    listener = start_bounce_listener(app)
    try:
        return_report(app, "postfix-hard", recipient=WRONG, return_path=return_path, message_id=message.message_id)
    finally:
        listener.stop()
    row = row_of(logged_in_client.get("/zaken/A-2024-1").text, WRONG)
    assert "Geweigerd: onbestelbaar op dit adres" in row and "5.1.1" in row
