"""Bounces that come back later, read from a mailbox over IMAP (issue 16): a real Dovecot on loopback
holds the reports a mail server delivered there; the scheduler's job reads, records and deletes them."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.bounce_reports import report
from tests.imap_server import PASSWORD, imap_server
from tests.outbox import Server, dispatch, events, invitation_row, invite, messages, read, serving, smtp_app
from zienswijze.db import ReceivedBounce
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import read_bounce_mailbox
from zienswijze.mail import bounce_mailbox
from zienswijze.mail.smtp import bounce_address

BOUNCES = "bounces@zienswijze.gemeente.nl"
WRONG = "bestaat-niet@analyse.example.com"


@pytest.fixture(scope="module")
def mailbox():
    with imap_server() as running:
        yield running


@pytest.fixture
def app(database_url, tmp_path, mailbox):
    yield from smtp_app(
        database_url,
        tmp_path,
        ZIENSWIJZE_BOUNCE_ADDRESS=BOUNCES,
        ZIENSWIJZE_BOUNCE_IMAP=mailbox.url,
        ZIENSWIJZE_BOUNCE_IMAP_PASSWORD=PASSWORD,
    )


def _sent_invitation(app, session):
    invitation = invite(session, WRONG)
    with serving(app, Server()) as server:
        dispatch(app)
    [message] = messages(session)
    [return_path] = server.senders
    return invitation, message, return_path


def _deliver(mailbox, name: str, message, return_path: str) -> None:
    raw = report(name, recipient=message.to_address, return_path=return_path, message_id=message.message_id)
    mailbox.deliver(raw, delivered_to=return_path)


def _run_job(app) -> None:
    with app.app_context():
        read_bounce_mailbox()


def test_a_hard_bounce_in_the_mailbox_makes_the_invitation_onbestelbaar_and_is_deleted(app, session, mailbox):
    invitation, message, return_path = _sent_invitation(app, session)
    _deliver(mailbox, "exchange-hard", message, return_path)
    _run_job(app)
    bounced, notice = messages(session)
    assert (bounced.state, bounced.bounced) == (OutboxState.FAILED, True)
    assert invitation_row(session, invitation).state is InvitationState.ONBESTELBAAR
    assert notice.kind == "undeliverable"
    assert events(session)[-1].kind == "mail.bounced"
    assert mailbox.count() == 0


def test_an_out_of_office_reply_in_the_mailbox_changes_nothing_and_is_deleted(app, session, mailbox):
    invitation, message, return_path = _sent_invitation(app, session)
    _deliver(mailbox, "out-of-office", message, return_path)
    _run_job(app)
    assert invitation_row(session, invitation).state is InvitationState.VERZONDEN
    assert [b.kind for b in read(session, select(ReceivedBounce))] == ["auto_reply"]
    assert mailbox.count() == 0


def test_mail_for_no_address_of_ours_is_deleted_and_changes_nothing(app, session, mailbox):
    invitation, message, return_path = _sent_invitation(app, session)
    forged = return_path.replace("+", "+x", 1)
    raw = report("postfix-hard", recipient=message.to_address, return_path=forged, message_id=message.message_id)
    mailbox.deliver(raw, delivered_to=forged)
    _run_job(app)
    assert invitation_row(session, invitation).state is InvitationState.VERZONDEN
    assert read(session, select(ReceivedBounce)) == [] and mailbox.count() == 0


def test_a_report_that_cannot_be_recorded_stays_in_the_mailbox_for_the_next_run(app, session, mailbox):
    _invitation, message, return_path = _sent_invitation(app, session)
    _deliver(mailbox, "postfix-hard", message, return_path)
    security, host, port, user, folder = app.config["BOUNCE_IMAP"]
    settings = bounce_mailbox.MailboxSettings(security, host, port, user, folder, PASSWORD)

    def database_away(outbox_id: int, raw: bytes) -> None:
        raise ConnectionError("the database is away")

    with pytest.raises(ConnectionError):
        bounce_mailbox.poll(settings, bounce_address(app.config), database_away)
    assert mailbox.count() == 1
    _run_job(app)
    assert mailbox.count() == 0 and [b.kind for b in read(session, select(ReceivedBounce))] == ["hard"]
