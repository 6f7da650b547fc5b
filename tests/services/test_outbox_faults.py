"""The outbox when mail goes wrong (issue 12): a message the server will never take fails at once, an
outage of the mail server uses up no attempts and makes no invitation undeliverable, and no SMTP
exchange outlasts the lease that keeps other dispatchers off its messages."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tests.outbox import Server, dispatch, invite, messages, serving, smtp_app, state_of
from zienswijze import clock
from zienswijze.db import OutboxAttachment
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState

OUTAGE_RUNS = 20


@pytest.fixture
def app(database_url, tmp_path):
    yield from smtp_app(database_url, tmp_path)


def test_a_552_to_the_data_fails_the_message_at_once(app, session):
    invitation = invite(session)
    with serving(app, Server(data="552 5.3.4 Bericht te groot")):
        report = dispatch(app)
    message = messages(session)[0]
    assert (report.failed, message.state, message.attempts, message.bounced) == (1, OutboxState.FAILED, 1, True)
    assert state_of(session, invitation) is InvitationState.ONBESTELBAAR


def test_a_message_larger_than_the_server_takes_fails_at_once_and_the_rest_of_the_batch_goes_out(app, session):
    """The server announces SIZE, so smtplib's MAIL FROM carries SIZE= and the 552 comes as a
    "sender refused": about this message, not about our sender address."""
    invitation = invite(session, "juridisch@analyse.example.com", "directie@analyse.example.com")
    big = messages(session)[1]
    session.add(
        OutboxAttachment(
            message_id=big.id, filename="bijlage.bin", content_type="application/octet-stream", data=b"x" * 60_000
        )
    )
    session.commit()
    with serving(app, Server(), data_size_limit=30_000) as server:
        report = dispatch(app)
    small, big = messages(session)[:2]
    assert (report.sent, report.failed, report.deferred) == (1, 1, 0)
    assert [m["To"] for m in server.received] == ["juridisch@analyse.example.com"]
    assert (big.state, big.attempts, big.bounced) == (OutboxState.FAILED, 1, True)
    assert big.last_error.startswith("552 ")
    assert small.state is OutboxState.SENT and state_of(session, invitation) is InvitationState.VERZONDEN


def run_through_an_outage(app, session, runs: int):
    """Runs the dispatcher ``runs`` times with no mail server, each time when the message is due again."""
    now = clock.now()
    for _ in range(runs):
        report = dispatch(app, now=now)
        assert report.deferred == 1
        now = messages(session)[0].next_attempt_at + timedelta(seconds=1)
    return now


def test_an_outage_of_the_mail_server_uses_up_no_attempts_and_the_invitation_stays_open(app, session):
    invitation = invite(session)
    back = run_through_an_outage(app, session, OUTAGE_RUNS)
    message = messages(session)[0]
    assert (message.state, message.attempts, message.deferrals) == (OutboxState.RETRY, 0, OUTAGE_RUNS)
    assert message.last_error.startswith("connecting: ConnectionRefusedError")
    assert state_of(session, invitation) is InvitationState.CONCEPT
    with serving(app, Server()) as server:
        report = dispatch(app, now=back)
    assert report.sent == 1 and len(server.received) == 1
    assert (messages(session)[0].attempts, state_of(session, invitation)) == (1, InvitationState.VERZONDEN)


def test_during_an_outage_a_retry_waits_no_longer_than_the_outage_cap(app, session):
    invite(session)
    before_last = run_through_an_outage(app, session, OUTAGE_RUNS - 1)
    dispatch(app, now=before_last)
    wait = messages(session)[0].next_attempt_at - before_last
    assert timedelta(minutes=7) < wait <= timedelta(seconds=app.config["OUTBOX_OUTAGE_RETRY_CAP_SECONDS"] + 1)


def test_a_reply_after_an_outage_counts_and_the_next_outage_backs_off_from_the_start(app, session):
    invite(session)
    back = run_through_an_outage(app, session, 5)
    with serving(app, Server(data="451 4.7.1 Greylisted")):
        dispatch(app, now=back)
    message = messages(session)[0]
    assert (message.state, message.attempts, message.deferrals) == (OutboxState.RETRY, 1, 0)


def test_an_invitation_with_one_address_bounced_and_one_given_up_stays_open(app, session):
    """Undeliverable needs a permanent reply for every address; the one given up may work tomorrow."""
    invitation = invite(session, "bestaat-niet@analyse.example.com", "vol@analyse.example.com")
    refusals = {"bestaat-niet@analyse.example.com": "550 5.1.1 Onbekend", "vol@analyse.example.com": "452 4.2.2 Vol"}
    with serving(app, Server(rcpt=refusals)):
        report = dispatch(app, max_attempts=1)
    bounced, given_up = messages(session)[:2]
    assert report.failed == 2 and (bounced.bounced, given_up.bounced) == (True, False)
    assert state_of(session, invitation) is InvitationState.CONCEPT


class SlowServer:
    """Answers every command just within the client's timeout, so only the whole exchange is slow."""

    def __init__(self, delay: float) -> None:
        self.delay = delay

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        await asyncio.sleep(self.delay)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        return "250 OK"


def test_a_send_is_cut_off_before_it_can_outlast_the_lease_however_slowly_the_server_answers(app, session):
    """The test app's timeout is 1 s per socket operation; the three replies take 1.8 s together."""
    invite(session)
    lease = 1.2  # so one exchange may take 0.9 s
    with serving(app, SlowServer(delay=0.6)):
        report = dispatch(app, lease_seconds=lease)
    message = messages(session)[0]
    assert (report.deferred, message.state, message.attempts) == (1, OutboxState.RETRY, 0)
    assert message.last_error == "no answer within 0.9 s"
