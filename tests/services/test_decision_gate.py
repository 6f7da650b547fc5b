"""No decision, and no weighing of a missing view, while a stakeholder can still give one; the override."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_case, objection_of, submit_view
from zienswijze import clock
from zienswijze.db import AuditEvent, Case, Invitation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.decision_gate import Waiting
from zienswijze.domain.responses import Position, ResponseInput
from zienswijze.services import decision, paragraph, responses, weighing, weighing_items
from zienswijze.services.context import Actor
from zienswijze.services.decision_gate import ViewsPending
from zienswijze.services.errors import Conflict, Invalid
from zienswijze.services.extension_requests import request_extension
from zienswijze.services.invitations import decide_extension
from zienswijze.services.rounds import RoundSettings

HANDLER = Actor.user(1, 1)
EARLY = "de belanghebbende heeft schriftelijk laten weten geen zienswijze te geven"


def _decide(app, consulted, override_reason: str = "") -> int:
    with app.app_context(), new_session() as session:
        return decision.record_decision(
            session,
            HANDLER,
            case_id=consulted["case"],
            decided_on=clock.today(),
            announced_on=clock.today(),
            today=clock.today(),
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            override_reason=override_reason,
        )


def _case(app, consulted) -> Case:
    with app.app_context(), new_session() as session:
        return session.get(Case, consulted["case"])


def _ask_more_time(app, code: str) -> None:
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, code)["invitation"])
        request_extension(
            session,
            Actor.stakeholder(1),
            invitation_id=invitation.id,
            requested=invitation.deadline + timedelta(days=7),
            reason="Vakantie",
            now=clock.now(),
            base_url="http://zienswijze.test",
        )


def test_the_decision_is_refused_while_a_stakeholder_can_still_give_a_view_and_names_them(app):
    consulted = consulted_case(app)  # S1 submitted; S2's term runs
    with pytest.raises(ViewsPending) as refused:
        _decide(app, consulted)
    assert [(p.stakeholder.code, p.why) for p in refused.value.pending] == [("S2", Waiting.TERM_RUNNING)]
    assert "override_reason" in refused.value.errors
    assert _case(app, consulted).decision_date is None
    with app.app_context(), new_session() as session:
        assert session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice")).all() == []


def test_with_a_reason_the_handler_decides_early_and_the_audit_trail_and_the_paragraph_say_why(app):
    consulted = consulted_case(app)
    _decide(app, consulted, override_reason=f"  {EARLY}. ")
    assert _case(app, consulted).early_decision_reason == f"{EARLY}."
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "decision.recorded")).one()
        text = paragraph.text(session, session.get(Case, consulted["case"]))
    assert event.details["override_reason"] == f"{EARLY}."
    assert event.details["waiting_for"] == [{"stakeholder": "S2", "why": "termijn loopt"}]
    assert (
        "Het besluit is genomen voordat de termijn voor het geven van een zienswijze voor iedere belanghebbende "
        f"was verstreken, omdat {EARLY}." in text
    )


def test_once_every_stakeholder_has_submitted_the_decision_is_taken_at_once_without_a_reason(app):
    consulted = consulted_case(app, s2_view=Position.GEEN_BEZWAAR)
    _decide(app, consulted, override_reason="niet nodig")
    case = _case(app, consulted)
    assert case.decision_date == clock.today() and case.early_decision_reason is None
    with app.app_context(), new_session() as session:
        assert "voordat de termijn" not in paragraph.text(session, session.get(Case, consulted["case"]))


def test_after_the_decision_a_stakeholder_can_no_longer_change_their_view(app):
    consulted = consulted_case(app, s2_view=Position.GEEN_BEZWAAR)
    _decide(app, consulted)
    with app.app_context(), new_session() as session, pytest.raises(responses.FormClosed):
        responses.submit(
            session,
            Actor.stakeholder(1),
            invitation_id=ids(app, "S2")["invitation"],
            data=ResponseInput(position=Position.GEDEELTELIJK_BEZWAAR, items=objection_of(app, "S2")),
            now=clock.now(),
            today=clock.today(),
        )


def test_an_open_extension_request_holds_the_decision_back_until_the_handler_refuses_it(app):
    consulted = consulted_case(app, RoundSettings(auto_grant_extensions=False))
    _ask_more_time(app, "S2")
    with pytest.raises(ViewsPending) as refused:
        _decide(app, consulted)
    assert [(p.stakeholder.code, p.why) for p in refused.value.pending] == [("S2", Waiting.EXTENSION_REQUESTED)]


def test_a_request_left_open_by_a_submission_can_still_be_refused_and_then_nothing_waits(app):
    consulted = consulted_case(app, RoundSettings(auto_grant_extensions=False))
    _ask_more_time(app, "S2")
    submit_view(app, "S2", Position.GEEN_BEZWAAR)
    with pytest.raises(ViewsPending):
        _decide(app, consulted)
    with app.app_context(), new_session() as session:
        decide_extension(
            session,
            HANDLER,
            invitation_id=ids(app, "S2")["invitation"],
            granted=False,
            deadline=None,
            reason="Al ingediend.",
        )
    _decide(app, consulted)
    assert _case(app, consulted).decision_date is not None


def test_an_extension_request_after_the_submission_is_refused_at_once(app):
    consulted_case(app, RoundSettings(auto_grant_extensions=False))  # S1 has submitted
    with pytest.raises(Invalid) as refused:
        _ask_more_time(app, "S1")
    assert "U hebt uw zienswijze al ingediend" in refused.value.errors[""]


def _weigh_missing(app, consulted, override_reason: str = "") -> None:
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        missing = next(i for i in weighing_items.overview(session, case).items if i.subject == "geen zienswijze")
        weighing.record(
            session,
            HANDLER,
            case_id=case.id,
            weighing_id=missing.id,
            outcome="niet gehonoreerd",
            motivation="Alleen namen van medewerkers.",
            override_reason=override_reason,
            now=clock.now(),
        )


def test_a_missing_view_is_weighed_early_only_with_a_reason_kept_in_the_audit_trail(app):
    consulted = consulted_case(app)
    with pytest.raises(Conflict) as refused:
        _weigh_missing(app, consulted)
    assert "Bedrijf S2 kan nog tot en met" in str(refused.value)
    _weigh_missing(app, consulted, override_reason=EARLY)
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "weighing.recorded")).all()[-1]
    assert event.details["override_reason"] == EARLY
