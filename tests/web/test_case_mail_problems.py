"""The case page tells the handler which invitation mail does not arrive, from the outbox, so it does
so while the mail server is down and the mail that would tell them cannot go out either (issue 12)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.outbox import Server, dispatch, serving
from tests.smtp import free_port
from tests.web.handler_case import build_case, start_a_round
from zienswijze import clock

REFUSED = "juridisch@analyse.example.com"
BUSY = "woo@voorbeeldstad.example.org"


def problems(page: str) -> str:
    """The table of invitation mail that does not arrive."""
    start = page.index("E-mail met een uitnodiging die niet aankomt")
    return page[start : page.index("</table>", start)]


def status_of(page: str, address: str) -> str:
    """The text of the row of ``address`` in that table."""
    table = problems(page)
    start = table.index(f">{address}<")
    return table[start : table.index("</tr>", start)]


def test_the_case_page_shows_refused_and_waiting_invitation_mail_while_the_mail_server_is_down(app, logged_in_client):
    start_a_round(app, build_case(app), today=date(2024, 4, 10))
    app.config["MAIL_SERVER"] = "127.0.0.1"
    now = clock.now()
    with serving(app, Server(rcpt={REFUSED: "550 5.1.1 Onbekende ontvanger", BUSY: "452 4.2.2 Postbus vol"})):
        dispatch(app, now=now)
    app.config["MAIL_PORT"] = free_port()  # nothing listens there: the mail server is down
    dispatch(app, now=now + timedelta(hours=1))

    page = logged_in_client.get("/zaken/A-2024-1").text
    assert "Geweigerd: onbestelbaar op dit adres" in status_of(page, REFUSED)
    assert "550 5.1.1 Onbekende ontvanger" in status_of(page, REFUSED)
    assert "Storing bij onze mailserver" in status_of(page, BUSY)
    assert "jurist@voorbeeldstad.example.org" not in problems(page)


def test_mail_a_recipient_asks_to_send_later_shows_when_it_is_tried_again(app, logged_in_client):
    start_a_round(app, build_case(app), today=date(2024, 4, 10))
    app.config["MAIL_SERVER"] = "127.0.0.1"
    with serving(app, Server(rcpt={BUSY: "452 4.2.2 Postbus vol"})):
        dispatch(app)
    page = logged_in_client.get("/zaken/A-2024-1").text
    assert "Tijdelijk geweigerd; nieuwe poging" in status_of(page, BUSY)


def test_without_mail_problems_the_case_page_shows_no_such_list(app, logged_in_client):
    start_a_round(app, build_case(app), today=date(2024, 4, 10))
    assert "die niet aankomt" not in logged_in_client.get("/zaken/A-2024-1").text
