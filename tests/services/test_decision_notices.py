"""The decision notice over real SMTP: the letter attached, the outcome per document, the objection
clause; waiting for both the decision and its letter; a bounce keeps the hold; a letter to post."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.services.test_outbox import Server, dispatch, serving
from tests.smtp import text_of
from tests.weighing_case import consulted_case, weigh_all
from zienswijze.db import AuditEvent, Case, DecisionNotice, Organisation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.deadlines import earliest_disclosure
from zienswijze.files.letters import letter_pdf
from zienswijze.files.pdfs import page_texts
from zienswijze.services import decision, disclosure, notices
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid

# The round went out in November, so every term has ended by the decision on
# Thursday 11 December 2025, 10:00 in Amsterdam: the notice mails go out that day.
ROUND_SENT = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
SENT = datetime(2025, 12, 11, 9, 0, tzinfo=UTC)
TODAY = date(2025, 12, 11)
HANDLER = Actor.user(1, 1)
LETTER = letter_pdf("Besluit", "Besluit op het Woo-verzoek W-2024-1, ondertekend.")


@pytest.fixture
def consulted(app, clock_at):
    clock_at(ROUND_SENT)
    case = consulted_case(app, s1_consent=True)
    clock_at(SENT)
    with app.app_context(), new_session() as session:
        organisation = session.exec(select(Organisation)).one()
        organisation.objection_address = "Postbus 12\n1000 AA Gemeentestad"
        session.commit()
    weigh_all(app, case)
    return case


def _decide(app, consulted) -> int:
    with app.app_context(), new_session() as session:
        return decision.record_decision(
            session,
            HANDLER,
            case_id=consulted["case"],
            decided_on=TODAY,
            announced_on=TODAY,
            today=TODAY,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
        )


def _upload(app, consulted, data: bytes = LETTER) -> int:
    with app.app_context(), new_session() as session:
        return notices.upload_letter(
            session,
            HANDLER,
            case_id=consulted["case"],
            data=data,
            file_name="besluit W-2024-1.pdf",
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            max_bytes=1_000_000,
            today=TODAY,
        )


def _plan(app, consulted, today=TODAY):
    with app.app_context(), new_session() as session:
        case = session.get(Case, consulted["case"])
        return {row.document.number: row for row in disclosure.plan(session, case, today)}


def _notice_mails(server: Server):
    return [m for m in server.received if m["Subject"].startswith("Besluit op het Woo-verzoek")]


def test_the_notice_carries_the_letter_the_outcome_per_document_and_the_objection_clause(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    with serving(app, Server()) as server:
        dispatch(app, now=SENT)
    mail = next(m for m in _notice_mails(server) if m["To"] == "s1@example.com")
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "besluit W-2024-1.pdf"
    assert attachment.get_content_type() == "application/pdf" and attachment.get_content() == LETTER
    text = " ".join(text_of(mail).split())
    assert "Document 1: Document van S1: deels openbaar (delen weggelakt op grond van artikel" in text
    assert "niet eerder dan 30 december 2025" in text
    assert "bezwaar maken bij Gemeente A, Postbus 12, 1000 AA Gemeentestad" in text
    assert "uiterlijk op 22 januari 2026 (Awb artikelen 6:7 en 6:8)" in text
    assert "Awb artikel 6:5" in text and "Awb artikel 6:16" in text and "voorzieningenrechter" in text
    assert "Awb artikel 8:81" in text


def test_a_delivered_notice_starts_the_two_weeks_of_the_hold(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    assert _plan(app, consulted)[1].disclosure is None
    with serving(app, Server()):
        dispatch(app, now=SENT)
    assert _plan(app, consulted)[1].disclosure == earliest_disclosure(TODAY) == date(2025, 12, 30)


@pytest.mark.parametrize("letter_first", [False, True])
def test_notices_wait_until_both_the_decision_and_its_letter_exist(app, consulted, letter_first):
    first, second = (_upload, _decide) if letter_first else (_decide, _upload)
    assert first(app, consulted) == 0
    with app.app_context(), new_session() as session:
        assert session.exec(select(DecisionNotice)).all() == []
    assert second(app, consulted) == 2
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(DecisionNotice)).all()) == 2


def test_the_letter_cannot_be_replaced_once_the_notices_went_out(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    with pytest.raises(Invalid):
        _upload(app, consulted)


def test_a_letter_that_is_no_pdf_is_refused(app, consulted):
    with pytest.raises(Invalid):
        _upload(app, consulted, b"not a pdf")


def test_a_bounced_notice_keeps_the_hold_and_tells_the_handler(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    refusing = {a: "550 No such user" for a in ("s1@example.com", "s1-juridisch@example.com")}
    with serving(app, Server(rcpt=refusing)):
        dispatch(app, now=SENT)
    with app.app_context(), new_session() as session:
        notice = session.exec(
            select(DecisionNotice).where(DecisionNotice.stakeholder_id == ids(app, "S1")["stakeholder"])
        ).one()
        told = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice_undeliverable")).all()
    assert notice.bounced and notice.reached_on is None
    assert [m.to_address for m in told] == ["behandelaar@gemeente-a.example.org"]
    assert "kon per e-mail niet worden bezorgd" in told[0].body_text and "Postbus" not in told[0].body_text
    assert _plan(app, consulted, today=date(2026, 6, 1))[1].disclosure is None
    assert _plan(app, consulted, today=date(2026, 6, 1))[1].held_back


def test_one_bounced_contact_does_not_bounce_a_notice_another_contact_received(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    with serving(app, Server(rcpt={"s1-juridisch@example.com": "550 No such user"})):
        dispatch(app, now=SENT)
    with app.app_context(), new_session() as session:
        assert (
            session.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision_notice_undeliverable")).all() == []
        )
    assert _plan(app, consulted)[1].disclosure == date(2025, 12, 30)


def test_without_consent_the_handler_posts_a_printable_letter_and_the_hold_counts_from_the_posting_date(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    s2 = ids(app, "S2")["stakeholder"]
    with app.app_context(), new_session() as session:
        pdf = notices.printable_letter(session, HANDLER, case_id=consulted["case"], stakeholder_id=s2, today=TODAY)
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "Document 2: Document van S2" in text and "uiterlijk op 22 januari 2026" in text
    assert _plan(app, consulted)[2].held and _plan(app, consulted)[2].disclosure is None
    with app.app_context(), new_session() as session:
        posted = date(2025, 12, 15)
        notices.record_posting(
            session, HANDLER, case_id=consulted["case"], stakeholder_id=s2, posted_on=posted, today=posted
        )
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "decision.notice_posted")).one()
    # Posted Monday 15 December 2025: two weeks end Monday 29 December, so disclosure from the 30th.
    assert _plan(app, consulted)[2].disclosure == date(2025, 12, 30)
    with app.app_context(), new_session() as session:
        dated = notices.printable_letter(session, HANDLER, case_id=consulted["case"], stakeholder_id=s2, today=TODAY)
    assert "uiterlijk op 26 januari 2026" in " ".join(" ".join(page_texts(dated)).split())


def test_a_posting_date_before_the_decision_or_in_the_future_is_refused(app, consulted):
    _decide(app, consulted)
    _upload(app, consulted)
    s2 = ids(app, "S2")["stakeholder"]
    for posted in (date(2025, 12, 10), date(2025, 12, 12)):
        with app.app_context(), new_session() as session, pytest.raises(Invalid) as refused:
            notices.record_posting(
                session, HANDLER, case_id=consulted["case"], stakeholder_id=s2, posted_on=posted, today=TODAY
            )
        assert "posted_on" in refused.value.errors
