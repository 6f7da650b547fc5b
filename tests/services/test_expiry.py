"""Expiry: an open invitation becomes verlopen once its deadline day has ended in Amsterdam."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from tests.scheduled import consultation, events, queued, state_of, update_invitation
from zienswijze.db import ResponseVersion, StakeholderResponse
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.services.expiry import expire_overdue
from zienswijze.services.reminders import send_due_reminders

ONE_MICROSECOND = timedelta(microseconds=1)
# The last Sundays of October and March 2026: the clocks go back, and forward, that night.
WINTER_TIME = date(2026, 10, 25)
SUMMER_TIME = date(2026, 3, 29)
LAST_INSTANT = {
    WINTER_TIME: datetime(2026, 10, 25, 22, 59, 59, 999999, tzinfo=UTC),  # 23:59:59.999999+01:00
    SUMMER_TIME: datetime(2026, 3, 29, 21, 59, 59, 999999, tzinfo=UTC),  # 23:59:59.999999+02:00
}


def expire(app, now: datetime) -> list[int]:
    with app.app_context(), new_session() as session:
        return expire_overdue(session, now=now)


@pytest.mark.parametrize("deadline", [WINTER_TIME, SUMMER_TIME], ids=["october", "march"])
def test_an_invitation_is_still_open_at_the_last_microsecond_of_its_deadline_day(app, deadline):
    invitations = consultation(app, deadline=deadline)
    assert expire(app, LAST_INSTANT[deadline]) == []
    assert state_of(app, invitations["S1"]) is InvitationState.VERZONDEN


@pytest.mark.parametrize("deadline", [WINTER_TIME, SUMMER_TIME], ids=["october", "march"])
def test_an_invitation_expires_one_microsecond_after_its_deadline_day_ended_in_amsterdam(app, deadline):
    invitations = consultation(app, deadline=deadline)
    assert sorted(expire(app, LAST_INSTANT[deadline] + ONE_MICROSECOND)) == sorted(invitations.values())
    assert state_of(app, invitations["S1"]) is InvitationState.VERLOPEN


@pytest.mark.parametrize("state", [InvitationState.VERZONDEN, InvitationState.GEOPEND, InvitationState.IN_BEHANDELING])
def test_every_open_state_expires(app, state):
    invitations = consultation(app, deadline=date(2024, 7, 24), state=state)
    expire(app, datetime(2024, 7, 25, 8, tzinfo=UTC))
    assert state_of(app, invitations["S2"]) is InvitationState.VERLOPEN


@pytest.mark.parametrize("state", [InvitationState.CONCEPT, InvitationState.INGEDIEND, InvitationState.INGETROKKEN])
def test_an_invitation_not_open_keeps_its_state(app, state):
    invitations = consultation(app, deadline=date(2024, 7, 24), state=state)
    expire(app, datetime(2024, 7, 25, 8, tzinfo=UTC))
    assert state_of(app, invitations["S2"]) is state


def test_expiry_is_audited_once_with_the_deadline_and_the_moment_it_ended(app):
    invitations = consultation(app, deadline=WINTER_TIME)
    now = LAST_INSTANT[WINTER_TIME] + ONE_MICROSECOND
    expire(app, now)
    assert expire(app, now + timedelta(hours=1)) == []
    [event] = [e for e in events(app, "invitation.expired") if e.invitation_id == invitations["S1"]]
    assert event.actor == "scheduler"
    assert event.details["from"] == "verzonden"
    assert event.details["deadline_moment"] == "2026-10-25T23:59:59.999999+01:00"


def test_an_extended_deadline_keeps_the_invitation_open(app):
    invitations = consultation(app, deadline=date(2024, 7, 24))
    update_invitation(app, invitations["S2"], deadline=date(2024, 8, 14))
    expire(app, datetime(2024, 7, 25, 8, tzinfo=UTC))
    assert state_of(app, invitations["S2"]) is InvitationState.VERZONDEN


def test_a_draft_is_kept_when_the_invitation_expires(app):
    invitations = consultation(app, deadline=date(2024, 7, 24), state=InvitationState.IN_BEHANDELING)
    with app.app_context(), new_session() as session:
        response = StakeholderResponse(invitation_id=invitations["S2"])
        session.add(response)
        session.flush()
        session.add(ResponseVersion(response_id=response.id, number=1, explanation="Concepttekst"))
        session.commit()
    expire(app, datetime(2024, 7, 25, 8, tzinfo=UTC))
    with app.app_context(), new_session() as session:
        assert session.exec(select(ResponseVersion.explanation)).all() == ["Concepttekst"]


def test_a_reminder_still_waiting_in_the_outbox_is_withdrawn_at_expiry(app):
    consultation(app, deadline=date(2024, 12, 30))
    with app.app_context(), new_session() as session:
        send_due_reminders(session, today=date(2024, 12, 20), now=datetime(2024, 12, 20, 8, tzinfo=UTC))
    expire(app, datetime(2024, 12, 31, 8, tzinfo=UTC))
    assert {message.state for message in queued(app, "reminder")} == {OutboxState.CANCELLED}
