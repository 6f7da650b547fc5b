"""The publication set of the demo case: nothing withheld can be read from it, everything else is kept."""

from __future__ import annotations

import io
import zipfile

import pypdfium2
import pytest

from tests.demo_walk import walk_to_decision
from tests.helpers import log_in
from zienswijze.demo.loader import REFERENCE
from zienswijze.files.pdfs import page_texts, text_contains

DISCLOSED = ("openbaar", "deels openbaar")


@pytest.fixture
def walked(app, client, make_handler, clock_at):
    return walk_to_decision(app, client, make_handler, clock_at)


def _outcomes(walked) -> dict[int, dict]:
    client, auth, case_id, _ = walked
    return {d["number"]: d for d in client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json}


def _archive(walked) -> zipfile.ZipFile:
    client, auth, case_id, _ = walked
    response = client.get(f"/api/v1/cases/{case_id}/publication.zip", headers=auth)
    assert response.status_code == 200, response.data[:500]
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_no_withheld_passage_of_the_demo_case_can_be_found_in_its_publication_pdf(walked):
    archive = _archive(walked)
    checked = 0
    for number, document in _outcomes(walked).items():
        if document["outcome"]["assessment"] not in DISCLOSED:
            continue
        pages = page_texts(archive.read(f"{number}.pdf"))
        for redaction in document["outcome"]["redactions"]:
            assert not text_contains(pages[redaction["page"] - 1], redaction["passage"]), (number, redaction)
            checked += 1
    assert checked > 100  # the demo's proposal, and what the weighing added


def test_a_page_with_a_redaction_is_an_image_and_a_page_without_keeps_its_text(walked):
    archive = _archive(walked)
    first, second = page_texts(archive.read("1.pdf"))  # the demo withholds names on page 1 only
    assert first == "" and "Toelichting en vervolgstappen." in second
    assert all(text.strip() for text in page_texts(archive.read("13.pdf")))  # openbaar: nothing withheld


def test_the_archive_holds_what_is_disclosed_and_the_lists_for_the_platform(walked):
    names = set(_archive(walked).namelist())
    disclosed = {
        n for n, d in _outcomes(walked).items() if d["outcome"]["assessment"] in ("openbaar", "deels openbaar")
    }
    assert {"productierapport.xlsx", "inventarislijst.xlsx"} <= names
    assert {int(name.removesuffix(".pdf")) for name in names if name.endswith(".pdf")} == disclosed
    assert "7.pdf" not in names  # niet openbaar after the honoured objection


def test_nothing_of_the_originals_metadata_remains(walked):
    data = _archive(walked).read("10.pdf")
    assert b"zienswijze demo" not in data and b"xmpmeta" not in data
    pdf = pypdfium2.PdfDocument(data)
    try:
        assert pdf.get_metadata_value("Title") == ""
    finally:
        pdf.close()


def test_one_document_is_downloaded_by_its_id_and_one_not_disclosed_is_refused(walked):
    client, auth, case_id, _ = walked
    documents = _outcomes(walked)
    one = client.get(f"/api/v1/cases/{case_id}/documents/{documents[10]['id']}/publication.pdf", headers=auth)
    assert one.status_code == 200 and one.data.startswith(b"%PDF-")
    assert one.headers["Content-Disposition"] == "attachment; filename=10.pdf"
    refused = client.get(f"/api/v1/cases/{case_id}/documents/{documents[7]['id']}/publication.pdf", headers=auth)
    assert refused.status_code == 409 and "niet openbaar" in refused.json["detail"]


def test_the_handler_page_lists_the_set_and_links_each_pdf(walked, app):
    client = app.test_client()
    log_in(client, "walk@demo.example.org")
    page = client.get(f"/zaken/{REFERENCE}/publicatie/")
    assert page.status_code == 200 and "Download het publicatiepakket" in page.text
    assert f"/zaken/{REFERENCE}/publicatie/pakket.zip" in page.text
