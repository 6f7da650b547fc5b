"""The demo case: 43 real PDFs, the proposed redactions on their pages, five stakeholders."""

import re
import shutil
from datetime import date, timedelta

import pypdfium2
import pytest
from sqlmodel import Session, select

from zienswijze.db import Case, Concern, Document, ProposedRedaction, Stakeholder, StoredFile
from zienswijze.db.session import make_engine
from zienswijze.demo.loader import DEMO_DATA, REFERENCE, load_demo, received_on
from zienswijze.domain.deadlines import is_working_day
from zienswijze.domain.decision_term import woo_decision_deadline
from zienswijze.files.store import path_for
from zienswijze.services.imports import ImportRejected

# Loaded on Friday 4 December 2026.
LOADED_ON = date(2026, 12, 4)


@pytest.fixture
def loaded(database_url, tmp_path):
    engine = make_engine(database_url)
    with Session(engine) as session:
        result = load_demo(session, data_dir=DEMO_DATA, upload_dir=tmp_path, today=LOADED_ON)
        yield session, result
    engine.dispose()


def _page_text(pdf_path, page: int) -> str:
    pdf = pypdfium2.PdfDocument(pdf_path)
    try:
        return " ".join(pdf[page - 1].get_textpage().get_text_range().split())
    finally:
        pdf.close()


def test_the_demo_case_has_every_document_redaction_and_stakeholder(loaded):
    _, result = loaded
    assert (result.created, result.documents, result.redactions, result.stakeholders) == (True, 43, 123, 5)


def test_every_proposed_redaction_occurs_on_its_page_of_the_real_pdf(loaded, tmp_path):
    session, _ = loaded
    rows = session.exec(select(ProposedRedaction, Document).join(Document)).all()
    for redaction, document in rows:
        text = _page_text(path_for(tmp_path, document.file_sha256), redaction.page)
        assert " ".join(redaction.passage.split()) in text, (document.number, redaction.page, redaction.passage)


def test_documents_are_stored_content_addressed_by_their_sha256(loaded, tmp_path):
    session, _ = loaded
    for stored in session.exec(select(StoredFile)):
        path = path_for(tmp_path, stored.sha256)
        assert path.read_bytes().startswith(b"%PDF-") and path.stat().st_size == stored.size
        assert re.fullmatch(r"[0-9a-f]{64}", path.name)


def test_each_stakeholder_is_concerned_only_by_the_documents_of_the_inventory(loaded):
    session, _ = loaded
    pairs = session.exec(
        select(Stakeholder.code, Document.number).select_from(Concern).join(Stakeholder).join(Document)
    ).all()
    assert sorted(n for code, n in pairs if code == "S1") == [3, 12, 18, 30]


def test_a_duplicate_names_the_kept_copy_and_a_public_document_its_link(loaded):
    session, _ = loaded
    documents = {d.number: d for d in session.exec(select(Document))}
    assert documents[22].duplicate_of_number == 21
    assert documents[4].link == "https://www.example.org/nieuws/2019/dashboard-online"


def test_loading_the_demo_again_changes_nothing(loaded, tmp_path):
    session, _ = loaded
    again = load_demo(session, data_dir=DEMO_DATA, upload_dir=tmp_path, today=date(2027, 3, 1))
    assert not again.created and again.documents == 43
    assert REFERENCE == "DEMO-2024-136"
    assert session.exec(select(Case.received)).one() == date(2026, 11, 27)


def test_the_demo_request_arrived_a_week_before_the_day_it_is_loaded(loaded):
    session, _ = loaded
    case = session.exec(select(Case)).one()
    assert case.received == date(2026, 11, 27)  # Friday, five working days before Friday 4 December
    # Four weeks end on Friday 25 December, Eerste Kerstdag; the Atw moves the end past Tweede Kerstdag
    # and the Sunday to Monday 28 December 2026: computed for this date, not shifted from 2024.
    assert case.decision_deadline == date(2026, 12, 28)


@pytest.mark.parametrize("today", [date(2027, 1, 4), date(2027, 3, 29), date(2027, 4, 27), date(2027, 5, 17)])
def test_the_demo_request_arrived_on_a_working_day_and_leaves_two_weeks_to_consult(today):
    received = received_on(today)
    assert is_working_day(received) and received < today
    assert woo_decision_deadline(received) >= today + timedelta(weeks=2)


def test_a_demo_load_that_stopped_halfway_is_completed_by_the_next(database_url, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(DEMO_DATA, broken)
    (broken / "inventaris.csv").write_text("nummer,omschrijving,beoordeling\n1,,onbekend\n", encoding="utf-8")
    engine = make_engine(database_url)
    with Session(engine) as session:
        with pytest.raises(ImportRejected):
            load_demo(session, data_dir=broken, upload_dir=tmp_path / "uploads", today=LOADED_ON)
        session.rollback()
        result = load_demo(session, data_dir=DEMO_DATA, upload_dir=tmp_path / "uploads", today=LOADED_ON)
    engine.dispose()
    assert (result.created, result.documents, result.stakeholders) == (True, 43, 5)
