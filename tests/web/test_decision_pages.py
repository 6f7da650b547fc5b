"""The decision page: the requester's letters, recording the decision, disclosure, the paragraph downloads."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.helpers import csrf_token_from
from tests.weighing_case import consulted_after_the_terms, rounds_sent_at, weigh_all
from zienswijze.db import AuditEvent, Case, DecisionNotice, Document, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.files.letters import letter_pdf

LETTER = letter_pdf("Besluit", "Besluit op het Woo-verzoek W-2024-1")


@pytest.fixture
def weighed(app, clock_at):
    consulted = consulted_after_the_terms(app, clock_at)
    weigh_all(app, consulted)
    return consulted


def _token(client, path="/zaken/W-2024-1/besluit/"):
    return csrf_token_from(client.get(path).text)


def test_the_page_shows_the_draft_letter_the_disclosure_table_and_the_paragraph(logged_in_client, weighed):
    page = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    assert "De termijn om op uw verzoek te beslissen wordt daarom opgeschort" in page
    assert "Zienswijze derde-belanghebbende(n)" in page and "Belanghebbende 2 heeft geen zienswijze gegeven." in page
    assert "Geheime Verzoeker" not in page.split("paragraaf-tekst")[1]


def test_recording_the_suspension_notices_moves_the_decision_deadline(app, logged_in_client, weighed):
    rounds_sent_at(app, datetime(2024, 4, 10, 9, tzinfo=AMSTERDAM))
    response = logged_in_client.post(
        "/zaken/W-2024-1/besluit/opschorting", data={"csrf_token": _token(logged_in_client), "sent_on": "2024-04-15"}
    )
    assert response.status_code == 302
    response = logged_in_client.post(
        "/zaken/W-2024-1/besluit/einde-opschorting",
        data={
            "csrf_token": _token(logged_in_client),
            "ended_on": "2024-04-29",
            "notice_sent_on": "2024-04-30",
            "prolongs": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case)).one()
        assert (case.suspension_notice_sent.isoformat(), case.decision_deadline.isoformat()) == (
            "2024-04-15",
            "2024-05-21",
        )
    assert "Wij beslissen uiterlijk op 21 mei 2024" in logged_in_client.get("/zaken/W-2024-1/besluit/").text


def test_an_end_before_the_notice_is_refused_beside_the_field(app, logged_in_client, weighed):
    rounds_sent_at(app, datetime(2024, 4, 10, 9, tzinfo=AMSTERDAM))
    logged_in_client.post(
        "/zaken/W-2024-1/besluit/opschorting", data={"csrf_token": _token(logged_in_client), "sent_on": "2024-04-15"}
    )
    response = logged_in_client.post(
        "/zaken/W-2024-1/besluit/einde-opschorting",
        data={"csrf_token": _token(logged_in_client), "ended_on": "2024-04-10", "notice_sent_on": "2024-04-30"},
    )
    assert response.status_code == 400 and "kan niet eindigen op" in response.text


def _upload_letter(client, data: bytes = LETTER):
    return client.post(
        "/zaken/W-2024-1/besluit/besluitbrief",
        data={"csrf_token": _token(client), "file": (io.BytesIO(data), "besluit.pdf")},
        content_type="multipart/form-data",
    )


def test_the_notices_go_out_once_the_decision_and_its_letter_are_there(app, logged_in_client, weighed):
    decided = logged_in_client.post(
        "/zaken/W-2024-1/besluit/",
        data={"csrf_token": _token(logged_in_client), "decided_on": "2024-07-26", "announced_on": "2024-07-26"},
        follow_redirects=True,
    )
    assert "gaan uit zodra het besluit en de besluitbrief er allebei zijn" in decided.text
    uploaded = _upload_letter(logged_in_client)
    assert uploaded.status_code == 302
    page = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    assert "Besluitbrief: besluit.pdf" in page and "Nog niet gepost" in page and "26 juli 2024" in page
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(DecisionNotice)).all()) == 2


def test_a_letter_that_is_no_pdf_is_refused_on_the_page(logged_in_client, weighed):
    response = _upload_letter(logged_in_client, b"geen pdf")
    assert response.status_code == 400 and "geen PDF" in response.text


def test_the_handler_prints_the_letter_and_records_the_posting_date(app, logged_in_client, weighed, clock_at):
    clock_at(datetime(2024, 7, 26, 9, tzinfo=UTC))
    logged_in_client.post(
        "/zaken/W-2024-1/besluit/",
        data={"csrf_token": _token(logged_in_client), "decided_on": "2024-07-26", "announced_on": "2024-07-26"},
    )
    _upload_letter(logged_in_client)
    s1 = ids(app, "S1")["stakeholder"]
    letter = logged_in_client.get(f"/zaken/W-2024-1/besluit/berichten/{s1}/brief.pdf")
    assert letter.mimetype == "application/pdf" and letter.data.startswith(b"%PDF")
    posted = logged_in_client.post(
        f"/zaken/W-2024-1/besluit/berichten/{s1}/verzonden",
        data={"csrf_token": _token(logged_in_client), "posted_on": "2024-07-26"},
    )
    assert posted.status_code == 302
    page = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    assert "Gepost op vr 26 jul 2024" in page and "za 10 aug 2024" in page
    refused = logged_in_client.post(
        f"/zaken/W-2024-1/besluit/berichten/{s1}/verzonden",
        data={"csrf_token": _token(logged_in_client), "posted_on": "2024-07-27"},
    )
    assert refused.status_code == 400 and "gepost" in refused.text


def test_the_handler_records_that_no_objection_is_expected(app, logged_in_client, weighed):
    s2 = ids(app, "S2")["stakeholder"]
    response = logged_in_client.post(
        f"/zaken/W-2024-1/besluit/belanghebbenden/{s2}/geen-bezwaar-verwacht",
        data={"csrf_token": _token(logged_in_client), "expected": "ja"},
    )
    assert response.status_code == 302
    with app.app_context(), new_session() as session:
        assert session.get(Stakeholder, s2).no_objection_expected


def _decide(client) -> None:
    client.post(
        "/zaken/W-2024-1/besluit/",
        data={"csrf_token": _token(client), "decided_on": "2024-07-26", "announced_on": "2024-07-26"},
    )


def test_a_provisional_measure_blocks_and_unblocks_a_document(app, logged_in_client, weighed, clock_at):
    clock_at(datetime(2024, 7, 26, 9, tzinfo=UTC))
    _decide(logged_in_client)
    document_id = ids(app, "S1")["document"]
    path = f"/zaken/W-2024-1/besluit/documenten/{document_id}/voorlopige-voorziening"
    assert (
        logged_in_client.post(path, data={"csrf_token": _token(logged_in_client), "pending": "ja"}).status_code == 302
    )
    with app.app_context(), new_session() as session:
        assert session.get(Document, document_id).provisional_measure_pending
    assert "Geblokkeerd" in logged_in_client.get("/zaken/W-2024-1/besluit/").text
    logged_in_client.post(path, data={"csrf_token": _token(logged_in_client), "pending": "nee"})
    with app.app_context(), new_session() as session:
        assert not session.get(Document, document_id).provisional_measure_pending


def test_a_provisional_measure_asked_before_the_decision_is_refused_with_the_reason(app, logged_in_client, weighed):
    document_id = ids(app, "S1")["document"]
    path = f"/zaken/W-2024-1/besluit/documenten/{document_id}/voorlopige-voorziening"
    response = logged_in_client.post(path, data={"csrf_token": _token(logged_in_client), "pending": "ja"})
    assert response.status_code == 409 and "leg eerst het besluit vast" in response.text
    with app.app_context(), new_session() as session:
        assert not session.get(Document, document_id).provisional_measure_pending


def test_a_provisional_measure_is_offered_only_once_there_is_a_decision(logged_in_client, weighed, clock_at):
    clock_at(datetime(2024, 7, 26, 9, tzinfo=UTC))
    before = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    assert "Voorlopige voorziening" not in before and "Aangevraagd" not in before
    _decide(logged_in_client)
    after = logged_in_client.get("/zaken/W-2024-1/besluit/").text
    assert "Voorlopige voorziening" in after and "Aangevraagd" in after


def test_the_paragraph_downloads_as_text_and_as_word(logged_in_client, weighed):
    text = logged_in_client.get("/zaken/W-2024-1/besluit/zienswijze-derde-belanghebbenden.txt")
    assert text.mimetype == "text/plain" and "attachment" in text.headers["Content-Disposition"]
    assert text.text.startswith("Zienswijze derde-belanghebbende(n)")
    word = logged_in_client.get("/zaken/W-2024-1/besluit/zienswijze-derde-belanghebbenden.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs]
    assert paragraphs[0] == "Zienswijze derde-belanghebbende(n)"
    assert paragraphs[1:] == text.text.strip().split("\n\n")[1:]


def test_the_page_shows_the_detailed_form_unless_the_short_one_is_chosen(logged_in_client, weighed):
    detailed = logged_in_client.get("/zaken/W-2024-1/besluit/").text.split("paragraaf-tekst")[2]
    assert "Er zijn twee belanghebbenden om een zienswijze gevraagd." in detailed
    short = logged_in_client.get("/zaken/W-2024-1/besluit/?vorm=kort").text
    assert "ten aanzien hiervan" in short and "Er zijn twee belanghebbenden" not in short
    assert "zienswijze-derde-belanghebbenden.docx?vorm=kort" in short


def test_the_short_form_downloads_as_text_and_as_word(logged_in_client, weighed):
    text = logged_in_client.get("/zaken/W-2024-1/besluit/zienswijze-derde-belanghebbenden.txt?vorm=kort").text
    assert text.count("\n\n") == 1 and "ten aanzien hiervan" in text
    word = logged_in_client.get("/zaken/W-2024-1/besluit/zienswijze-derde-belanghebbenden.docx?vorm=kort")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs]
    assert paragraphs[1:] == [text.strip().split("\n\n")[1]]


@pytest.mark.parametrize(
    "path", ["/", "/zienswijze-derde-belanghebbenden.txt", "/zienswijze-derde-belanghebbenden.docx"]
)
def test_an_unknown_form_of_the_paragraph_is_a_bad_request(logged_in_client, weighed, path):
    assert logged_in_client.get(f"/zaken/W-2024-1/besluit{path}?vorm=lang").status_code == 400


def test_the_exports_and_the_audit_timeline_are_reachable_from_the_case_page(logged_in_client, weighed):
    page = logged_in_client.get("/zaken/W-2024-1").text
    for path in ("/afweging/", "/besluit/", "/export/", "/export/audit"):
        assert f"/zaken/W-2024-1{path}" in page
    timeline = logged_in_client.get("/zaken/W-2024-1/export/audit", headers={"HX-Request": "true"}).text
    assert "afweging van document 1 vastgelegd" in timeline and "<html" not in timeline and "ongeschonden" in timeline
    printable = logged_in_client.get("/zaken/W-2024-1/export/inventaris").text
    assert "Document van S1" in printable and "bezwaar niet gehonoreerd" in printable
    csv = logged_in_client.get("/zaken/W-2024-1/export/inventaris.csv")
    assert csv.mimetype == "text/csv" and csv.data.startswith("\ufeff".encode())


def test_the_audit_timeline_says_when_the_trail_no_longer_ends_where_it_was_last_written(
    app, logged_in_client, weighed
):
    with app.app_context(), new_session() as session:
        last = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        session.delete(last)
        session.commit()
        recorded = len(session.exec(select(AuditEvent).where(AuditEvent.case_id == last.case_id)).all()) + 1
    timeline = logged_in_client.get("/zaken/W-2024-1/export/audit").text
    assert f"{recorded - 1} van {recorded} gebeurtenissen gevonden" in timeline and "ongeschonden" not in timeline


def test_a_productierapport_the_platform_would_refuse_is_a_page_that_says_why(app, logged_in_client, weighed):
    with app.app_context(), new_session() as session:
        session.exec(select(Case).where(Case.reference == "W-2024-1")).one().reference = "W 2024 1"
        session.commit()
    response = logged_in_client.get("/zaken/W 2024 1/export/productierapport.xlsx")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "kan niet als Matter naar het publicatieplatform" in response.text


def test_the_text_download_names_its_charset_once(logged_in_client, weighed):
    text = logged_in_client.get("/zaken/W-2024-1/besluit/zienswijze-derde-belanghebbenden.txt")
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in text.headers["Cache-Control"]
