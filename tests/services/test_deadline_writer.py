"""The one writer of an invitation's deadline: it stores the explanation and decides whether to mail."""

from datetime import date

from sqlmodel import select

from zienswijze.db import Case, ClosedDay, ConsultationRound, Contact, Invitation, OutboxMessage, Stakeholder
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.consultation import InvitationState
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.closed_days import explanation_of
from zienswijze.services.deadlines import DeadlineChange, set_deadline

SENT = date(2024, 7, 16)  # a Tuesday; two weeks later is Tuesday 30 July 2024
DEADLINE = date(2024, 7, 30)
LATER = date(2024, 7, 31)
STEPS = ["30-07-2024 is een sluitingsdag van de organisatie; verschoven naar 31-07-2024"]


def _invitation(session, *, mailed: date | None) -> Invitation:
    organisation = ensure_organisation(session, "Gemeente A")
    case = Case(organisation_id=organisation.id, reference="W-1", subject="Dashboard", received=date(2024, 4, 8))
    session.add(case)
    session.flush()
    round_ = ConsultationRound(case_id=case.id, number=1, term_start=SENT, term_days=14, deadline=DEADLINE)
    stakeholder = Stakeholder(case_id=case.id, code="S1", name="Bedrijf S1", kind=StakeholderKind.BEDRIJF)
    session.add_all([round_, stakeholder])
    session.flush()
    session.add(Contact(stakeholder_id=stakeholder.id, email="s1@example.com"))
    invitation = Invitation(
        round_id=round_.id,
        stakeholder_id=stakeholder.id,
        state=InvitationState.VERZONDEN,
        term_start=SENT,
        term_days=14,
        deadline=DEADLINE,
        mailed_deadline=mailed,
        deadline_explanation=[],
    )
    session.add(invitation)
    session.flush()
    return invitation


def _mails(session) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage)))


def test_a_first_deadline_is_stored_with_its_explanation_and_mailed_by_the_invitation_not_here(session):
    invitation = Invitation(round_id=1, stakeholder_id=1, term_start=SENT, term_days=14)
    change = set_deadline(session, invitation, DEADLINE, ["stap"], told=False)
    assert change == DeadlineChange(None, DEADLINE, mailed=False)
    assert invitation.deadline == DEADLINE and invitation.deadline_explanation == ["stap"]
    assert invitation.mailed_deadline is None


def test_a_mailed_deadline_that_moves_later_is_mailed_with_its_stored_explanation(session):
    invitation = _invitation(session, mailed=DEADLINE)
    change = set_deadline(session, invitation, LATER, STEPS, told=False)
    assert change == DeadlineChange(DEADLINE, LATER, mailed=True)
    assert invitation.mailed_deadline == LATER and invitation.deadline_explanation == STEPS
    [message] = _mails(session)
    assert message.kind == "deadline_moved" and "woensdag 31 juli 2024" in message.body_text
    assert STEPS[0] in message.body_text


def test_a_deadline_never_moves_earlier_than_the_mailed_one_and_keeps_the_explanation_of_that_date(session):
    invitation = _invitation(session, mailed=LATER)
    invitation.deadline, invitation.deadline_explanation = LATER, STEPS
    assert set_deadline(session, invitation, DEADLINE, [], told=False) is None
    assert invitation.deadline == LATER and invitation.deadline_explanation == STEPS
    assert _mails(session) == []


def test_an_unmailed_deadline_follows_both_ways_without_mail(session):
    invitation = _invitation(session, mailed=None)
    set_deadline(session, invitation, LATER, STEPS, told=False)
    change = set_deadline(session, invitation, DEADLINE, [], told=False)
    assert change == DeadlineChange(LATER, DEADLINE, mailed=False)
    assert invitation.deadline_explanation == [] and _mails(session) == []


def test_a_date_the_caller_tells_the_stakeholder_itself_counts_as_mailed_without_a_mail_here(session):
    invitation = _invitation(session, mailed=DEADLINE)
    change = set_deadline(session, invitation, date(2024, 8, 9), [], told=True)
    assert change == DeadlineChange(DEADLINE, date(2024, 8, 9), mailed=False)
    assert invitation.mailed_deadline == date(2024, 8, 9) and _mails(session) == []


def test_an_invitation_from_before_the_explanation_was_stored_has_it_computed_from_its_term(session):
    invitation = _invitation(session, mailed=LATER)
    invitation.deadline, invitation.deadline_explanation = LATER, None
    session.add(ClosedDay(organisation_id=1, day=DEADLINE, description="Personeelsdag"))
    session.flush()
    assert explanation_of(session, invitation, 1) == [
        "30-07-2024 is een sluitingsdag van de organisatie (Personeelsdag); verschoven naar 31-07-2024"
    ]
    invitation.deadline_explanation = ["opgeslagen"]
    assert explanation_of(session, invitation, 1) == ["opgeslagen"]
