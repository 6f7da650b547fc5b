"""The outbox's pure rules: how long to wait before a retry, and what an SMTP reply means."""

from __future__ import annotations

from datetime import timedelta

import pytest

from zienswijze.domain.mail_delivery import Delivery, OutboxState, Stage, classify_reply, retry_delay, state_after

BASE, CAP = 60, 3600


def delay(attempt: int, jitter: float) -> float:
    return retry_delay(attempt, base_seconds=BASE, cap_seconds=CAP, jitter=jitter).total_seconds()


def test_the_first_retry_waits_between_half_the_base_and_the_base():
    assert delay(1, 0.0) == 30 and 30 < delay(1, 0.999) < 60


def test_the_wait_doubles_with_each_attempt():
    assert [delay(attempt, 0.0) for attempt in (1, 2, 3, 4)] == [30, 60, 120, 240]


@pytest.mark.parametrize("attempt", range(1, 6))
def test_below_the_cap_a_wait_is_never_shorter_than_any_wait_before_it_whatever_the_jitter(attempt):
    assert delay(attempt + 1, 0.0) >= delay(attempt, 0.999999)


def test_the_wait_never_exceeds_the_cap_even_after_very_many_attempts():
    assert delay(7, 0.999999) < CAP and delay(10_000, 0.999999) < CAP
    assert delay(10_000, 0.0) == CAP / 2


@pytest.mark.parametrize("jitter", [0.0, 0.25, 0.5, 0.999999])
def test_jitter_only_moves_the_wait_within_the_upper_half_of_its_ceiling(jitter):
    assert 120 <= delay(3, jitter) < 240


@pytest.mark.parametrize("jitter", [-0.1, 1.0, 2.0])
def test_jitter_outside_zero_to_one_is_refused(jitter):
    with pytest.raises(ValueError, match="jitter"):
        retry_delay(1, base_seconds=BASE, cap_seconds=CAP, jitter=jitter)


def test_attempts_count_from_one():
    with pytest.raises(ValueError, match="attempt"):
        retry_delay(0, base_seconds=BASE, cap_seconds=CAP, jitter=0.5)


def test_the_delay_is_a_timedelta():
    assert retry_delay(1, base_seconds=BASE, cap_seconds=CAP, jitter=0.5) == timedelta(seconds=45)


@pytest.mark.parametrize(
    ("stage", "reply", "delivery"),
    [
        (Stage.RCPT, "450 4.2.1 Mailbox busy", Delivery.TEMPORARY),
        (Stage.RCPT, "451 4.3.0 Try again later", Delivery.TEMPORARY),
        (Stage.RCPT, "452 4.2.2 Mailbox full", Delivery.TEMPORARY),
        (Stage.RCPT, "550 5.1.1 No such user", Delivery.PERMANENT),
        (Stage.RCPT, "553 5.1.3 Bad address syntax", Delivery.PERMANENT),
        (Stage.DATA, "451 4.7.1 Greylisted", Delivery.TEMPORARY),
        (Stage.DATA, "552 5.3.4 Message too big", Delivery.PERMANENT),
        (Stage.DATA, "554 5.7.1 Rejected as spam", Delivery.PERMANENT),
        (Stage.MAIL, "552 Error: message size exceeds fixed maximum message size", Delivery.PERMANENT),
        (Stage.MAIL, "554 5.3.4 Message size exceeds limit", Delivery.PERMANENT),
        (Stage.MAIL, "550 5.7.1 Sender not allowed", Delivery.UNREACHED),
        (Stage.MAIL, "553 5.1.8 Sender domain does not exist", Delivery.UNREACHED),
        (Stage.MAIL, "530 5.7.0 Authentication required", Delivery.UNREACHED),
        (Stage.MAIL, "451 4.3.0 Try again later", Delivery.UNREACHED),
        (Stage.MAIL, "452 4.3.1 Insufficient system storage", Delivery.UNREACHED),
        (Stage.MAIL, "421 4.3.2 Service not available", Delivery.UNREACHED),
        (Stage.RCPT, "421 4.3.2 Service not available", Delivery.UNREACHED),
        (Stage.DATA, "421 4.3.2 Closing connection", Delivery.UNREACHED),
    ],
)
def test_what_a_reply_means_depends_on_the_command_it_answers(stage, reply, delivery):
    code, _, text = reply.partition(" ")
    assert classify_reply(int(code), stage=stage, text=text) is delivery


def test_a_reply_smtplib_could_not_read_is_retried_rather_than_given_up():
    assert classify_reply(-1, stage=Stage.DATA) is Delivery.TEMPORARY


def test_only_a_reply_about_the_message_counts_as_an_attempt():
    assert [d for d in Delivery if not d.counts_as_attempt] == [Delivery.UNREACHED]


def test_a_connection_failure_is_retried_however_many_attempts_were_made():
    assert state_after(Delivery.UNREACHED, attempts=8, max_attempts=8) is OutboxState.RETRY


def test_an_accepted_message_is_sent():
    assert state_after(Delivery.ACCEPTED, attempts=3, max_attempts=3) is OutboxState.SENT


def test_a_permanent_failure_fails_at_the_first_attempt():
    assert state_after(Delivery.PERMANENT, attempts=1, max_attempts=8) is OutboxState.FAILED


def test_a_temporary_failure_is_retried_until_the_attempts_run_out():
    assert state_after(Delivery.TEMPORARY, attempts=7, max_attempts=8) is OutboxState.RETRY
    assert state_after(Delivery.TEMPORARY, attempts=8, max_attempts=8) is OutboxState.FAILED
