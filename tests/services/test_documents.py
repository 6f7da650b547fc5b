"""Documents with their PDFs: checked by content and size, stored by SHA-256, matched to uploads by name."""

from datetime import date

import pytest
from sqlmodel import select

from zienswijze.db import Case, Document, StoredFile
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.cases import Assessment
from zienswijze.files.store import path_for
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.documents import DocumentError, add_document, attach_pdfs_by_name

MEMO = text_pdf("Memo", [["Van: T. Bos."], ["Bijlage."]])
MAX_BYTES = 1024 * 1024


@pytest.fixture
def case(session):
    organisation = ensure_organisation(session, "Gemeente A")
    session.flush()
    case = Case(organisation_id=organisation.id, reference="A-2024-1", subject="Dashboard", received=date(2024, 4, 8))
    session.add(case)
    session.commit()
    return case


def add(session, case, tmp_path, number=1, pdf=MEMO, **fields):
    values = {"title": "Memo", "document_date": None, "assessment": Assessment.OPENBAAR, "ground_codes": []}
    values["file_name"] = "memo.pdf" if pdf else None
    return add_document(
        session,
        case_id=case.id,
        number=number,
        pdf=pdf,
        upload_dir=tmp_path,
        max_bytes=MAX_BYTES,
        **(values | fields),
    )


def test_a_document_is_stored_with_its_pdf_under_its_sha256_and_page_count(session, case, tmp_path):
    document = add(session, case, tmp_path, assessment="Deels openbaar", ground_codes=["5.1.2.e"])
    stored = session.get(StoredFile, document.file_sha256)
    assert (document.assessment, document.ground_codes, document.file_name) == (
        Assessment.DEELS_OPENBAAR,
        ["5.1.2e"],
        "memo.pdf",
    )
    assert stored.page_count == 2 and path_for(tmp_path, stored.sha256).read_bytes() == MEMO


def test_a_number_already_in_the_case_is_refused(session, case, tmp_path):
    add(session, case, tmp_path)
    with pytest.raises(DocumentError) as refused:
        add(session, case, tmp_path)
    assert refused.value.messages == ["Document 1 bestaat al in dit verzoek."]


def test_every_problem_of_a_document_is_reported_at_once(session, case, tmp_path):
    with pytest.raises(DocumentError) as refused:
        add(session, case, tmp_path, assessment="niet openbaar", pdf=b"<html>geen pdf</html>")
    assert refused.value.messages == [
        "Een document dat niet openbaar is, heeft ten minste één grond nodig.",
        "Dit bestand is geen PDF.",
    ]
    assert session.exec(select(Document)).all() == []


def test_a_pdf_larger_than_the_limit_is_refused(session, case, tmp_path):
    with pytest.raises(DocumentError, match="groter dan 0,5 MB"):
        add_document(
            session,
            case_id=case.id,
            number=1,
            title="Memo",
            document_date=None,
            assessment=Assessment.OPENBAAR,
            ground_codes=[],
            pdf=MEMO + b" " * MAX_BYTES,
            file_name="memo.pdf",
            upload_dir=tmp_path,
            max_bytes=MAX_BYTES // 2,
        )


def test_uploaded_pdfs_are_matched_by_the_inventorys_file_name_or_their_leading_number(session, case, tmp_path):
    add(session, case, tmp_path, number=7, pdf=None, file_name="notitie.pdf")
    add(session, case, tmp_path, number=12, pdf=None)
    files = {"Notitie.PDF": MEMO, "document-012.pdf": MEMO, "099 brief.pdf": MEMO, "scan.pdf": MEMO}
    report = attach_pdfs_by_name(session, case_id=case.id, files=files, upload_dir=tmp_path, max_bytes=MAX_BYTES)
    assert report.matched == {"Notitie.PDF": 7, "document-012.pdf": 12}
    assert report.unmatched == {
        "099 brief.pdf": "Er is geen document 99 om het bij te voegen.",
        "scan.pdf": "De naam staat niet in de inventaris en begint niet met een documentnummer.",
    }
    assert all(d.file_sha256 for d in session.exec(select(Document)))


def test_two_uploads_for_one_document_are_both_left_out(session, case, tmp_path):
    add(session, case, tmp_path, number=7, pdf=None)
    files = {"007 memo.pdf": MEMO, "7.pdf": MEMO}
    report = attach_pdfs_by_name(session, case_id=case.id, files=files, upload_dir=tmp_path, max_bytes=MAX_BYTES)
    assert report.matched == {}
    assert report.unmatched["7.pdf"] == "Meer bestanden horen bij document 7: 007 memo.pdf, 7.pdf."


def test_an_upload_that_is_not_a_pdf_is_left_out_with_the_reason(session, case, tmp_path):
    add(session, case, tmp_path, number=7, pdf=None)
    report = attach_pdfs_by_name(
        session, case_id=case.id, files={"007.pdf": b"%PDF-1.4 kapot"}, upload_dir=tmp_path, max_bytes=MAX_BYTES
    )
    assert report.unmatched == {"007.pdf": "Deze PDF is beschadigd of onvolledig en kan niet worden gelezen."}
