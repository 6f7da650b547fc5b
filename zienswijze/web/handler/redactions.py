"""Proposed redactions (lakvoorstel) per document: add, edit and remove passages with their ground.

When the PDF has a text layer the service checks that the passage is on the page it names; a passage
it cannot find is saved anyway, with a warning, since the text layer is not always what a reader sees.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.widgets import NumberInput

from zienswijze.db import Case, Document, ProposedRedaction, StoredFile
from zienswijze.db.queries import redactions_by_document
from zienswijze.db.session import get_session
from zienswijze.domain.limits import TextCap
from zienswijze.services import outcomes
from zienswijze.services.documents import ground_catalogue
from zienswijze.services.errors import Invalid
from zienswijze.services.redactions import (
    RedactionResult,
    add_redaction,
    document_of,
    edit_redaction,
    redaction_of,
    remove_redaction,
)
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.i18n import translated
from zienswijze.web.labels import ground_label

bp = Blueprint("redactions", __name__, url_prefix="/<reference>/documenten/<int:document_id>")


class RedactionForm(FlaskForm):
    page = StringField(_l("Pagina"), widget=NumberInput(min=1))
    passage = TextAreaField(_l("Passage"), validators=[Capped(TextCap.PASSAGE)])
    ground = SelectField(_l("Grond"), validate_choice=False)
    reason = TextAreaField(_l("Toelichting (optioneel)"), validators=[Capped(TextCap.LONG)])


@bp.get("")
def document(reference: str, document_id: int):
    case = current_case(reference)
    return _document_page(case, document_of(get_session(), case, document_id), _form(case))


@bp.post("/lakvoorstel")
def add(reference: str, document_id: int):
    case = current_case(reference)
    document = document_of(get_session(), case, document_id)
    form = _form(case)
    if form.validate_on_submit():
        try:
            result = add_redaction(
                get_session(), current_actor(), case_id=case.id, document_id=document.id, **_values(form)
            )
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            return _saved(case, document, result, _("Passage toegevoegd aan het lakvoorstel."))
    return _document_page(case, document, form), 400


@bp.route("/lakvoorstel/<int:redaction_id>", methods=["GET", "POST"])
def edit(reference: str, document_id: int, redaction_id: int):
    case = current_case(reference)
    session = get_session()
    redaction, document = redaction_of(session, case, redaction_id)
    form = _form(case, redaction)
    if form.validate_on_submit():
        try:
            result = edit_redaction(
                session, current_actor(), case_id=case.id, redaction_id=redaction.id, **_values(form)
            )
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            return _saved(case, document, result, _("Passage gewijzigd."))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "documents/redaction.html", case=case, document=document, redaction=redaction, form=form
    ), status


@bp.post("/lakvoorstel/<int:redaction_id>/verwijderen")
def remove(reference: str, document_id: int, redaction_id: int):
    case = current_case(reference)
    remove_redaction(get_session(), current_actor(), case_id=case.id, redaction_id=redaction_id)
    flash(_("Passage verwijderd uit het lakvoorstel."), "success")
    return redirect(url_for("cases.redactions.document", reference=case.reference, document_id=document_id))


def _form(case: Case, redaction: ProposedRedaction | None = None) -> RedactionForm:
    """The form with the organisation's ground catalogue to choose from, filled in from ``redaction``."""
    grounds = sorted(ground_catalogue(get_session(), case.organisation_id).values(), key=lambda g: g.code)
    form = RedactionForm(obj=redaction)
    form.ground.choices = [("", _("Kies een grond"))] + [(g.code, f"{g.code} – {ground_label(g)}") for g in grounds]
    if redaction is not None and not form.is_submitted():
        form.ground.data = next((g.code for g in grounds if g.id == redaction.ground_id), "")
    return form


def _values(form: RedactionForm) -> dict:
    return {
        "page": form.page.data,
        "passage": form.passage.data,
        "ground": form.ground.data,
        "reason": form.reason.data,
        "upload_dir": Path(current_app.config["UPLOAD_DIR"]),
    }


def _saved(case: Case, document: Document, result: RedactionResult, message: str):
    flash(message, "success")
    if result.warning:
        flash(str(translated(result.warning)), "warning")
    return redirect(url_for("cases.redactions.document", reference=case.reference, document_id=document.id))


def _document_page(case: Case, document: Document, form: RedactionForm):
    session = get_session()
    redactions = redactions_by_document(session, case.id, [document.id]).get(document.id, [])
    stored = session.get(StoredFile, document.file_sha256) if document.file_sha256 else None
    return render_template(
        "documents/detail.html",
        case=case,
        document=document,
        redactions=redactions,
        form=form,
        pages=stored.page_count or 0 if stored else 0,
        final=outcomes.of_case(session, case, documents=[document])[document.id],
    )
