"""Completion: once every invitation of a round is final, one summary to the handler and the suspension end."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from tests.scheduled import consultation, events, queued, update_invitation
from zienswijze.db import Case, ConsultationRound, ExtensionRequest
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import ExtensionStatus, InvitationState
from zienswijze.services.completion import complete_finished_rounds

DEADLINE = date(2024, 7, 24)
NOW = datetime(2024, 7, 25, 8, 0, tzinfo=UTC)


def complete(app, now: datetime = NOW) -> list[int]:
    with app.app_context(), new_session() as session:
        return complete_finished_rounds(session, now=now, base_url=app.config["BASE_URL"])


def the_case(app) -> Case:
    with app.app_context(), new_session() as session:
        return session.exec(select(Case)).one()


def the_round(app) -> ConsultationRound:
    with app.app_context(), new_session() as session:
        return session.exec(select(ConsultationRound)).one()


def finish(app, invitations, *, submitted: datetime = datetime(2024, 7, 19, 23, 30, tzinfo=UTC)) -> None:
    """S1 submitted (on 20 July in Amsterdam), S2 expired."""
    update_invitation(app, invitations["S1"], state=InvitationState.INGEDIEND, submitted_at=submitted)
    update_invitation(app, invitations["S2"], state=InvitationState.VERLOPEN)


def test_a_round_with_an_open_invitation_is_not_complete(app):
    invitations = consultation(app, deadline=DEADLINE)
    update_invitation(app, invitations["S1"], state=InvitationState.INGEDIEND, submitted_at=NOW)
    assert complete(app) == []
    assert the_round(app).completed_at is None


def test_a_round_whose_invitations_are_all_final_is_completed_once(app):
    invitations = consultation(app, deadline=DEADLINE)
    finish(app, invitations)
    assert len(complete(app)) == 1
    assert complete(app) == []
    assert the_round(app).completed_at == NOW
    assert len(events(app, "round.completed")) == 1


def test_the_handler_gets_one_summary_with_the_counts_and_each_stakeholders_outcome(app):
    finish(app, consultation(app, deadline=DEADLINE))
    complete(app)
    complete(app)
    [summary] = queued(app, "round_complete")
    assert summary.to_address == "behandelaar@gemeente-a.example.org"
    assert "W-2024-1" in summary.subject
    assert "- ingediend: 1" in summary.body_text and "- verlopen: 1" in summary.body_text
    assert "Bedrijf S1: ingediend (20 juli 2024)" in summary.body_text
    assert "Bedrijf S2: verlopen (24 juli 2024)" in summary.body_text


def test_the_suspension_ends_on_the_last_day_a_view_came_in_or_a_term_ended_unused(app):
    finish(app, consultation(app, deadline=DEADLINE))
    complete(app)
    assert the_case(app).suspension_ended == DEADLINE
    assert "geëindigd op woensdag 24 juli 2024" in queued(app, "round_complete")[0].body_text


def test_a_revoked_invitation_does_not_count_for_the_suspension(app):
    invitations = consultation(app, deadline=DEADLINE)
    update_invitation(app, invitations["S1"], state=InvitationState.INGEDIEND, submitted_at=NOW.replace(day=19))
    update_invitation(app, invitations["S2"], state=InvitationState.INGETROKKEN, deadline=date(2024, 8, 30))
    complete(app)
    assert the_case(app).suspension_ended == date(2024, 7, 19)


def extend(app, invitation_id: int, until: date) -> None:
    update_invitation(app, invitation_id, deadline=until)
    with app.app_context(), new_session() as session:
        session.add(
            ExtensionRequest(
                invitation_id=invitation_id,
                requested_until=until,
                status=ExtensionStatus.TOEGEKEND,
                resulting_deadline=until,
            )
        )
        session.exec(select(ConsultationRound)).one().deadline = DEADLINE
        session.commit()


def test_an_extension_prolongs_the_suspension_by_default(app):
    invitations = consultation(app, deadline=DEADLINE)
    finish(app, invitations)
    extend(app, invitations["S2"], date(2024, 8, 14))
    complete(app)
    assert the_case(app).suspension_ended == date(2024, 8, 14)


def test_an_extension_counts_only_up_to_the_original_deadline_when_the_handler_chose_so(app):
    invitations = consultation(app, deadline=DEADLINE)
    finish(app, invitations)
    extend(app, invitations["S2"], date(2024, 8, 14))
    with app.app_context(), new_session() as session:
        session.exec(select(Case)).one().extension_prolongs_suspension = False
        session.commit()
    complete(app)
    assert the_case(app).suspension_ended == DEADLINE
    [event] = events(app, "round.completed")
    assert event.details["extension_prolongs_suspension"] is False
