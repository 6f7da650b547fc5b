"""Attachments to the stakeholder's view: PDFs added to the draft and removed again until it is submitted."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.domain.limits import AttachmentLimits
from zienswijze.flask_extensions import limiter
from zienswijze.services import responses
from zienswijze.services.errors import Invalid
from zienswijze.web.stakeholder.holder import FORM_LIMIT, current_view, holder, term_over

bp = Blueprint("attachments", __name__, url_prefix="/bijlagen")


@bp.post("")
@limiter.limit(FORM_LIMIT)
def upload():
    view = current_view()
    files = [f for f in request.files.getlist("attachment") if f and f.filename]
    if not files:
        flash(_("Kies een PDF-bestand om toe te voegen."), "error")
    for upload_file in files:
        try:
            responses.add_attachment(
                get_session(),
                **holder(view),
                filename=upload_file.filename,
                data=upload_file.read(),
                upload_dir=Path(current_app.config["UPLOAD_DIR"]),
                max_bytes=current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024,
                limits=attachment_limits(),
                now=clock.now(),
            )
        except responses.FormClosed:
            return term_over(view)
        except Invalid as error:
            flash(f"{upload_file.filename}: {error.errors['attachment']}", "error")
        else:
            flash(_("Bijlage %(name)s toegevoegd.", name=upload_file.filename), "success")
    return _back()


@bp.post("/<int:attachment_id>/verwijderen")
def remove_upload(attachment_id: int):
    view = current_view()
    try:
        responses.remove_attachment(
            get_session(),
            **holder(view),
            attachment_id=attachment_id,
            upload_dir=Path(current_app.config["UPLOAD_DIR"]),
            now=clock.now(),
        )
    except responses.FormClosed:
        return term_over(view)
    except Invalid:
        abort(404)
    flash(_("Bijlage verwijderd."), "success")
    return _back()


def attachment_limits() -> AttachmentLimits:
    config = current_app.config
    return AttachmentLimits(config["MAX_ATTACHMENTS"], config["MAX_ATTACHMENTS_MB"] * 1024 * 1024)


def _back():
    return redirect(url_for("stakeholder_file.file") + "#bijlagen", code=303)
