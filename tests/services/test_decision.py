"""The decision: dates, disclosure per document across holidays, provisional measures, notices to all."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sqlmodel import select

from tests.consultation import ids
from tests.weighing_case import consulted_after_the_terms, rounds_sent_at, weigh_all
from zienswijze.db import AuditEvent, Case, DecisionNotice, Document, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.files.letters import letter_pdf
from zienswijze.services import decision, disclosure, notices, paragraph, requester_notices
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
            session,
            HANDLER,
            case_id=case.id,
            decided_on=decided,
            announced_on=announced,
            today=announced,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
        )


def _upload_letter(app, consulted, today=ANNOUNCED):
    with app.app_context(), new_session() as session:
        return notices.upload_letter(
            session,
            HANDLER,
            case_id=consulted["case"],
            data=letter_pdf("Besluit", "Besluit op het Woo-verzoek W-2024-1"),
            file_name="besluit.pdf",
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            max_bytes=10_000_000,
            today=today,
        )


def _post(app, consulted, code, posted_on=ANNOUNCED):
    with app.app_context(), new_session() as session:
        notices.record_posting(
            session,
            HANDLER,
            case_id=consulted["case"],
            stakeholder_id=ids(app, code)["stakeholder"],
            posted_on=posted_on,
            today=posted_on,
        )


def _plan(app, consulted, today=ANNOUNCED):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        return {p.document.number: p for p in disclosure.plan(session, case, today)}


def test_a_document_whose_objection_was_not_honoured_waits_two_weeks_across_christmas(app, consulted):
    weigh_all(app, consulted, "niet gehonoreerd")
    _decide(app, consulted)
    _upload_letter(app, consulted)
    assert _plan(app, consulted)[1].held and _plan(app, consulted)[1].disclosure is None  # not yet posted
    _post(app, consulted, "S1")
    plan = _plan(app, consulted)
    assert plan[1].held and plan[1].disclosure == date(2025, 12, 30)
    assert plan[1].outcome == "bezwaar niet gehonoreerd"
    assert plan[1].held_back
    assert not _plan(app, consulted, today=date(2025, 12, 30))[1].held_back


def test_a_stakeholder_who_gave_no_view_holds_their_document_until_their_notice_reached_them(app, consulted):
    weigh_all(app, consulted)
    _decide(app, consulted)
    _upload_letter(app, consulted)
    assert _plan(app, consulted)[2].held and _plan(app, consulted)[2].disclosure is None
    _post(app, consulted, "S2", date(2025, 12, 12))
    # Posted Friday 12 December 2025: two weeks end Friday 26 December, Tweede Kerstdag, so Monday 29.
    assert _plan(app, consulted)[2].disclosure == date(2025, 12, 30)


def test_a_stakeholder_from_whom_no_objection_is_expected_holds_nothing_back(app, consulted):
    weigh_all(app, consulted)
    with app.app_context(), new_session() as session:
        notices.set_no_objection_expected(
            session, HANDLER, case_id=consulted["case"], stakeholder_id=ids(app, "S2")["stakeholder"], expected=True
        )
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "stakeholder.no_objection_expected")).one()
    _decide(app, consulted)
    plan = _plan(app, consulted)
    assert not plan[2].held and plan[2].disclosure == ANNOUNCED and plan[2].outcome == "geen zienswijze"


def test_an_honoured_objection_holds_nothing_back(app, consulted):
    weigh_all(app, consulted, "gehonoreerd")
    _decide(app, consulted)
    assert not _plan(app, consulted)[1].held and _plan(app, consulted)[1].disclosure == ANNOUNCED


def test_a_pending_provisional_measure_blocks_disclosure_until_it_is_lifted(app, consulted):
    weigh_all(app, consulted)
    _decide(app, consulted)
    _upload_letter(app, consulted)
    _post(app, consulted, "S1")
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


def test_the_notice_goes_by_email_to_every_contact_only_with_consent(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at, s1_consent=True)
    weigh_all(app, consulted)
    _decide(app, consulted)
    assert _upload_letter(app, consulted) == 2
    with app.app_context(), new_session() as session:
        mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice")).all()
        case = session.get(Case, consulted["case"])
        assert case.status is CaseStatus.BESLUIT_GENOMEN
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "decision.recorded")).one()
        channels = {n.stakeholder_id: n.channel for n in session.exec(select(DecisionNotice))}
    # S2 gave no view, so no consent to e-mail (Awb 2:14): their notice is a letter to post.
    assert sorted(m.to_address for m in mails) == ["s1-juridisch@example.com", "s1@example.com"]
    assert channels == {ids(app, "S1")["stakeholder"]: "e-mail", ids(app, "S2")["stakeholder"]: "post"}
    text = mails[0].body_text
    assert "Document 1: Document van S1: deels openbaar" in text and "niet eerder dan 30 december 2025" in text
    assert "uiterlijk op 22 januari 2026" in text  # six weeks from 11 December 2025 (Awb 6:7, 6:8)


def test_a_stakeholder_whose_documents_stay_withheld_gets_no_notice(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at, s1_consent=True)
    with app.app_context(), new_session() as session:
        document = session.get(Document, ids(app, "S1")["document"])
        document.assessment = "niet openbaar"
        session.commit()
    weigh_all(app, consulted)
    _decide(app, consulted)
    _upload_letter(app, consulted)
    with app.app_context(), new_session() as session:
        assert [n.stakeholder_id for n in session.exec(select(DecisionNotice))] == [ids(app, "S2")["stakeholder"]]


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


def test_the_word_paragraph_is_dutch_and_written_by_the_organisation(app, consulted):
    weigh_all(app, consulted)
    _decide(app, consulted)
    with app.app_context(), new_session() as session:
        word = docx.Document(io.BytesIO(paragraph.docx(session, session.get(Case, consulted["case"]))))
    properties = word.core_properties
    assert (properties.author, properties.last_modified_by) == ("Gemeente A", "Gemeente A")
    assert (properties.title, properties.language) == ("Zienswijze derde-belanghebbende(n)", "nl-NL")
    assert "python-docx" not in properties.comments and properties.created.year > 2013
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert [lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))] == ["nl-NL"]
    assert [lang.get(qn("w:val")) for lang in word.settings.element.iter(qn("w:themeFontLang"))] == ["nl-NL"]
