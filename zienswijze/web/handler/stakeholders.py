"""Stakeholders (derde-belanghebbenden) of a case: add one, choose the documents that concern them, import a table."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlmodel import col
from wtforms import SelectField, StringField, TextAreaField

from zienswijze.db import Document
from zienswijze.db.queries import count_of, documents_of, stakeholders_of
from zienswijze.db.session import get_session
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.limits import TextCap
from zienswijze.domain.number_ranges import compact
from zienswijze.services.errors import Invalid, NotFound
from zienswijze.services.imports import ImportRejected, import_stakeholders
from zienswijze.services.stakeholders import add_stakeholder, document_ids_numbered, set_concerns
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.labels import label
from zienswijze.web.uploads import uploaded

bp = Blueprint("stakeholders", __name__, url_prefix="/<reference>/belanghebbenden")

_SEPARATORS = re.compile(r"[\s,;]+")
# Up to this many documents a case offers a checkbox each; beyond, the handler types their numbers (1-200, 305).
CHECKBOX_LIMIT = 100


class ConcernsForm(FlaskForm):
    """The documents that concern a stakeholder, by number, for a case too big for a checkbox each."""

    document_numbers = StringField(_l("Documentnummers"), validators=[Capped(TextCap.PASSAGE)])


class StakeholderForm(ConcernsForm):
    name = StringField(_l("Naam"))
    kind = SelectField(_l("Soort"), validate_choice=False)
    emails = TextAreaField(_l("E-mailadressen"), validators=[Capped(TextCap.PASSAGE)])


class ImportForm(FlaskForm):
    table = FileField(_l("Bestand met belanghebbenden (CSV of XLSX)"))


@bp.route("/nieuw", methods=["GET", "POST"])
def new(reference: str):
    case = current_case(reference)
    session = get_session()
    form = StakeholderForm()
    form.kind.choices = [("", _("Kies de soort"))] + [(kind.value, label(kind)) for kind in StakeholderKind]
    documents = _checkable_documents(case.id)
    chosen = request.form.getlist("document_ids")
    document_errors: list[str] = []
    if form.validate_on_submit():
        try:
            if documents is None:
                chosen = [str(i) for i in document_ids_numbered(session, case.id, form.document_numbers.data or "")]
            stakeholder = add_stakeholder(
                session,
                current_actor(),
                case_id=case.id,
                name=form.name.data,
                kind=form.kind.data,
                emails=_SEPARATORS.split(form.emails.data or ""),
                document_ids=chosen,
            )
        except Invalid as invalid:
            document_errors = [m for f, m in invalid.errors.items() if f == "document_ids"]
            invalid.errors.pop("document_ids", None)
            show_errors(form, invalid, {"email": "emails"})
        else:
            flash(_("Belanghebbende %(name)s toegevoegd.", name=stakeholder.name), "success")
            return redirect(url_for("cases.detail", reference=case.reference, _anchor="belanghebbenden"))
    return render_template(
        "stakeholders/new.html",
        case=case,
        form=form,
        documents=documents,
        options=document_options(documents or []),
        chosen=set(chosen),
        document_errors=document_errors,
    ), 400 if form.is_submitted() else 200


@bp.route("/<int:stakeholder_id>", methods=["GET", "POST"])
def edit(reference: str, stakeholder_id: int):
    """The documents that concern a stakeholder: the only ones they will be shown."""
    case = current_case(reference)
    session = get_session()
    view = next(iter(stakeholders_of(session, case.id, stakeholder_id=stakeholder_id)), None)
    if view is None:
        raise NotFound(f"belanghebbende {stakeholder_id}")
    documents = _checkable_documents(case.id)
    form = ConcernsForm()
    chosen = request.form.getlist("document_ids")
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            if documents is None:
                chosen = [str(i) for i in document_ids_numbered(session, case.id, form.document_numbers.data or "")]
            set_concerns(session, current_actor(), case_id=case.id, stakeholder_id=stakeholder_id, document_ids=chosen)
        except Invalid as invalid:
            form.document_numbers.errors = list(invalid.errors.values())
            errors = list(invalid.errors.values())
        else:
            flash(_("De documenten van %(name)s zijn opgeslagen.", name=view.stakeholder.name), "success")
            return redirect(url_for("cases.detail", reference=case.reference, _anchor="belanghebbenden"))
    else:
        chosen = [str(document_id) for document_id in view.document_ids]
        form.document_numbers.data = compact(view.document_numbers)
    return render_template(
        "stakeholders/edit.html",
        case=case,
        form=form,
        view=view,
        documents=documents,
        options=document_options(documents or []),
        chosen=set(chosen),
        errors=errors,
    ), 400 if errors or form.errors else 200


@bp.route("/importeren", methods=["GET", "POST"])
def import_table(reference: str):
    """All or nothing: a file with one bad row imports nobody and lists every bad row."""
    case = current_case(reference)
    form = ImportForm()
    rejected: list = []
    if form.validate_on_submit():
        table = uploaded(form.table)
        if table is None:
            form.table.errors = [_("Kies een bestand.")]
        else:
            try:
                result = import_stakeholders(get_session(), current_actor(), case_id=case.id, table=table)
            except ImportRejected as rejection:
                rejected = rejection.issues
            else:
                flash(
                    ngettext(
                        "%(num)d belanghebbende geïmporteerd.",
                        "%(num)d belanghebbenden geïmporteerd.",
                        result.stakeholders,
                    ),
                    "success",
                )
                return redirect(url_for("cases.detail", reference=case.reference, _anchor="belanghebbenden"))
    return render_template(
        "stakeholders/import.html", case=case, form=form, rejected=rejected
    ), 400 if form.is_submitted() else 200


def _checkable_documents(case_id: int) -> list[Document] | None:
    """The case's documents to offer a checkbox each, or None when there are too many to read and show."""
    session = get_session()
    if count_of(session, col(Document.case_id) == case_id) > CHECKBOX_LIMIT:
        return None
    return documents_of(session, case_id)


def document_options(documents: list[Document]) -> list[tuple[int, str, str, bool]]:
    """Checkboxes for the documents of a case, by number and title."""
    return [(document.id, f"{document.number}. {document.title}", "", False) for document in documents]
