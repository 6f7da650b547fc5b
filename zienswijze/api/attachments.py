"""The files stakeholders attached to their submitted view, for the case system: always as a download."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.exports import download
from zienswijze.db.session import get_session
from zienswijze.files.store import path_for
from zienswijze.services.attachments import attachment_of_case


@bp.get("/cases/<int:case_id>/attachments/<int:attachment_id>")
@download(tag="afweging", media_type="application/pdf")
def download_attachment(case_id: int, attachment_id: int):
    """A stakeholder's attachment to a submitted view (Content-Disposition: attachment)."""
    case = own_case(case_id)
    attachment, stored = attachment_of_case(get_session(), caller(), case_id=case.id, attachment_id=attachment_id)
    return path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256).read_bytes(), attachment.filename
