"""The SMTP server down for half a day and back: every queued mail arrives once, and no stakeholder is lost.

An outage is the mail server's fault, not the address's: the invitations wait for it instead of
becoming onbestelbaar, and the dispatcher picks up by itself once the server answers again.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlmodel import select

from tests.consultation import LINK, open_file, start_consultation
from tests.smtp import Sink, free_port, smtp_server, text_of
from zienswijze import clock
from zienswijze.db import Invitation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import send_mail

OUTAGE = timedelta(hours=12)
# The scheduler's outbox job runs every 15 seconds; every 15 minutes is as often as the retries need.
STEP = timedelta(minutes=15)
# Long enough after the server is back for the longest retry delay (an hour) to come round.
AFTER = timedelta(hours=2)


def run_outbox_until(app, clock_at, start, end) -> None:
    moment = start
    while moment < end:
        clock_at(moment)
        with app.app_context():
            send_mail()
        moment += STEP


def test_mail_queued_during_a_long_smtp_outage_arrives_exactly_once_when_the_server_is_back(app, clock_at):
    start_consultation(app)
    port = free_port()
    app.config["MAIL_PORT"] = port
    start, sink = clock.now(), Sink()
    run_outbox_until(app, clock_at, start, start + OUTAGE)
    with smtp_server(sink, port=port):
        run_outbox_until(app, clock_at, start + OUTAGE, start + OUTAGE + AFTER)
    with app.app_context(), new_session() as session:
        queued = session.exec(select(OutboxMessage)).all()
        states = {invitation.state for invitation in session.exec(select(Invitation))}
    assert Counter(message["Message-ID"] for message in sink.messages) == Counter(m.message_id for m in queued)
    assert {message.state for message in queued} == {OutboxState.SENT}
    assert states == {InvitationState.VERZONDEN}
    for message in sink.messages:
        dossier = open_file(app, LINK.search(text_of(message)).group(1)).get("/z/dossier")
        assert dossier.status_code == 200 and "Dashboard" in dossier.text
