"""Attachments to the stakeholder's view: PDFs added to the draft and removed again until it is submitted.

Their buttons sit in the answer form, so without JavaScript a stakeholder who adds or removes a file loses
nothing typed: the answers posted with it are saved as the draft first (``_save_answers``).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.domain.limits import AttachmentLimits
from zienswijze.flask_extensions import limiter
from zienswijze.services import attachments, responses
from zienswijze.services.errors import Invalid
from zienswijze.services.stakeholder_access import Dossier
from zienswijze.web.i18n import translated
from zienswijze.web.stakeholder.holder import FORM_LIMIT, current_view, holder, term_over
from zienswijze.web.stakeholder.page import posted_form, render

bp = Blueprint("attachments", __name__, url_prefix="/bijlagen")


@bp.post("")
@limiter.limit(FORM_LIMIT)
def upload():
    view = current_view()
    try:
        answer_errors = _save_answers(view)
    except responses.FormClosed:
        return term_over(view)
    files = [f for f in request.files.getlist("attachment") if f and f.filename]
    if not files:
        flash(_("Kies een PDF-bestand om toe te voegen."), "error")
    for upload_file in files:
        try:
            attachments.add_attachment(
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
            flash(f"{upload_file.filename}: {translated(error.errors['attachment'])}", "error")
        else:
            flash(_("Bijlage %(name)s toegevoegd.", name=upload_file.filename), "success")
    if answer_errors:
        return render(view, request.form, errors=answer_errors), 400
    return _back()


@bp.post("/<int:attachment_id>/verwijderen")
def remove_upload(attachment_id: int):
    view = current_view()
    try:
        answer_errors = _save_answers(view)
        attachments.remove_attachment(
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
    if answer_errors:
        return render(view, request.form, errors=answer_errors), 400
    return _back()


def attachment_limits() -> AttachmentLimits:
    config = current_app.config
    return AttachmentLimits(config["MAX_ATTACHMENTS"], config["MAX_ATTACHMENTS_MB"] * 1024 * 1024)


def _save_answers(view: Dossier) -> dict[str, str]:
    """Saves the answers posted with the file as the draft; the mistakes that kept them from being saved.

    Only a post from the answer form carries them (it always has ``extra_rows``); a post of a file alone
    leaves the draft as it is.
    """
    if "extra_rows" not in request.form:
        return {}
    form = posted_form(view)
    try:
        responses.save_draft(get_session(), **holder(view), data=form.data, now=clock.now())
    except responses.FormClosed:
        raise
    except Invalid as error:
        return form.field_errors(error.errors)
    return {}


def _back():
    """The form again, focus on the message of what happened (no fragment: it would keep focus from it)."""
    return redirect(url_for("stakeholder_file.file"), code=303)
