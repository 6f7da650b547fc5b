"""The upload folder's disk full: a clear message instead of a 500, nothing lost, no half file, and
uploads work again once there is space."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlmodel import select

from tests.consultation import open_file, start_consultation
from tests.faults.storage import bulky_pdf, fill_leaving, free_space, is_whole, small_disk, stored_files
from tests.helpers import csrf_token_from
from tests.web.handler_case import build_case
from zienswijze.db import Attachment, Document
from zienswijze.db.session import new_session

FULL = "de opslag vol is"
# Room for the small files a test makes before the disk fills, not for one bulky PDF.
ROOM = 20 * 1024


@pytest.fixture
def uploads(app) -> Path:
    with small_disk(Path(app.config["UPLOAD_DIR"])) as folder:
        yield folder


def attach(client, pdf: bytes, name: str):
    token = csrf_token_from(client.get("/z/dossier").text)
    return client.post(
        "/z/dossier/bijlagen",
        data={"csrf_token": token, "attachment": (io.BytesIO(pdf), name)},
        content_type="multipart/form-data",
    )


def attachment_names(app) -> list[str]:
    with app.app_context(), new_session() as session:
        return sorted(session.exec(select(Attachment.filename)))


def test_a_stakeholder_uploading_to_a_full_disk_is_told_so_and_keeps_draft_and_earlier_attachments(app, uploads):
    client = open_file(app, start_consultation(app)["S1"])
    token = csrf_token_from(client.get("/z/dossier").text)
    client.post("/z/dossier", data={"csrf_token": token, "explanation": "Onze uitleg", "action": "bewaar"})
    assert attach(client, bulky_pdf("eerste"), "eerste.pdf").status_code == 303
    fill_leaving(uploads, ROOM)

    refused = attach(client, bulky_pdf("tweede"), "tweede.pdf")

    assert is_whole(stored_files(uploads))
    assert refused.status_code == 507 and FULL in refused.text
    assert "Onze uitleg" in client.get("/z/dossier").text
    assert attachment_names(app) == ["eerste.pdf"]


def test_after_space_is_freed_the_stakeholder_can_upload_again(app, uploads):
    client = open_file(app, start_consultation(app)["S1"])
    fill_leaving(uploads, ROOM)
    assert attach(client, bulky_pdf("bijlage"), "bijlage.pdf").status_code == 507
    free_space(uploads)

    assert attach(client, bulky_pdf("bijlage"), "bijlage.pdf").status_code == 303
    assert attachment_names(app) == ["bijlage.pdf"]
    assert is_whole(stored_files(uploads))


def test_a_handler_uploading_documents_to_a_full_disk_is_told_so_and_nothing_is_attached(
    app, logged_in_client, uploads
):
    case = build_case(app)
    documents = f"/zaken/{case.reference}/documenten"
    fill_leaving(uploads, ROOM)

    def upload():
        token = csrf_token_from(logged_in_client.get(documents).text)
        files = [(io.BytesIO(bulky_pdf("projectplan")), "002 projectplan.pdf")]
        return logged_in_client.post(
            f"{documents}/pdfs", data={"csrf_token": token, "pdfs": files}, content_type="multipart/form-data"
        )

    refused = upload()
    with app.app_context(), new_session() as session:
        assert session.get(Document, case.documents[2]).file_sha256 is None
    assert refused.status_code == 507 and FULL in refused.text
    assert is_whole(stored_files(uploads))
    free_space(uploads)
    assert upload().status_code == 200
