"""The handler's view of a document: its PDF, and its pages with the redactions drawn and labelled.

Two sets of redactions can be drawn: the proposal (lakvoorstel), as each stakeholder sees it, and
the final redactions after the weighing (``domain.outcome``), as the decision will have them.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, request, send_file

from zienswijze.db import StoredFile
from zienswijze.db.queries import redactions_by_document
from zienswijze.db.session import get_session
from zienswijze.files.page_images import Mark, marks_on
from zienswijze.files.store import path_for
from zienswijze.services import outcomes
from zienswijze.services.redactions import document_of
from zienswijze.web.handler.cases import current_case
from zienswijze.web.page_images import page_image_response

bp = Blueprint("document_view", __name__, url_prefix="/<reference>/documenten/<int:document_id>")
FINAL = "besluit"  # ?lakkingen=besluit draws the redactions after the weighing


def _stored(reference: str, document_id: int):
    case = current_case(reference)
    document = document_of(get_session(), case, document_id)
    stored = get_session().get(StoredFile, document.file_sha256) if document.file_sha256 else None
    if stored is None:
        abort(404)
    return case, document, stored


@bp.get("/pdf")
def pdf(reference: str, document_id: int):
    _case, document, stored = _stored(reference, document_id)
    return send_file(
        path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256),
        mimetype="application/pdf",
        download_name=document.file_name or f"document-{document.number}.pdf",
    )


@bp.get("/pagina/<int:page>.png")
def page_image(reference: str, document_id: int, page: int):
    case, document, stored = _stored(reference, document_id)
    if not 1 <= page <= (stored.page_count or 0):
        abort(404)
    if request.args.get("lakkingen") == FINAL:
        final = outcomes.of_case(get_session(), case, documents=[document])[document.id]
        marks = [Mark(p.text, p.ground) for p in final.redactions if p.page == page]
    else:
        marks = marks_on(redactions_by_document(get_session(), case.id, [document.id]).get(document.id, []), page)
    return page_image_response(stored.sha256, page, marks)
