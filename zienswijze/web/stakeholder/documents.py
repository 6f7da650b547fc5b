"""The stakeholder's documents: the PDF itself, and its pages with the proposed redactions drawn on."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, request, send_file

from zienswijze.db import Document, StoredFile
from zienswijze.db.session import get_session
from zienswijze.files.page_images import marks_on
from zienswijze.files.store import path_for
from zienswijze.flask_extensions import limiter
from zienswijze.services.stakeholder_access import Dossier
from zienswijze.web.page_images import page_image_response
from zienswijze.web.stakeholder.holder import PAGE_LIMIT, current_view

bp = Blueprint("documents", __name__, url_prefix="/documenten")


@bp.get("/<int:document_id>")
@limiter.limit(PAGE_LIMIT)
def document_pdf(document_id: int):
    document, stored = _with_file(current_view(), document_id)
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
    view = current_view()
    document, stored = _with_file(view, document_id)
    if not 1 <= page <= (stored.page_count or 0):
        abort(404)
    return page_image_response(stored.sha256, page, marks_on(view.redactions.get(document.id, []), page))


def _with_file(view: Dossier, document_id: int) -> tuple[Document, StoredFile]:
    """One of the stakeholder's own documents and its stored PDF; 404 for any other or one without."""
    document = next((d for d in view.documents if d.id == document_id), None)
    stored = get_session().get(StoredFile, document.file_sha256) if document and document.file_sha256 else None
    if document is None or stored is None:
        abort(404)
    return document, stored


def _path(stored: StoredFile) -> Path:
    return path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256)
