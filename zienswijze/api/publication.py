"""The publication set over the API: after the decision, the redacted PDFs and the archive for the platform."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from zienswijze import clock
from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.exports import download
from zienswijze.db.session import get_session
from zienswijze.services import publication

TAG = "publicatie"


@bp.get("/cases/<int:case_id>/documents/<int:document_id>/publication.pdf")
@download(tag=TAG, media_type="application/pdf", problems=(409,))
def publication_pdf(case_id: int, document_id: int):
    """The publication version of a disclosed document: each withheld passage removed and boxed with its
    ground. 409 before the decision, for a document that is not disclosed, or one that needs redacting by hand."""
    case = own_case(case_id)
    return publication.document_pdf(
        get_session(),
        caller(),
        case_id=case.id,
        document_id=document_id,
        upload_dir=Path(current_app.config["UPLOAD_DIR"]),
    )


@bp.get("/cases/<int:case_id>/publication.zip")
@download(tag=TAG, media_type="application/zip", problems=(409,))
def publication_zip(case_id: int):
    """Every publication PDF named by its ID, with the productierapport and the inventory list."""
    case = own_case(case_id)
    return publication.archive(
        get_session(),
        caller(),
        case_id=case.id,
        upload_dir=Path(current_app.config["UPLOAD_DIR"]),
        today=clock.today(),
    )
