"""Uploading PDFs and importing an inventory list: what was attached, every bad row, all or nothing."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from, log_in, statements_run
from tests.pdfs import cyclic_pdf, huge_page_pdf
from tests.web.handler_case import PAGES, build_case
from zienswijze.db import Concern, Document, ProposedRedaction
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.demo.pdfs import text_pdf

DOCUMENTS = "/zaken/A-2024-1/documenten"
HEADER = "nummer,datum,omschrijving,beoordeling,gronden,link,belanghebbenden,dubbel_van\n"


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def _token(client) -> str:
    return csrf_token_from(client.get(DOCUMENTS).text)


def _files(*named: tuple[str, bytes]) -> list:
    return [(io.BytesIO(data), name) for name, data in named]


def _documents(app, ids) -> dict[int, Document]:
    with app.app_context(), new_session() as session:
        return {d.number: d for d in session.exec(select(Document).where(Document.case_id == ids.case))}


def _error_rows(html: str) -> list[tuple[str, str, str]]:
    """(file, line, message) of each row of the import error table."""
    table = html.split('id="importfouten"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="utrecht-table__cell[^"]*">(.*?)</td>', table, re.S)
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    return [(unescape(file.strip()), line.strip(), unescape(message.strip())) for file, line, _column, message in rows]


def test_the_page_counts_documents_without_a_pdf(logged_in_client, case_ids):
    page = logged_in_client.get(DOCUMENTS).text
    assert "Deze zaak heeft 3 documenten." in page and "2 daarvan hebben nog geen PDF." in page
    assert 'type="file"' in page and "multiple" in page


def test_the_page_counts_the_documents_in_the_database_without_reading_them(app, logged_in_client, case_ids):
    engine = app.extensions[ENGINE_KEY]
    logged_in_client.get(DOCUMENTS)
    with statements_run(engine) as run:
        logged_in_client.get(DOCUMENTS)
    assert not [statement for statement, _ in run if "documents.title" in statement]


def test_uploaded_pdfs_are_attached_by_number_and_the_others_refused_with_a_reason(app, logged_in_client, case_ids):
    response = logged_in_client.post(
        f"{DOCUMENTS}/pdfs",
        data={
            "csrf_token": _token(logged_in_client),
            "pdfs": _files(
                ("002 projectplan.pdf", text_pdf("Projectplan", PAGES)),
                ("3.pdf", b"dit is geen pdf"),
                ("9 bijlage.pdf", text_pdf("Bijlage", PAGES)),
                ("notities.pdf", text_pdf("Notities", PAGES)),
            ),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "1 bestand toegevoegd" in response.text and "3 niet" in response.text
    results = dict(re.findall(r'app-break">([^<]+)</td>\s*<td class="utrecht-table__cell">(.*?)</td>', response.text))
    assert results["002 projectplan.pdf"] == "Toegevoegd aan document 2"
    # Each refusal gives the service's reason; the wording is the service's own.
    assert results["3.pdf"].startswith("<strong>Niet toegevoegd:</strong> ") and "PDF" in results["3.pdf"]
    assert "document 9" in results["9 bijlage.pdf"]
    assert "documentnummer" in results["notities.pdf"]
    documents = _documents(app, case_ids)
    assert documents[2].file_sha256 is not None and documents[3].file_sha256 is None


def test_a_cyclic_pdf_and_a_huge_page_are_refused_at_upload_with_the_reason(app, logged_in_client, case_ids):
    response = logged_in_client.post(
        f"{DOCUMENTS}/pdfs",
        data={
            "csrf_token": _token(logged_in_client),
            "pdfs": _files(("002 kringloop.pdf", cyclic_pdf()), ("003 affiche.pdf", huge_page_pdf())),
        },
        content_type="multipart/form-data",
    )
    results = dict(re.findall(r'app-break">([^<]+)</td>\s*<td class="utrecht-table__cell">(.*?)</td>', response.text))
    assert "Pagina 2 van deze PDF kan niet worden gelezen" in results["002 kringloop.pdf"]
    assert "14400 × 14400 punten, het maximum is 5000 punten per zijde" in unescape(results["003 affiche.pdf"])
    documents = _documents(app, case_ids)
    assert documents[2].file_sha256 is None and documents[3].file_sha256 is None


def test_an_upload_without_files_is_refused(logged_in_client, case_ids):
    response = logged_in_client.post(
        f"{DOCUMENTS}/pdfs", data={"csrf_token": _token(logged_in_client)}, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and "Kies één of meer PDF-bestanden." in response.text


def test_a_bad_inventory_imports_nothing_and_lists_every_bad_row(app, logged_in_client, case_ids):
    inventory = (
        HEADER
        + "4,2020-01-01,,openbaar,,,,\n"
        + "5,2020-01-01,Memo,deels openbaar,,,,\n"
        + "6,2020-01-01,Notitie,openbaar,,,B1,\n"
        + "7,2020-01-01,Brief,openbaar,,,B9,\n"
    )
    redactions = "document,pagina,passage,grond,toelichting\n6,1,J. Jansen,5.1.2x,\n"
    response = logged_in_client.post(
        f"{DOCUMENTS}/importeren",
        data={
            "csrf_token": _token(logged_in_client),
            "inventory": (io.BytesIO(inventory.encode()), "inventaris.csv"),
            "redactions": (io.BytesIO(redactions.encode()), "lakvoorstel.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Er is niets geïmporteerd" in response.text
    rows = _error_rows(response.text)
    assert ("inventaris.csv", "2", "Vul een omschrijving in.") in rows
    assert any(line == "3" and "ten minste één grond" in message for _file, line, message in rows)
    assert ("inventaris.csv", "5", "Belanghebbende 'B9' bestaat niet in dit verzoek.") in rows
    assert any(file == "lakvoorstel.csv" and line == "2" for file, line, _message in rows)
    assert not any(line == "4" and file == "inventaris.csv" for file, line, _message in rows)
    assert sorted(_documents(app, case_ids)) == [1, 2, 3]


def test_an_inventory_with_redactions_is_imported_and_counted(app, logged_in_client, case_ids):
    inventory = HEADER + "4,2020-02-01,Notitie,deels openbaar,5.1.2e,,B1;B2,\n5,2020-02-02,Dubbel,dubbel,,,,4\n"
    redactions = "document,pagina,passage,grond,toelichting\n4,1,J. Jansen,5.1.2.e,Naam.\n"
    response = logged_in_client.post(
        f"{DOCUMENTS}/importeren",
        data={
            "csrf_token": _token(logged_in_client),
            "inventory": (io.BytesIO(inventory.encode()), "inventaris.csv"),
            "redactions": (io.BytesIO(redactions.encode()), "lakvoorstel.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert (
        "Geïmporteerd: 2 documenten, 1 passages in het lakvoorstel, 2 koppelingen met belanghebbenden "
        "en 0 PDF-bestanden." in response.text
    )
    documents = _documents(app, case_ids)
    assert documents[5].duplicate_of_number == 4
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(Concern).where(Concern.document_id == documents[4].id)).all()) == 2
        assert session.exec(select(ProposedRedaction).where(ProposedRedaction.document_id == documents[4].id)).one()


def test_an_import_whose_passage_is_not_in_the_pdf_shows_the_warning(app, logged_in_client, case_ids):
    inventory = HEADER.replace("\n", ",bestand\n") + "4,2020-02-01,Notitie,deels openbaar,5.1.2e,,,,notitie.pdf\n"
    redactions = "document,pagina,passage,grond,toelichting\n4,2,Iemand Anders,5.1.2e,\n"
    response = logged_in_client.post(
        f"{DOCUMENTS}/importeren",
        data={
            "csrf_token": _token(logged_in_client),
            "inventory": (io.BytesIO(inventory.encode()), "inventaris.csv"),
            "redactions": (io.BytesIO(redactions.encode()), "lakvoorstel.csv"),
            "pdfs": _files(("notitie.pdf", text_pdf("Notitie", PAGES))),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Import gelukt, met waarschuwingen" in response.text and "1 PDF-bestanden" in response.text
    assert "De passage staat niet op pagina 2 van document 4" in response.text
    assert _documents(app, case_ids)[4].file_sha256 is not None


def test_an_import_without_an_inventory_file_is_refused(logged_in_client, case_ids):
    response = logged_in_client.post(
        f"{DOCUMENTS}/importeren", data={"csrf_token": _token(logged_in_client)}, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and "Kies het bestand met de inventarislijst." in response.text


def test_another_organisation_cannot_import_into_the_case(app, make_handler, case_ids):
    client = app.test_client()
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    token = csrf_token_from(client.get("/zaken/").text)
    response = client.post(
        f"{DOCUMENTS}/importeren",
        data={"csrf_token": token, "inventory": (io.BytesIO(HEADER.encode()), "inventaris.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 404
