"""The outbox dispatcher against a real SMTP server (aiosmtpd) told to accept, refuse, drop or hang."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.outbox import (
    DEADLINE,
    Server,
    dispatch,
    events,
    invitation_row,
    invite,
    messages,
    serving,
    smtp_app,
    state_of,
)
from zienswijze import clock
from zienswijze.db import OutboxMessage, User
from zienswijze.db.session import ENGINE_KEY
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import run_once
from zienswijze.mail.dispatcher import RENEWAL_SHARE
from zienswijze.services.audit import broken_links


@pytest.fixture
def app(database_url, tmp_path):
    yield from smtp_app(database_url, tmp_path)


def test_an_accepted_invitation_mail_is_sent_and_the_invitation_becomes_verzonden(app, session):
    invitation = invite(session)
    with serving(app, Server()) as server:
        report = dispatch(app)
    [message] = messages(session)
    assert (report.sent, message.state, message.attempts) == (1, OutboxState.SENT, 1)
    assert message.sent_at is not None and message.lease_until is None
    assert state_of(session, invitation) is InvitationState.VERZONDEN
    assert invitation_row(session, invitation).mailed_deadline == DEADLINE
    [received] = server.received
    assert received["To"] == "juridisch@analyse.example.com" and received["Subject"] == message.subject
    plain = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert plain.strip() == message.body_text.strip()
    assert received.get_body(("html",)) is not None and received["Date"] is not None


def test_the_message_id_the_server_receives_is_the_one_stored_when_queued(app, session):
    invite(session)
    with serving(app, Server()) as server:
        dispatch(app)
    assert server.received[0]["Message-ID"] == messages(session)[0].message_id


def test_without_a_bounce_address_the_envelope_sender_is_the_from_address(app, session):
    invite(session)
    with serving(app, Server()) as server:
        dispatch(app)
    assert server.senders == ["zienswijze@localhost"] and server.received[0]["From"] == "zienswijze@localhost"


def test_a_sent_mail_is_audited_without_its_body(app, session):
    invitation = invite(session)
    with serving(app, Server()):
        dispatch(app)
    [event] = events(session)
    message = messages(session)[0]
    assert (event.kind, event.actor, event.case_id, event.invitation_id) == (
        "mail.sent",
        "system:outbox",
        message.case_id,
        invitation.id,
    )
    assert event.details == {
        "message_id": message.message_id,
        "to": "juridisch@analyse.example.com",
        "attempts": 1,
        "error": "",
        "invitation_state": {"from": "concept", "to": "verzonden"},
    }
    assert broken_links(events(session)) == []


@pytest.mark.parametrize(
    ("server", "reason"),
    [
        (Server(rcpt={"juridisch@analyse.example.com": "451 4.3.0 Probeer het later opnieuw"}), "451 4.3.0"),
        (Server(data="451 4.7.1 Greylisted"), "451 4.7.1"),
    ],
    ids=["451-at-rcpt", "451-at-data"],
)
def test_a_temporary_refusal_of_the_recipient_counts_an_attempt_and_the_invitation_waits(app, session, server, reason):
    invitation = invite(session)
    before = clock.now()
    with serving(app, server):
        report = dispatch(app)
    [message] = messages(session)
    assert (report.retried, message.state, message.attempts) == (1, OutboxState.RETRY, 1)
    assert reason in message.last_error and message.next_attempt_at > before + timedelta(seconds=30)
    assert state_of(session, invitation) is InvitationState.CONCEPT
    [event] = events(session)
    assert event.kind == "mail.retry" and event.details["attempts"] == 1 and reason in event.details["error"]


@pytest.mark.parametrize(
    ("server", "reason"),
    [
        (Server(rcpt={"juridisch@analyse.example.com": "421 4.3.2 Dienst niet beschikbaar"}), "421 4.3.2"),
        (Server(drop=True), "SMTPServerDisconnected"),
    ],
    ids=["421-at-rcpt", "dropped-connection"],
)
def test_a_connection_failure_is_deferred_without_counting_an_attempt(app, session, server, reason):
    invitation = invite(session)
    before = clock.now()
    with serving(app, server):
        report = dispatch(app)
    [message] = messages(session)
    assert (report.deferred, message.state, message.attempts, message.deferrals) == (1, OutboxState.RETRY, 0, 1)
    assert reason in message.last_error and message.next_attempt_at > before + timedelta(seconds=30)
    assert state_of(session, invitation) is InvitationState.CONCEPT
    [event] = events(session)
    assert event.kind == "mail.retry" and event.details["attempts"] == 0 and reason in event.details["error"]


def test_a_refused_sender_is_a_setup_problem_deferred_not_a_bad_recipient(app, session):
    invitation = invite(session, "a@analyse.example.com", "b@analyse.example.com")
    with serving(app, Server(mail="550 5.7.1 Afzender niet toegestaan")):
        report = dispatch(app)
    assert report.deferred == 2 and report.failed == 0
    assert {(m.state, m.attempts) for m in messages(session)} == {(OutboxState.RETRY, 0)}
    assert {m.last_error for m in messages(session)} == {"sender refused: 550 5.7.1 Afzender niet toegestaan"}
    assert state_of(session, invitation) is InvitationState.CONCEPT


def test_a_server_that_hangs_is_given_up_after_the_timeout_and_the_mail_retried(app, session):
    invite(session)
    with serving(app, Server(hang=5)):
        dispatch(app)
    [message] = messages(session)
    assert message.state is OutboxState.RETRY and "timed out" in message.last_error


def test_a_refused_connection_is_deferred(app, session):
    invite(session)
    report = dispatch(app)
    [message] = messages(session)
    assert report.deferred == 1 and (message.state, message.attempts) == (OutboxState.RETRY, 0)
    assert message.last_error.startswith("connecting: ConnectionRefusedError")


def test_a_connection_failure_defers_the_whole_batch(app, session):
    invite(session, "a@analyse.example.com", "b@analyse.example.com", "c@analyse.example.com")
    with serving(app, Server(rcpt={"a@analyse.example.com": "421 4.3.2 Dienst niet beschikbaar"})) as server:
        report = dispatch(app)
    assert (report.deferred, server.received) == (3, [])
    assert {m.state for m in messages(session)} == {OutboxState.RETRY}
    assert {m.last_error for m in messages(session)} == {"421 4.3.2 Dienst niet beschikbaar"}


def test_a_batch_goes_over_one_connection(app, session):
    invite(session, "a@analyse.example.com", "b@analyse.example.com", "c@analyse.example.com")
    with serving(app, Server()) as server:
        dispatch(app)
    assert len(server.received) == 3 and len(server.peers) == 1


def test_the_batches_of_a_run_go_over_one_connection(app, session):
    invite(session, "a@analyse.example.com", "b@analyse.example.com", "c@analyse.example.com")
    with serving(app, Server()) as server:
        report = dispatch(app, batch_size=1)
    assert (report.batches, report.sent, len(server.peers)) == (3, 3, 1)


def test_a_permanent_failure_makes_the_invitation_onbestelbaar_and_tells_the_handler(app, session):
    invitation = invite(session, "bestaat-niet@analyse.example.com")
    bounce = "550 5.1.1 Mailbox bestaat niet"
    with serving(app, Server(rcpt={"bestaat-niet@analyse.example.com": bounce})):
        report = dispatch(app)
    failed, notice = messages(session)
    assert (report.failed, failed.state, failed.attempts, failed.last_error) == (1, OutboxState.FAILED, 1, bounce)
    assert failed.bounced
    assert state_of(session, invitation) is InvitationState.ONBESTELBAAR
    assert invitation_row(session, invitation).closed_at is not None
    assert (notice.kind, notice.to_address, notice.state) == ("undeliverable", "woo@gemeente.example.org", "pending")
    assert notice.subject == "Uitnodiging niet bezorgd: Analyse B.V. (W-1)"
    for body in (notice.body_text, notice.body_html):
        assert "bestaat-niet@analyse.example.com" in body and "Mailbox bestaat niet" in body
        assert "onbestelbaar" in body and "http://zienswijze.test/zaken/W-1" in body
    [event] = events(session)
    assert event.kind == "mail.failed" and event.details["error"] == bounce
    assert event.details["invitation_state"] == {"from": "concept", "to": "onbestelbaar"}


def test_without_a_case_contact_every_active_handler_is_told(app, session):
    invite(session, "bestaat-niet@analyse.example.com", case_contact=None)
    session.add_all(
        [
            User(organisation_id=1, email="een@gemeente.example.org", password_hash="x"),
            User(organisation_id=1, email="weg@gemeente.example.org", password_hash="x", is_active=False),
            User(organisation_id=1, email="twee@gemeente.example.org", password_hash="x"),
        ]
    )
    session.commit()
    with serving(app, Server(rcpt={"bestaat-niet@analyse.example.com": "550 5.1.1 Onbekend"})):
        dispatch(app)
    notices = [m.to_address for m in messages(session) if m.kind == "undeliverable"]
    assert notices == ["een@gemeente.example.org", "twee@gemeente.example.org"]


def test_one_wrong_address_of_a_stakeholder_who_got_the_mail_elsewhere_does_not_make_it_onbestelbaar(app, session):
    invitation = invite(session, "bestaat-niet@analyse.example.com", "juridisch@analyse.example.com")
    with serving(app, Server(rcpt={"bestaat-niet@analyse.example.com": "550 5.1.1 Onbekend"})) as server:
        dispatch(app)
    assert len(server.received) == 1 and state_of(session, invitation) is InvitationState.VERZONDEN
    [notice] = [m for m in messages(session) if m.kind == "undeliverable"]
    assert "blijft daarom open" in notice.body_text


def test_a_mail_given_up_after_temporary_refusals_fails_but_leaves_the_invitation_open(app, session):
    """Only a permanent reply says an address is wrong; this one may work tomorrow (domain.mail_delivery)."""
    invitation = invite(session)
    now = clock.now()
    with serving(app, Server(data="451 4.3.0 Later")):
        first = dispatch(app, now=now, max_attempts=2)
        second = dispatch(app, now=now + timedelta(hours=2), max_attempts=2)
    message, notice = messages(session)
    assert (first.retried, second.failed) == (1, 1)
    assert (message.state, message.attempts, message.bounced) == (OutboxState.FAILED, 2, False)
    assert state_of(session, invitation) is InvitationState.CONCEPT
    assert notice.kind == "undeliverable" and "na 2 pogingen proberen we het niet meer" in notice.body_text
    assert [e.kind for e in events(session) if e.details["message_id"] == message.message_id] == [
        "mail.retry",
        "mail.failed",
    ]


def test_a_retry_is_not_sent_before_its_time(app, session):
    invite(session)
    now = clock.now()
    with serving(app, Server(data="451 4.3.0 Later")):
        dispatch(app, now=now)
    with serving(app, Server()) as server:
        report = dispatch(app, now=now + timedelta(seconds=1))
    assert report.batches == 0 and server.received == []


def test_a_message_whose_lease_expired_is_sent_once_by_the_next_run(app, session):
    invitation = invite(session)
    message = messages(session)[0]
    message.state, message.lease_until = OutboxState.SENDING, clock.now() - timedelta(seconds=1)
    session.commit()
    with serving(app, Server()) as server:
        dispatch(app)
        dispatch(app)
    assert len(server.received) == 1 and messages(session)[0].state is OutboxState.SENT
    assert state_of(session, invitation) is InvitationState.VERZONDEN


def test_a_message_another_run_holds_under_a_live_lease_is_left_alone(app, session):
    invite(session)
    message = messages(session)[0]
    message.state, message.lease_until = OutboxState.SENDING, clock.now() + timedelta(minutes=5)
    session.commit()
    with serving(app, Server()) as server:
        report = dispatch(app)
    assert report.batches == 0 and server.received == []


def test_a_sent_message_is_never_sent_again(app, session):
    invite(session)
    message = messages(session)[0]
    message.state, message.sent_at = OutboxState.SENT, clock.now()
    session.commit()
    with serving(app, Server()) as server:
        dispatch(app, now=clock.now() + timedelta(days=1))
    assert server.received == []


def test_running_the_dispatcher_twice_sends_each_message_once(app, session):
    invite(session, "a@analyse.example.com", "b@analyse.example.com", "c@analyse.example.com")
    with serving(app, Server()) as server:
        first, second = dispatch(app, batch_size=2), dispatch(app, batch_size=2)
    assert (first.batches, first.sent, second.batches) == (2, 3, 0)
    assert sorted(m["Message-ID"] for m in server.received) == sorted(m.message_id for m in messages(session))


def test_a_message_taken_over_by_another_run_while_its_lease_ran_out_is_not_sent_twice(app, session):
    """Another dispatcher took the second message over (as it may once this run's lease ran out), while
    the first took long enough that the lease is renewed before the second: a twentieth of it."""
    invite(session, "a@analyse.example.com", "b@analyse.example.com")
    second = messages(session)[1]
    taken = clock.now() + timedelta(minutes=5)
    lease = 1.0

    def take_over_the_second(count: int) -> None:
        if count == 0:
            time.sleep(lease * RENEWAL_SHARE * 2)
            with app.extensions[ENGINE_KEY].begin() as connection:
                connection.execute(
                    sa.update(OutboxMessage).where(OutboxMessage.id == second.id).values(lease_until=taken)
                )

    server = Server()
    server.on_data = take_over_the_second
    with serving(app, server):
        report = dispatch(app, lease_seconds=lease)
    assert (report.sent, report.lost, len(server.received)) == (1, 1, 1)
    row = messages(session)[1]
    assert row.state is OutboxState.SENDING and row.lease_until == taken


def test_a_message_that_is_not_an_invitation_changes_no_invitation(app, session):
    invitation = invite(session)
    message = messages(session)[0]
    message.kind = "deadline_moved"
    session.commit()
    with serving(app, Server(rcpt={"juridisch@analyse.example.com": "550 5.1.1 Onbekend"})):
        dispatch(app)
    assert state_of(session, invitation) is InvitationState.CONCEPT
    assert [m.kind for m in messages(session)] == ["deadline_moved"]
    assert [e.kind for e in events(session)] == ["mail.failed"]


def test_the_scheduler_jobs_run_once_send_the_outbox(app, session):
    invite(session)
    with serving(app, Server()) as server:
        assert "outbox" in run_once(app)
    assert len(server.received) == 1
