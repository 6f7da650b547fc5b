"""The requester's notices and the postponement, with a consultation round sent on 3 December 2026."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.weighing_case import consulted_case, rounds_sent_at
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.services import requester_notices
from zienswijze.services.cases import postpone_decision
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid

HANDLER = Actor.user(1, 1)


@pytest.fixture
def consulted(app, clock_at):
    """Received Friday 20 November 2026; the round goes out on Thursday 3 December 2026."""
    clock_at(datetime(2026, 12, 3, 10, tzinfo=AMSTERDAM))
    ids_ = consulted_case(app)
    with app.app_context(), new_session() as session:
        session.get(Case, ids_["case"]).received = date(2026, 11, 20)
        session.commit()
    return ids_


def _suspend(app, ids_, sent_on: date, ended_on: date | None = None) -> None:
    with app.app_context(), new_session() as session:
        requester_notices.record_suspension_notice(session, HANDLER, case_id=ids_["case"], sent_on=sent_on)
        if ended_on is not None:
            requester_notices.record_suspension_end(
                session, HANDLER, case_id=ids_["case"], ended_on=ended_on, notice_sent_on=ended_on, prolongs=True
            )


def _postpone(app, ids_, notice_sent: date) -> Case:
    with app.app_context(), new_session() as session:
        return postpone_decision(session, HANDLER, case_id=ids_["case"], notice_sent=notice_sent)


def test_a_postponement_told_after_the_unsuspended_term_but_before_the_suspended_one_is_accepted(app, consulted):
    """The issue's example; the dates are worked out in tests/unit/test_deadlines_decision_term.py."""
    _suspend(app, consulted, date(2026, 12, 4), date(2026, 12, 31))
    assert _postpone(app, consulted, date(2027, 1, 8)).decision_deadline == date(2027, 1, 28)


def test_a_postponement_told_after_the_suspended_first_term_is_refused(app, consulted):
    _suspend(app, consulted, date(2026, 12, 4), date(2026, 12, 31))
    with pytest.raises(Invalid) as refused:
        _postpone(app, consulted, date(2027, 1, 15))
    assert "(14-01-2027)" in refused.value.errors["notice_sent"]


def test_a_postponement_told_while_the_suspension_still_runs_is_accepted(app, consulted):
    _suspend(app, consulted, date(2026, 12, 4))
    assert _postpone(app, consulted, date(2026, 12, 28)).postponed


def test_a_suspension_notice_dated_before_the_first_invitation_is_refused(app, consulted):
    with pytest.raises(Invalid) as refused:
        _suspend(app, consulted, date(2026, 12, 2))
    assert (
        refused.value.errors["sent_on"]
        == "De mededeling kan niet vóór de eerste uitnodiging (03-12-2026) zijn verstuurd."
    )


def test_a_suspension_notice_without_any_invitation_is_refused(app, clock_at):
    clock_at(datetime(2026, 12, 3, 10, tzinfo=AMSTERDAM))
    ids_ = consulted_case(app)
    rounds_sent_at(app, None)
    with pytest.raises(Invalid) as refused:
        _suspend(app, ids_, date(2026, 12, 4))
    assert "nog geen belanghebbende uitgenodigd" in refused.value.errors["sent_on"]


def test_the_suspension_letter_says_the_term_is_suspended_up_to_and_including_the_day_of_the_last_view(app, consulted):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        draft = requester_notices.letter(session, case, requester_notices.SUSPENDED, date(2026, 12, 4))
    assert "tot en met de dag waarop de laatste zienswijze is ontvangen" in draft.text
