"""The files stakeholders attached to their view, for the handler of the case: always as a download."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, send_file

from zienswijze.db.session import get_session
from zienswijze.files.store import path_for
from zienswijze.services.attachments import attachment_of_case
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case

bp = Blueprint("attachments", __name__, url_prefix="/<reference>/bijlagen")


@bp.get("/<int:attachment_id>")
def download(reference: str, attachment_id: int):
    """A download, never shown inline: the file comes from outside the organisation."""
    case = current_case(reference)
    attachment, stored = attachment_of_case(
        get_session(), current_actor(), case_id=case.id, attachment_id=attachment_id
    )
    response = send_file(
        path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=attachment.filename,
    )
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
