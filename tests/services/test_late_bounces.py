"""Bounces that come back later (issue 16): an invitation sent through the real outbox with its own
envelope sender, and the report a remote server sends hours later delivered to the scheduler's real
bounce listener (LMTP or SMTP)."""

from __future__ import annotations

import logging
import smtplib

import pytest
from sqlmodel import select

from tests.bounce_reports import return_report
from tests.outbox import Server, dispatch, events, invitation_row, invite, messages, read, serving, smtp_app
from tests.smtp import free_port
from zienswijze.db import ReceivedBounce
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import start_bounce_listener
from zienswijze.mail.smtp import bounce_address

BOUNCES = "bounces@zienswijze.gemeente.nl"
WRONG = "bestaat-niet@analyse.example.com"


@pytest.fixture(params=["lmtp"])
def app(request, database_url, tmp_path):
    yield from smtp_app(
        database_url,
        tmp_path,
        ZIENSWIJZE_BOUNCE_ADDRESS=BOUNCES,
        ZIENSWIJZE_BOUNCE_LISTEN=f"{request.param}://127.0.0.1:{free_port()}",
    )


@pytest.fixture(autouse=True)
def listener(app):
    controller = start_bounce_listener(app)
    yield controller
    controller.stop()


def send_invitation(app, session, *addresses: str):
    """An invitation mailed to ``addresses`` and accepted; its messages and the envelope senders used."""
    invitation = invite(session, *addresses)
    with serving(app, Server()) as server:
        dispatch(app)
    return invitation, messages(session), server.senders


def bounce_back(app, name: str, message, return_path: str) -> None:
    return_report(app, name, recipient=message.to_address, return_path=return_path, message_id=message.message_id)


def received(session) -> list[ReceivedBounce]:
    return read(session, select(ReceivedBounce).order_by(ReceivedBounce.id))


def test_each_mail_goes_out_with_a_signed_envelope_sender_naming_its_outbox_message(app, session):
    _, sent, senders = send_invitation(app, session, WRONG, "juridisch@analyse.example.com")
    assert senders == [bounce_address(app.config).for_message(message.id) for message in sent]
    assert all(sender.startswith("bounces+") and sender.endswith("@zienswijze.gemeente.nl") for sender in senders)
    assert bounce_address(app.config).outbox_id(senders[1]) == sent[1].id


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        ("postfix-hard", "5.1.1 550 5.1.1 <bestaat-niet@analyse.example.com>: Recipient address rejected"),
        ("exchange-hard", "5.1.10 550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
    ],
    ids=["postfix", "exchange"],
)
def test_a_hard_bounce_makes_the_invitation_onbestelbaar_and_tells_the_handler_as_a_5xx_at_sending(
    app, session, report, reason
):
    invitation, [message], [return_path] = send_invitation(app, session, WRONG)
    bounce_back(app, report, message, return_path)
    bounced, notice = messages(session)
    assert (bounced.state, bounced.bounced) == (OutboxState.FAILED, True)
    assert bounced.last_error.startswith(reason)
    assert invitation_row(session, invitation).state is InvitationState.ONBESTELBAAR
    assert (notice.kind, notice.to_address, notice.state) == ("undeliverable", "woo@gemeente.example.org", "pending")
    assert WRONG in notice.body_text and "onbestelbaar" in notice.body_text
    event = events(session)[-1]
    assert (event.kind, event.invitation_id) == ("mail.bounced", invitation.id)
    assert event.details["invitation_state"] == {"from": "verzonden", "to": "onbestelbaar"}
    assert event.details["error"] == bounced.last_error
    [kept] = received(session)
    assert (kept.outbox_message_id, kept.kind, kept.status) == (message.id, "hard", reason.split()[0])


@pytest.mark.parametrize(("report", "kind"), [("postfix-delayed", "soft"), ("out-of-office", "auto_reply")])
def test_a_delay_or_an_out_of_office_reply_is_kept_and_changes_nothing(app, session, report, kind):
    invitation, [message], [return_path] = send_invitation(app, session, WRONG)
    events_before = len(events(session))
    bounce_back(app, report, message, return_path)
    [still] = messages(session)
    assert (still.state, still.bounced) == (OutboxState.SENT, False)
    assert invitation_row(session, invitation).state is InvitationState.VERZONDEN
    assert len(events(session)) == events_before
    assert [(b.outbox_message_id, b.kind) for b in received(session)] == [(message.id, kind)]


def test_the_same_report_delivered_twice_changes_nothing_more(app, session):
    _, [message], [return_path] = send_invitation(app, session, WRONG)
    bounce_back(app, "postfix-hard", message, return_path)
    bounce_back(app, "postfix-hard", message, return_path)
    assert [m.kind for m in messages(session)] == ["invitation", "undeliverable"]
    assert [e.kind for e in events(session)].count("mail.bounced") == 1
    assert len(received(session)) == 1


def test_a_hard_bounce_of_one_address_leaves_an_invitation_that_reached_another_open(app, session):
    invitation, [wrong, _right], [return_path, _] = send_invitation(
        app, session, WRONG, "juridisch@analyse.example.com"
    )
    bounce_back(app, "postfix-hard", wrong, return_path)
    assert invitation_row(session, invitation).state is InvitationState.VERZONDEN
    [notice] = [m for m in messages(session) if m.kind == "undeliverable"]
    assert "blijft daarom open" in notice.body_text


def test_a_report_to_a_forged_token_is_refused_and_logged_without_the_token(app, session, caplog):
    invitation, [message], [return_path] = send_invitation(app, session, WRONG)
    local, _, domain = return_path.rpartition("@")
    forged = f"{local[:-4]}{'aaaa' if not local.endswith('aaaa') else 'bbbb'}@{domain}"
    with caplog.at_level(logging.WARNING), pytest.raises(smtplib.SMTPRecipientsRefused):
        bounce_back(app, "postfix-hard", message, forged)
    assert "token we did not sign" in caplog.text and forged.partition("+")[2] not in caplog.text
    assert invitation_row(session, invitation).state is InvitationState.VERZONDEN and received(session) == []


@pytest.mark.parametrize("recipient", ["postmaster@zienswijze.gemeente.nl", "bounces@elders.example.org"])
def test_mail_to_anything_but_a_bounce_address_is_refused(app, session, recipient):
    _, [message], _ = send_invitation(app, session, WRONG)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        bounce_back(app, "postfix-hard", message, recipient)
    assert received(session) == []


def test_a_report_about_a_message_that_does_not_exist_is_accepted_and_ignored(app, session, caplog):
    _, [message], _ = send_invitation(app, session, WRONG)
    unknown = bounce_address(app.config).for_message(message.id + 1000)
    with caplog.at_level(logging.WARNING):
        bounce_back(app, "postfix-hard", message, unknown)
    assert received(session) == [] and "does not exist" in caplog.text


@pytest.mark.parametrize("app", ["smtp"], indirect=True)
def test_the_listener_also_speaks_smtp_for_a_forwarding_mail_server(app, session):
    invitation, [message], [return_path] = send_invitation(app, session, WRONG)
    bounce_back(app, "exchange-hard", message, return_path)
    assert invitation_row(session, invitation).state is InvitationState.ONBESTELBAAR


def test_a_bounce_of_a_message_already_refused_at_sending_changes_nothing_more(app, session):
    invitation = invite(session, WRONG)
    with serving(app, Server(rcpt={WRONG: "550 5.1.1 Onbekend"})):
        dispatch(app)
    failed, _notice = messages(session)
    bounce_back(app, "postfix-hard", failed, bounce_address(app.config).for_message(failed.id))
    assert len(messages(session)) == 2 and [e.kind for e in events(session)] == ["mail.failed"]
    assert invitation_row(session, invitation).state is InvitationState.ONBESTELBAAR


def test_a_second_scheduler_whose_listener_port_is_taken_runs_on_without_it(app, caplog):
    with caplog.at_level(logging.ERROR):
        assert start_bounce_listener(app) is None
    assert "cannot listen on 127.0.0.1" in caplog.text
