"""The decision: dates, disclosure per document across holidays, provisional measures, notices to all."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_after_the_terms, rounds_sent_at, weigh_all
from zienswijze.db import AuditEvent, Case, Document, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.services import decision, disclosure, paragraph, requester_notices
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid

# Made known on Thursday 11 December 2025: the two weeks end on Thursday 25 December, Eerste
# Kerstdag; Atw art. 1 moves the end past Tweede Kerstdag and the weekend to Monday 29 December.
ANNOUNCED = date(2025, 12, 11)
HANDLER = Actor.user(1, 1)


@pytest.fixture
def consulted(app, clock_at):
    return consulted_after_the_terms(app, clock_at)


def _decide(app, consulted, decided=ANNOUNCED, announced=ANNOUNCED):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        return decision.record_decision(
            session, HANDLER, case_id=case.id, decided_on=decided, announced_on=announced, today=announced
        )


def _plan(app, consulted, today=ANNOUNCED):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        return {p.document.number: p for p in disclosure.plan(session, case, today)}


def test_a_document_whose_objection_was_not_honoured_waits_two_weeks_across_christmas(app, consulted):
    weigh_all(app, consulted, "niet gehonoreerd")
    _decide(app, consulted)
    plan = _plan(app, consulted)
    assert plan[1].held and plan[1].disclosure == date(2025, 12, 30)
    assert plan[1].outcome == "bezwaar niet gehonoreerd"
    # S2 gave no view: no objection holds its document back, so it is disclosed when made known.
    assert not plan[2].held and plan[2].disclosure == ANNOUNCED and plan[2].outcome == "geen zienswijze"
    assert plan[1].held_back and not plan[2].held_back
    assert not _plan(app, consulted, today=date(2025, 12, 30))[1].held_back


def test_an_honoured_objection_holds_nothing_back(app, consulted):
    weigh_all(app, consulted, "gehonoreerd")
    _decide(app, consulted)
    assert _plan(app, consulted)[1].disclosure == ANNOUNCED


def test_a_pending_provisional_measure_blocks_disclosure_until_it_is_lifted(app, consulted):
    weigh_all(app, consulted)
    _decide(app, consulted)
    document_id = ids(app, "S1")["document"]
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        decision.set_provisional_measure(session, HANDLER, case_id=case.id, document_id=document_id, pending=True)
    plan = _plan(app, consulted, today=date(2026, 3, 1))
    assert plan[1].disclosure is None and plan[1].held_back
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        decision.set_provisional_measure(session, HANDLER, case_id=case.id, document_id=document_id, pending=False)
    assert _plan(app, consulted, today=date(2026, 3, 1))[1].disclosure == date(2025, 12, 30)


def test_the_decision_notice_reaches_every_contact_of_every_stakeholder_whose_information_is_disclosed(app, consulted):
    weigh_all(app, consulted)
    assert _decide(app, consulted) == 3
    with app.app_context(), new_session() as session:
        notices = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice")).all()
        case = session.get(Case, consulted["case"])
        assert case.status is CaseStatus.BESLUIT_GENOMEN
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "decision.recorded")).one()
    assert sorted(n.to_address for n in notices) == ["s1-juridisch@example.com", "s1@example.com", "s2@example.com"]
    s1 = next(n for n in notices if n.to_address == "s1@example.com").body_text
    assert "openbaar vanaf 30 december 2025" in s1
    assert "uiterlijk op 22 januari 2026" in s1  # six weeks from 11 December 2025 (Awb 6:7, 6:8)
    s2 = next(n for n in notices if n.to_address == "s2@example.com").body_text
    assert "openbaar vanaf 11 december 2025" in s2


def test_a_stakeholder_whose_documents_stay_withheld_gets_no_notice(app, consulted):
    with app.app_context(), new_session() as session:
        document = session.get(Document, ids(app, "S2")["document"])
        document.assessment = "niet openbaar"
        session.commit()
    weigh_all(app, consulted)
    assert _decide(app, consulted) == 2


def test_the_decision_is_recorded_once_and_not_made_known_before_it_is_taken(app, consulted):
    with pytest.raises(Invalid) as refused:
        _decide(app, consulted, decided=date(2025, 12, 12), announced=ANNOUNCED)
    assert "announced_on" in refused.value.errors
    _decide(app, consulted)
    with pytest.raises(Invalid):
        _decide(app, consulted)


def test_the_suspension_notices_move_the_decision_deadline(app, consulted):
    rounds_sent_at(app, datetime(2024, 4, 10, 9, tzinfo=AMSTERDAM))
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        before = case.decision_deadline
        requester_notices.record_suspension_notice(session, HANDLER, case_id=case.id, sent_on=date(2024, 4, 15))
        draft = requester_notices.letter(session, case, requester_notices.SUSPENDED, date(2024, 4, 15))
        assert "15 april 2024" in draft.text and "4.4, derde lid" in draft.text
        requester_notices.record_suspension_end(
            session,
            HANDLER,
            case_id=case.id,
            ended_on=date(2024, 4, 29),
            notice_sent_on=date(2024, 4, 30),
            prolongs=True,
        )
        # Received 8 April 2024: four weeks end on Monday 6 May; 14 days suspended give Monday 20 May,
        # Tweede Pinksterdag, so Tuesday 21 May 2024.
        assert case.decision_deadline == date(2024, 5, 21) != before
        resumed = requester_notices.letter(session, case, requester_notices.RESUMED, date(2024, 4, 30))
        assert "21 mei 2024" in resumed.text and "14 dagen" in resumed.text


def test_the_paragraph_names_the_real_dates_counts_and_weighing(app, consulted):
    weigh_all(app, consulted)
    _decide(app, consulted)
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        text = paragraph.text(session, case)
        word = paragraph.docx(session, case)
    assert text.startswith("Zienswijze derde-belanghebbende(n)\n")
    assert "Er zijn twee belanghebbenden om een zienswijze gevraagd." in text
    assert "Belanghebbende 1 heeft een zienswijze gegeven met bezwaar" in text
    assert "Belanghebbende 2 heeft geen zienswijze gegeven." in text
    assert "artikel 4.4, vijfde lid" in text and "niet vóór 30 december 2025" in text
    assert word.startswith(b"PK")
