"""The stakeholder's documents: the PDF itself, and its pages with the proposed redactions drawn on."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, g, request, send_file

from zienswijze.db import Document, Ground, ProposedRedaction, StoredFile
from zienswijze.db.session import get_session
from zienswijze.files.page_images import marks_on
from zienswijze.files.store import path_for
from zienswijze.flask_extensions import limiter
from zienswijze.services.stakeholder_access import own_document
from zienswijze.web.page_images import page_image_response
from zienswijze.web.stakeholder.holder import PAGE_LIMIT

bp = Blueprint("documents", __name__, url_prefix="/documenten")


@bp.get("/<int:document_id>")
@limiter.limit(PAGE_LIMIT)
def document_pdf(document_id: int):
    document, stored, _ = _own_document(document_id)
    return send_file(
        _path(stored),
        mimetype="application/pdf",
        as_attachment=request.args.get("download") == "1",
        download_name=document.file_name or f"document-{document.number}.pdf",
    )


@bp.get("/<int:document_id>/pagina/<int:page>.png")
@limiter.limit(PAGE_LIMIT)
def page_image(document_id: int, page: int):
    """A page with the proposed redactions drawn on it; the list on the page says the same in words.

    Rendered once and then served from the file store, or answered 304 by its ETag. A stored PDF whose
    page cannot be rendered (beyond the limits, or unreadable) is refused with the reason (NotAPdf is
    Invalid: a 400 page).
    """
    _, stored, redactions = _own_document(document_id)
    if not 1 <= page <= (stored.page_count or 0):
        abort(404)
    return page_image_response(stored.sha256, page, marks_on(redactions, page))


def _own_document(document_id: int) -> tuple[Document, StoredFile, list[tuple[ProposedRedaction, Ground]]]:
    """One of the stakeholder's own documents, its stored PDF and its proposed redactions; 404 for any other
    or one without a PDF."""
    found = own_document(get_session(), invitation_id=g.invitation.id, document_id=document_id)
    if found is None:
        abort(404)
    return found


def _path(stored: StoredFile) -> Path:
    return path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256)
