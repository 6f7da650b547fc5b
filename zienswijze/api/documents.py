"""Documents of the inventory with their PDFs, and their proposed redactions (lakvoorstel)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlmodel import Session, col, select
from werkzeug.datastructures import FileStorage

from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.fields import PageQuery
from zienswijze.api.openapi import operation
from zienswijze.api.paging import Cursor
from zienswijze.api.problems import ApiProblem
from zienswijze.api.schemas import (
    DocumentForm,
    DocumentOut,
    RedactionCreate,
    RedactionOut,
    RedactionSaved,
    outcome_out,
)
from zienswijze.db import Document, Ground, ProposedRedaction, StoredFile
from zienswijze.db.queries import documents_of, redactions_by_document
from zienswijze.db.session import get_session
from zienswijze.domain.outcome import Outcome
from zienswijze.services import documents as document_service
from zienswijze.services import outcomes, redactions

TAG = "documenten"
_DOCUMENTS: Cursor[Document] = Cursor(tuple[int, int], lambda document: (document.number, document.id))


@bp.post("/cases/<int:case_id>/documents")
@operation(tag=TAG, form=DocumentForm, response=(201, DocumentOut))
def add_document(case_id: int, form: DocumentForm):
    """Add a document of the inventory, with its PDF checked by content and stored by its SHA-256."""
    session = get_session()
    case = own_case(case_id)
    pdf = upload_within_limit(form.file)
    document = document_service.register_document(
        session,
        caller(),
        case_id=case.id,
        number=form.number,
        title=form.title,
        document_date=form.date,
        assessment=form.assessment,
        ground_codes=form.ground_codes,
        link=form.link,
        duplicate_of_number=form.duplicate_of,
        pdf=pdf,
        file_name=form.file.filename if form.file else None,
        upload_dir=Path(current_app.config["UPLOAD_DIR"]),
        max_bytes=max_upload_bytes(),
    )
    final = outcomes.of_case(session, case, documents=[document])[document.id]
    return document_out(document, _page_counts(session, [document]), [], final)


@bp.get("/cases/<int:case_id>/documents")
@operation(tag=TAG, query=PageQuery, response=(200, list[DocumentOut]))
def list_documents(case_id: int, query: PageQuery):
    """The case's documents in inventory order, each with its proposed redactions and its outcome."""
    session = get_session()
    case = own_case(case_id)
    keyset = _DOCUMENTS.keyset(query)
    page = _DOCUMENTS.page(documents_of(session, case.id, keyset), keyset)
    pages = _page_counts(session, page.items)
    proposed = redactions_by_document(session, case.id, [d.id for d in page.items])
    final = outcomes.of_case(session, case, documents=page.items)
    documents = [
        document_out(d, pages, [redaction_out(r, g) for r, g in proposed.get(d.id, [])], final[d.id])
        for d in page.items
    ]
    return documents, page.headers


@bp.post("/cases/<int:case_id>/documents/<int:document_id>/redactions")
@operation(tag=TAG, body=RedactionCreate, response=(201, RedactionSaved))
def add_redaction(case_id: int, document_id: int, body: RedactionCreate):
    """Propose to withhold a passage; the answer warns when the PDF's text layer lacks it on that page."""
    result = redactions.add_redaction(
        get_session(), caller(), case_id=case_id, document_id=document_id, **_redaction_fields(body)
    )
    return _saved(result)


@bp.put("/cases/<int:case_id>/redactions/<int:redaction_id>")
@operation(tag=TAG, body=RedactionCreate, response=(200, RedactionSaved))
def edit_redaction(case_id: int, redaction_id: int, body: RedactionCreate):
    """Replace a proposed redaction's page, passage, ground and reason."""
    result = redactions.edit_redaction(
        get_session(), caller(), case_id=case_id, redaction_id=redaction_id, **_redaction_fields(body)
    )
    return _saved(result)


@bp.delete("/cases/<int:case_id>/redactions/<int:redaction_id>")
@operation(tag=TAG, response=204, problems=(404, 409))
def remove_redaction(case_id: int, redaction_id: int):
    """Withdraw a proposed redaction. Refused (409) once a stakeholder has answered it, or after the decision."""
    redactions.remove_redaction(get_session(), caller(), case_id=case_id, redaction_id=redaction_id)


def document_out(
    document: Document, pages: dict[str, int | None], proposed: list[RedactionOut], final: Outcome
) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        number=document.number,
        title=document.title,
        date=document.document_date,
        assessment=document.assessment,
        grounds=document.ground_codes,
        link=document.link,
        duplicate_of=document.duplicate_of_number,
        file_name=document.file_name,
        sha256=document.file_sha256,
        pages=pages.get(document.file_sha256) if document.file_sha256 else None,
        redactions=proposed,
        outcome=outcome_out(final),
    )


def redaction_out(redaction: ProposedRedaction, ground: Ground) -> RedactionOut:
    return RedactionOut(
        id=redaction.id,
        document_id=redaction.document_id,
        page=redaction.page,
        passage=redaction.passage,
        ground=ground.code,
        reason=redaction.reason,
    )


def _saved(result: redactions.RedactionResult) -> RedactionSaved:
    ground = get_session().exec(select(Ground).where(Ground.id == result.redaction.ground_id)).one()
    return RedactionSaved(**redaction_out(result.redaction, ground).model_dump(), warning=result.warning)


def max_upload_bytes() -> int:
    return current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024


def upload_within_limit(upload: FileStorage | None) -> bytes | None:
    """The uploaded bytes; a file over the size limit is 413, like a request over the server's limit."""
    if upload is None:
        return None
    data = upload.read()
    if len(data) > max_upload_bytes():
        raise ApiProblem(413, f"Het bestand is groter dan {current_app.config['MAX_UPLOAD_MB']} MB.")
    return data


def _page_counts(session: Session, documents: list[Document]) -> dict[str, int | None]:
    """Page counts of the documents' stored PDFs, in one query however many documents there are."""
    hashes = {d.file_sha256 for d in documents if d.file_sha256}
    if not hashes:
        return {}
    query = select(StoredFile.sha256, StoredFile.page_count).where(col(StoredFile.sha256).in_(hashes))
    rows = session.exec(query).all()
    return dict(rows)


def _redaction_fields(body: RedactionCreate) -> dict:
    """What adding and editing a proposed redaction both pass to the service."""
    return {
        "page": body.page,
        "passage": body.passage,
        "ground": body.ground,
        "reason": body.reason,
        "upload_dir": Path(current_app.config["UPLOAD_DIR"]),
    }
