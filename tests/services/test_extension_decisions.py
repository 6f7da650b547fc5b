"""A stakeholder's request for more time that waits for the handler, and the handler's decision."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from tests.consultation import ids, start_consultation
from zienswijze import clock
from zienswijze.db import Case, ExtensionRequest, Invitation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import ExtensionStatus
from zienswijze.domain.deadlines import is_working_day
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid
from zienswijze.services.extension_requests import request_extension
from zienswijze.services.invitations import decide_extension
from zienswijze.services.rounds import RoundSettings


@pytest.fixture
def pending(app, clock_at):
    """An extension request waiting for the handler, in a round started on a set day (Monday 2 March 2026),
    so no test's dates depend on the day it runs (a Saturday after the deadline was once Boxing Day)."""
    clock_at(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    start_consultation(app, RoundSettings(max_extension_days=21, auto_grant_extensions=False))
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, "S1")["invitation"])
        case = session.exec(select(Case)).one()
        request_extension(
            session,
            Actor.stakeholder(case.organisation_id),
            invitation_id=invitation.id,
            requested=invitation.deadline + timedelta(days=10),
            reason="Zomervakantie",
            now=clock.now(),
            base_url="http://zienswijze.test",
        )
    return app


def _decide(app, **decision):
    with app.app_context(), new_session() as session:
        return decide_extension(session, Actor.user(1, None), invitation_id=ids(app, "S1")["invitation"], **decision)


def _mails(app, kind):
    with app.app_context(), new_session() as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def test_a_request_outside_the_policy_waits_and_the_handler_is_told(pending):
    with pending.app_context(), new_session() as session:
        request = session.exec(select(ExtensionRequest)).one()
    assert request.status is ExtensionStatus.AANGEVRAAGD
    assert [m.to_address for m in _mails(pending, "extension_requested")] == ["behandelaar@gemeente-a.example.org"]


def test_the_handler_grants_the_requested_date_on_a_working_day_and_the_stakeholder_is_told(pending):
    request = _decide(pending, granted=True, deadline=None, reason="")
    with pending.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(pending, "S1")["invitation"])
    assert request.status is ExtensionStatus.TOEGEKEND and invitation.deadline == request.resulting_deadline
    assert invitation.deadline >= request.requested_until and is_working_day(invitation.deadline)
    mails = _mails(pending, "extension_decided")
    assert len(mails) == 2 and all("verlengd" in m.body_text for m in mails)


def test_the_handler_refuses_with_a_reason_and_the_deadline_stays(pending):
    with pending.app_context(), new_session() as session:
        before = session.get(Invitation, ids(pending, "S1")["invitation"]).deadline
    request = _decide(pending, granted=False, deadline=None, reason="De beslistermijn laat dit niet toe.")
    with pending.app_context(), new_session() as session:
        assert session.get(Invitation, ids(pending, "S1")["invitation"]).deadline == before
    assert request.status is ExtensionStatus.GEWEIGERD
    assert all("laat dit niet toe" in m.body_text for m in _mails(pending, "extension_decided"))


def test_refusing_needs_a_reason(pending):
    with pytest.raises(Invalid) as refused:
        _decide(pending, granted=False, deadline=None, reason="")
    assert "reason" in refused.value.errors


def test_a_second_request_while_one_waits_is_refused(pending):
    with pending.app_context(), new_session() as session, pytest.raises(Invalid, match="al een verzoek"):
        invitation = session.get(Invitation, ids(pending, "S1")["invitation"])
        request_extension(
            session,
            Actor.stakeholder(session.exec(select(Case)).one().organisation_id),
            invitation_id=invitation.id,
            requested=invitation.deadline + timedelta(days=5),
            reason="Nog meer tijd",
            now=clock.now(),
            base_url="http://zienswijze.test",
        )


def test_a_granted_date_on_a_saturday_is_stored_with_its_explanation_which_the_decision_mail_shows(pending):
    with pending.app_context(), new_session() as session:
        deadline = session.get(Invitation, ids(pending, "S1")["invitation"]).deadline
    saturday = deadline + timedelta(days=(5 - deadline.weekday()) % 7 or 7)
    _decide(pending, granted=True, deadline=saturday, reason="")
    with pending.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(pending, "S1")["invitation"])
    assert invitation.mailed_deadline == invitation.deadline > saturday
    assert invitation.deadline_explanation[0].startswith(f"{saturday:%d-%m-%Y} is een zaterdag")
    assert all(invitation.deadline_explanation[-1] in m.body_text for m in _mails(pending, "extension_decided"))
