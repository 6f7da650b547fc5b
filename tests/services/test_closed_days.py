"""Closed days move running stakeholder deadlines later, never earlier once mailed, and tell the stakeholder."""

from datetime import date

import pytest
from sqlmodel import select

from zienswijze.db import (
    AuditEvent,
    Case,
    ConsultationRound,
    Contact,
    Invitation,
    OutboxMessage,
    Stakeholder,
)
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.consultation import InvitationState
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.audit import broken_links
from zienswijze.services.closed_days import ClosedDayError, add_closed_day, remove_closed_day
from zienswijze.services.context import Actor

SENT = date(2024, 7, 16)  # a Tuesday; two weeks later is Tuesday 30 July 2024
DEADLINE = date(2024, 7, 30)
HANDLER = Actor.user(1, 1)


def _invitation(session, *, state=InvitationState.VERZONDEN, mailed=DEADLINE, code="S1") -> Invitation:
    organisation = ensure_organisation(session, "Gemeente A")
    case = session.exec(select(Case).where(Case.reference == "W-1")).first()
    if case is None:
        case = Case(organisation_id=organisation.id, reference="W-1", subject="Dashboard", received=date(2024, 4, 8))
        session.add(case)
        session.flush()
        session.add(ConsultationRound(case_id=case.id, number=1, term_start=SENT, term_days=14, deadline=DEADLINE))
        session.flush()
    round_ = session.exec(select(ConsultationRound)).one()
    stakeholder = Stakeholder(case_id=case.id, code=code, name=f"Bedrijf {code}", kind=StakeholderKind.BEDRIJF)
    session.add(stakeholder)
    session.flush()
    session.add(Contact(stakeholder_id=stakeholder.id, email=f"{code.lower()}@example.com"))
    invitation = Invitation(
        round_id=round_.id,
        stakeholder_id=stakeholder.id,
        state=state,
        term_start=SENT,
        term_days=14,
        deadline=DEADLINE,
        mailed_deadline=mailed,
    )
    session.add(invitation)
    session.commit()
    return invitation


def test_a_closed_day_on_the_deadline_moves_it_to_the_next_working_day(session):
    invitation = _invitation(session)
    moved = add_closed_day(session, HANDLER, day=DEADLINE, description="Personeelsdag")
    session.refresh(invitation)
    assert invitation.deadline == date(2024, 7, 31) and [m.new for m in moved] == [date(2024, 7, 31)]


def test_a_stakeholder_whose_mailed_deadline_moves_later_gets_an_e_mail(session):
    _invitation(session)
    add_closed_day(session, HANDLER, day=DEADLINE, description="Personeelsdag")
    [message] = session.exec(select(OutboxMessage)).all()
    assert message.to_address == "s1@example.com" and message.kind == "deadline_moved"
    assert "woensdag 31 juli 2024" in message.body_text
    assert "30-07-2024 is een sluitingsdag van de organisatie (Personeelsdag)" in message.body_text


def test_a_mailed_deadline_never_moves_earlier_when_a_closed_day_is_removed(session):
    invitation = _invitation(session)
    add_closed_day(session, HANDLER, day=DEADLINE, description="")
    moved = remove_closed_day(session, HANDLER, day=DEADLINE)
    session.refresh(invitation)
    assert moved == [] and invitation.deadline == date(2024, 7, 31)
    assert len(session.exec(select(OutboxMessage)).all()) == 1


def test_an_unsent_invitation_follows_the_closed_days_both_ways_without_mail(session):
    invitation = _invitation(session, state=InvitationState.CONCEPT, mailed=None)
    add_closed_day(session, HANDLER, day=DEADLINE, description="")
    remove_closed_day(session, HANDLER, day=DEADLINE)
    session.refresh(invitation)
    assert invitation.deadline == DEADLINE
    assert session.exec(select(OutboxMessage)).all() == []


def test_a_submitted_invitation_keeps_its_deadline(session):
    invitation = _invitation(session, state=InvitationState.INGEDIEND)
    assert add_closed_day(session, HANDLER, day=DEADLINE, description="") == []
    session.refresh(invitation)
    assert invitation.deadline == DEADLINE


def test_a_closed_day_outside_every_term_moves_nothing(session):
    _invitation(session)
    assert add_closed_day(session, HANDLER, day=date(2024, 9, 2), description="") == []


def test_the_same_closed_day_cannot_be_added_twice(session):
    _invitation(session)
    add_closed_day(session, HANDLER, day=DEADLINE, description="")
    with pytest.raises(ClosedDayError, match="al een sluitingsdag"):
        add_closed_day(session, HANDLER, day=DEADLINE, description="")


def test_every_change_and_every_moved_deadline_is_in_the_audit_trail_as_an_unbroken_chain(session):
    _invitation(session)
    add_closed_day(session, HANDLER, day=DEADLINE, description="")
    events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.kind for e in events] == ["closed_day.added", "invitation.deadline_recomputed"]
    assert events[1].details["old"] == "2024-07-30" and events[1].details["new"] == "2024-07-31"
    assert broken_links(events) == []


def test_a_changed_audit_event_breaks_the_chain(session):
    _invitation(session)
    add_closed_day(session, HANDLER, day=DEADLINE, description="")
    events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    events[0].details = {"day": "2024-08-01"}
    assert broken_links(events) == [events[0].id]
