"""Stakeholders (derde-belanghebbenden) of a case: add one, choose the documents that concern them, import a table."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField

from zienswijze.db import Document
from zienswijze.db.queries import documents_of, stakeholders_of
from zienswijze.db.session import get_session
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.limits import TextCap
from zienswijze.services.errors import Invalid, NotFound
from zienswijze.services.imports import ImportRejected, import_stakeholders
from zienswijze.services.stakeholders import add_stakeholder, set_concerns
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.labels import label
from zienswijze.web.uploads import uploaded

bp = Blueprint("stakeholders", __name__, url_prefix="/<reference>/belanghebbenden")

_SEPARATORS = re.compile(r"[\s,;]+")


class StakeholderForm(FlaskForm):
    name = StringField(_l("Naam"))
    kind = SelectField(_l("Soort"), validate_choice=False)
    emails = TextAreaField(_l("E-mailadressen"), validators=[Capped(TextCap.PASSAGE)])


class ImportForm(FlaskForm):
    table = FileField(_l("Bestand met belanghebbenden (CSV of XLSX)"))


@bp.route("/nieuw", methods=["GET", "POST"])
def new(reference: str):
    case = current_case(reference)
    form = StakeholderForm()
    form.kind.choices = [("", _("Kies de soort"))] + [(kind.value, label(kind)) for kind in StakeholderKind]
    chosen = request.form.getlist("document_ids")
    document_errors: list[str] = []
    if form.validate_on_submit():
        try:
            stakeholder = add_stakeholder(
                get_session(),
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
    documents = documents_of(get_session(), case.id)
    return render_template(
        "stakeholders/new.html",
        case=case,
        form=form,
        documents=documents,
        options=document_options(documents),
        chosen=set(chosen),
        document_errors=document_errors,
    ), 400 if form.is_submitted() else 200


@bp.route("/<int:stakeholder_id>", methods=["GET", "POST"])
def edit(reference: str, stakeholder_id: int):
    """The documents that concern a stakeholder: the only ones they will be shown."""
    case = current_case(reference)
    session = get_session()
    view = next((v for v in stakeholders_of(session, case.id) if v.stakeholder.id == stakeholder_id), None)
    if view is None:
        raise NotFound(f"belanghebbende {stakeholder_id}")
    documents = documents_of(session, case.id)
    form = FlaskForm()
    chosen = request.form.getlist("document_ids")
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            set_concerns(session, current_actor(), case_id=case.id, stakeholder_id=stakeholder_id, document_ids=chosen)
        except Invalid as invalid:
            errors = list(invalid.errors.values())
        else:
            flash(_("De documenten van %(name)s zijn opgeslagen.", name=view.stakeholder.name), "success")
            return redirect(url_for("cases.detail", reference=case.reference, _anchor="belanghebbenden"))
    else:
        numbers = set(view.document_numbers)
        chosen = [str(d.id) for d in documents if d.number in numbers]
    return render_template(
        "stakeholders/edit.html",
        case=case,
        form=form,
        view=view,
        documents=documents,
        options=document_options(documents),
        chosen=set(chosen),
        errors=errors,
    ), 400 if errors else 200


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


def document_options(documents: list[Document]) -> list[tuple[int, str, str, bool]]:
    """Checkboxes for the documents of a case, by number and title."""
    return [(document.id, f"{document.number}. {document.title}", "", False) for document in documents]
