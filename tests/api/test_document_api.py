"""Documents with their PDFs, and proposed redactions, over the API."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.api.calls import pdf, token_for, upload
from tests.faults.storage import bulky_pdf, fill_leaving, is_whole, small_disk, stored_files
from tests.helpers import make_config
from tests.pdfs import cyclic_pdf, huge_page_pdf
from tests.weighing_case import HANDLER, answered_redaction
from zienswijze import create_app
from zienswijze.db.session import ENGINE_KEY


def test_an_uploaded_document_is_stored_by_its_sha256_with_its_page_count(client, auth, case_id, app):
    content = pdf()
    response = upload(client, auth, case_id, number=3, file=content, grounds="5.1.2e; 5.1.2i")
    assert response.status_code == 201
    document = response.json
    assert document["number"] == 3 and document["title"] == "Notitie 3" and document["date"] == "2024-06-03"
    assert document["assessment"] == "deels openbaar" and document["grounds"] == ["5.1.2e", "5.1.2i"]
    assert document["sha256"] == hashlib.sha256(content).hexdigest() and document["pages"] == 2
    sha = document["sha256"]
    assert Path(app.config["UPLOAD_DIR"], sha[:2], sha).read_bytes() == content


def test_a_document_without_a_pdf_is_registered_without_a_file(client, auth, case_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/documents",
        data={
            "number": "4",
            "title": "Reeds gepubliceerd",
            "assessment": "reeds openbaar",
            "link": "https://example.org/4",
        },
        headers=auth,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201
    assert response.json["sha256"] is None and response.json["pages"] is None
    assert response.json["link"] == "https://example.org/4"


def test_grounds_may_be_separated_by_commas(client, auth, case_id):
    response = upload(client, auth, case_id, grounds="5.1.2e,5.1.2i")
    assert response.json["grounds"] == ["5.1.2e", "5.1.2i"]


def test_a_file_that_is_not_a_pdf_is_refused_by_its_content(client, auth, case_id):
    response = upload(client, auth, case_id, file=b"Dit is platte tekst, geen PDF.")
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": None, "message": "Dit bestand is geen PDF."}]


def test_a_pdf_whose_page_tree_pdfium_cannot_walk_is_refused_at_upload(client, auth, case_id):
    response = upload(client, auth, case_id, file=cyclic_pdf())
    assert response.status_code == 422
    message = "Pagina 2 van deze PDF kan niet worden gelezen: de paginastructuur is beschadigd."
    assert response.json["errors"] == [{"field": None, "message": message}]


def test_a_page_of_14400_points_is_refused_at_upload(client, auth, case_id):
    response = upload(client, auth, case_id, file=huge_page_pdf())
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert "Pagina 1 van deze PDF is te groot om te tonen: 14400 × 14400 punten" in error["message"]


def test_a_document_with_an_unknown_assessment_is_refused_with_the_choices(client, auth, case_id):
    response = upload(client, auth, case_id, assessment="geheim")
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["field"] == "assessment" and "'deels openbaar'" in error["message"]


def test_a_document_number_that_is_taken_is_refused_by_the_service(client, auth, case_id, document_id):
    response = upload(client, auth, case_id, number=1)
    assert response.status_code == 422
    assert {"field": None, "message": "Document 1 bestaat al in dit verzoek."} in response.json["errors"]


@pytest.fixture
def one_megabyte_app(database_url, tmp_path):
    app = create_app(make_config(database_url, tmp_path, ZIENSWIJZE_MAX_UPLOAD_MB="1"))
    yield app
    app.extensions[ENGINE_KEY].dispose()


def post_in_memory(client, auth, case_id: int, content: bytes):
    """Werkzeug's test client spools a large body to a file it never closes; this one stays in memory."""
    fields = {
        "number": "1",
        "title": "Groot",
        "assessment": "openbaar",
        "file": FileStorage(BytesIO(content), "groot.pdf"),
    }
    boundary, body = encode_multipart(fields)
    return client.post(
        f"/api/v1/cases/{case_id}/documents",
        data=body,
        headers=auth,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_a_file_over_the_size_limit_is_too_large(one_megabyte_app, make_handler):
    make_handler("c@example.org", "Gemeente C")
    auth = token_for(one_megabyte_app, "c@example.org")
    client = one_megabyte_app.test_client()
    case = client.post(
        "/api/v1/cases", json={"reference": "C-1", "subject": "S", "received_on": "2024-06-18"}, headers=auth
    ).json
    response = post_in_memory(client, auth, case["id"], pdf() + b"%" + b"x" * (1024 * 1024))
    assert response.status_code == 413
    assert response.json["detail"] == "Het bestand is groter dan 1 MB."


def test_a_request_over_the_servers_limit_is_too_large(client, auth, case_id):
    response = post_in_memory(client, auth, case_id, b"x" * (client.application.config["MAX_CONTENT_LENGTH"] + 1))
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_a_form_that_is_not_multipart_is_refused(client, auth, case_id):
    response = client.post(f"/api/v1/cases/{case_id}/documents", json={"number": 1}, headers=auth)
    assert response.status_code == 415


def test_the_document_list_shows_each_document_with_its_redactions(client, auth, case_id, document_id):
    client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 1, "passage": "J. de Vries", "ground": "5.1.2e", "reason": "Naam"},
        headers=auth,
    )
    upload(client, auth, case_id, number=2, assessment="openbaar", grounds="")
    documents = client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json
    assert [d["number"] for d in documents] == [1, 2]
    assert [(r["page"], r["passage"], r["ground"]) for r in documents[0]["redactions"]] == [
        (1, "J. de Vries", "5.1.2e")
    ]
    assert documents[1]["redactions"] == [] and documents[1]["pages"] == 2


def test_a_redaction_on_its_page_is_saved_without_a_warning(client, auth, case_id, document_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 1, "passage": "J. de Vries", "ground": "5.1.2e", "reason": "Naam"},
        headers=auth,
    )
    assert response.status_code == 201
    assert response.json["document_id"] == document_id and response.json["warning"] is None


def test_a_redaction_whose_passage_is_not_on_the_page_is_saved_with_a_warning(client, auth, case_id, document_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 2, "passage": "J. de Vries", "ground": "5.1.2e", "reason": "Naam"},
        headers=auth,
    )
    assert response.status_code == 201
    assert response.json["warning"] == ("De passage komt niet voor op pagina 2 van document 1. Controleer de tekst.")


def test_a_redaction_on_a_missing_page_with_an_unknown_ground_is_refused_per_field(client, auth, case_id, document_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 9, "passage": "x", "ground": "9.9", "reason": ""},
        headers=auth,
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json["errors"]}
    assert errors == {
        "page": "Vul een bestaande pagina in (1 tot en met 2).",
        "ground": "9.9 staat niet in de lijst met weigeringsgronden.",
    }


def test_a_redaction_with_a_page_that_is_no_number_is_refused(client, auth, case_id, document_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": "eerste", "passage": "x", "ground": "5.1.2e", "reason": ""},
        headers=auth,
    )
    assert response.json["errors"] == [{"field": "page", "message": "Vul een geheel getal in."}]


def test_a_redaction_can_be_edited_and_removed(client, auth, case_id, document_id):
    created = client.post(
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        json={"page": 1, "passage": "J. de Vries", "ground": "5.1.2e", "reason": ""},
        headers=auth,
    ).json
    edited = client.put(
        f"/api/v1/cases/{case_id}/redactions/{created['id']}",
        json={"page": 2, "passage": "planning", "ground": "5.1.2e", "reason": "Intern"},
        headers=auth,
    )
    assert edited.status_code == 200 and edited.json["page"] == 2 and edited.json["warning"] is None
    removed = client.delete(f"/api/v1/cases/{case_id}/redactions/{created['id']}", headers=auth)
    assert removed.status_code == 204 and removed.data == b""
    assert client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json[0]["redactions"] == []


def test_removing_a_redaction_a_stakeholder_answered_is_a_409_problem_saying_why(app, client):
    answered = answered_redaction(app)
    response = client.delete(
        f"/api/v1/cases/{answered['case']}/redactions/{answered['redaction']}", headers=token_for(app, HANDLER)
    )
    assert response.status_code == 409
    assert "heeft op deze passage gereageerd" in response.json["detail"]


def test_a_full_upload_disk_is_a_507_problem_and_registers_nothing(app, client, auth, case_id):
    with small_disk(Path(app.config["UPLOAD_DIR"])) as uploads:
        fill_leaving(uploads, 20 * 1024)
        refused = upload(client, auth, case_id, file=bulky_pdf("notitie"))
        assert is_whole(stored_files(uploads))
    assert refused.status_code == 507 and refused.mimetype == "application/problem+json"
    assert refused.json["title"] == "Opslag vol"
    assert client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json == []
