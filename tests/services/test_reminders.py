"""Reminders: due by the current deadline, to open invitations only, never twice, with no new link."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from tests.scheduled import consultation, events, queued, reminders_of, update_invitation
from zienswijze.db import Case, Invitation, Organisation
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.scheduling import amsterdam_date
from zienswijze.services import decision
from zienswijze.services.context import Actor
from zienswijze.services.reminders import send_due_reminders

DEADLINE = date(2024, 12, 30)  # Monday; three working days before is Friday 20 December 2024
REMINDER_DAY = date(2024, 12, 20)
NOW = datetime(2024, 12, 20, 8, 0, tzinfo=UTC)
S1_CONTACTS = ["s1-juridisch@example.com", "s1@example.com"]  # S2's only contact is s2@example.com


def remind(app, today: date, now: datetime = NOW) -> int:
    with app.app_context(), new_session() as session:
        return send_due_reminders(session, today=today, now=now)


@pytest.fixture
def invitations(app):
    return consultation(app, deadline=DEADLINE)


def test_no_reminder_goes_out_before_its_day(app, invitations):
    assert remind(app, date(2024, 12, 19)) == 0
    assert queued(app, "reminder") == []


def test_on_its_day_every_contact_of_every_open_invitation_gets_a_reminder(app, invitations):
    assert remind(app, REMINDER_DAY) == 2
    assert sorted(m.to_address for m in queued(app, "reminder")) == [
        "s1-juridisch@example.com",
        "s1@example.com",
        "s2@example.com",
    ]


def test_a_second_run_on_the_same_day_sends_nothing_more(app, invitations):
    remind(app, REMINDER_DAY)
    assert remind(app, REMINDER_DAY) == 0
    assert len(queued(app, "reminder")) == 3


def test_a_reminder_is_recorded_with_its_day_and_audited(app, invitations):
    remind(app, REMINDER_DAY)
    [row] = reminders_of(app, invitations["S2"])
    assert (row.due_on, row.sent_at) == (REMINDER_DAY, NOW)
    assert {event.invitation_id for event in events(app, "reminder.sent")} == set(invitations.values())


def test_the_reminder_names_the_case_the_deadline_and_the_earlier_mail_and_carries_no_link(app, invitations):
    remind(app, REMINDER_DAY)
    [message] = [m for m in queued(app, "reminder") if m.to_address == "s2@example.com"]
    assert "W-2024-1" in message.subject and "maandag 30 december 2024" in message.subject
    assert "eerdere e-mail van 16 december 2024" in message.body_text
    assert "Mr. Behandelaar" in message.body_text and "behandelaar@gemeente-a.example.org" in message.body_text
    assert "/z/" not in message.body_text and "/z/" not in message.body_html


@pytest.mark.parametrize(
    "state", [InvitationState.CONCEPT, InvitationState.INGEDIEND, InvitationState.INGETROKKEN, InvitationState.VERLOPEN]
)
def test_an_invitation_that_is_not_open_gets_no_reminder(app, invitations, state):
    update_invitation(app, invitations["S2"], state=state)
    assert remind(app, REMINDER_DAY) == 1
    assert sorted(m.to_address for m in queued(app, "reminder")) == S1_CONTACTS


def test_an_invitation_opened_or_with_a_draft_is_still_reminded(app, invitations):
    update_invitation(app, invitations["S1"], state=InvitationState.GEOPEND)
    update_invitation(app, invitations["S2"], state=InvitationState.IN_BEHANDELING)
    assert remind(app, REMINDER_DAY) == 2


def test_a_scheduler_down_for_days_sends_only_the_latest_reminder_and_records_the_others(app, invitations):
    with app.app_context(), new_session() as session:
        session.exec(select(Organisation)).one().reminder_working_days = [5, 3, 1]
        session.commit()
    remind(app, date(2024, 12, 27))
    assert len(queued(app, "reminder")) == 3
    rows = reminders_of(app, invitations["S2"])
    assert [(row.due_on, row.sent_at is not None) for row in rows] == [
        (date(2024, 12, 18), False),
        (date(2024, 12, 20), False),
        (date(2024, 12, 24), True),
    ]


def test_the_skipped_reminders_never_fire_later(app, invitations):
    with app.app_context(), new_session() as session:
        session.exec(select(Organisation)).one().reminder_working_days = [5, 3]
        session.commit()
    remind(app, date(2024, 12, 23))
    assert remind(app, date(2024, 12, 24)) == 0
    assert len(queued(app, "reminder")) == 3


def test_no_reminder_is_sent_after_the_deadline(app, invitations):
    assert remind(app, date(2024, 12, 31)) == 0


def test_no_reminder_is_sent_once_the_decision_was_taken_early(app, invitations):
    with app.app_context(), new_session() as session:
        session.exec(select(Case)).one().decision_date = date(2024, 12, 19)
        session.commit()
    assert remind(app, REMINDER_DAY) == 0


def test_a_reminder_still_in_the_outbox_is_withdrawn_when_the_decision_is_taken_early(app, invitations):
    remind(app, REMINDER_DAY)
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case)).one()
        decision.record_decision(
            session,
            Actor.user(case.organisation_id, None),
            case_id=case.id,
            decided_on=REMINDER_DAY,
            announced_on=REMINDER_DAY,
            today=REMINDER_DAY,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            override_reason="de belanghebbenden zagen af van een zienswijze",
        )
    assert {m.state for m in queued(app, "reminder")} == {OutboxState.CANCELLED}


def test_a_moved_deadline_brings_a_new_reminder_on_its_own_day(app, invitations):
    remind(app, REMINDER_DAY)
    update_invitation(app, invitations["S2"], deadline=date(2025, 1, 10))
    assert remind(app, date(2025, 1, 6)) == 0
    assert remind(app, date(2025, 1, 7)) == 1
    assert [row.due_on for row in reminders_of(app, invitations["S2"])] == [REMINDER_DAY, date(2025, 1, 7)]


def test_a_link_mailed_after_the_reminder_day_gets_no_reminder_straight_away(app, invitations):
    update_invitation(app, invitations["S2"], token_issued_at=datetime(2024, 12, 23, 9, 0, tzinfo=UTC))
    assert remind(app, date(2024, 12, 23)) == 1  # S1, mailed on 16 December, is reminded a day late
    assert sorted(m.to_address for m in queued(app, "reminder")) == S1_CONTACTS


def test_the_reminder_day_is_the_day_in_amsterdam_on_the_first_day_of_winter_time(app):
    # Deadline Thursday 29 October 2026; three working days before is Monday 26 October. The clocks went
    # back on Sunday 25 October, so Monday begins in Amsterdam at 23:00 UTC on Sunday (UTC+1).
    consultation(app, deadline=date(2026, 10, 29), mailed=datetime(2026, 10, 14, 9, 0, tzinfo=UTC))
    late_sunday = datetime(2026, 10, 25, 22, 59, tzinfo=UTC)  # 23:59 on 25 October in Amsterdam
    monday_night = datetime(2026, 10, 25, 23, 1, tzinfo=UTC)  # 00:01 on 26 October in Amsterdam
    assert remind(app, amsterdam_date(late_sunday), late_sunday) == 0
    assert remind(app, amsterdam_date(monday_night), monday_night) == 2


def test_an_invitation_whose_reminder_day_is_still_ahead_is_not_even_read(app, invitations):
    """The job costs what is due, not what is open: a deadline beyond the window stays in the database."""
    update_invitation(app, invitations["S2"], deadline=date(2025, 3, 31))
    read: list[int] = []
    with app.app_context(), new_session() as session:
        event.listen(
            session,
            "loaded_as_persistent",
            lambda _s, row: read.append(row.id) if isinstance(row, Invitation) else None,
        )
        send_due_reminders(session, today=REMINDER_DAY, now=NOW)
    assert invitations["S1"] in read and invitations["S2"] not in read
