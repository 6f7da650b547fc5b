"""The publication set of a decided case: the redacted PDFs of what is disclosed, one by one or as one archive."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.services import publication
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.handler.exports import download

bp = Blueprint("publication", __name__, url_prefix="/<reference>/publicatie")


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


@bp.get("/")
def index(reference: str):
    case = current_case(reference)
    entries = publication.entries(get_session(), case) if case.decision_date else []
    return render_template("publication/index.html", case=case, entries=entries)


@bp.get("/<int:document_id>.pdf")
def document_pdf(reference: str, document_id: int):
    case = current_case(reference)
    body, name = publication.document_pdf(
        get_session(), current_actor(), case_id=case.id, document_id=document_id, upload_dir=_upload_dir()
    )
    return download(body, "application/pdf", name)


@bp.get("/pakket.zip")
def archive(reference: str):
    case = current_case(reference)
    body, name = publication.archive(
        get_session(), current_actor(), case_id=case.id, upload_dir=_upload_dir(), today=clock.today()
    )
    return download(body, "application/zip", name)
