"""Documents of a case: upload their PDFs, or import an inventory list with its proposed redactions and PDFs.

The services decide what a file is (by its content, not its name) and where it belongs; these pages
show what was attached and what was refused, and for a rejected import every bad row.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from sqlmodel import col

from zienswijze.db import Case, Document
from zienswijze.db.queries import count_of
from zienswijze.db.session import get_session
from zienswijze.services.documents import upload_pdfs
from zienswijze.services.imports import ImportRejected
from zienswijze.services.inventory_import import import_inventory
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.uploads import uploaded, uploaded_many

bp = Blueprint("documents", __name__, url_prefix="/<reference>/documenten")


class UploadForm(FlaskForm):
    pdfs = MultipleFileField(_l("PDF-bestanden"))


class ImportForm(FlaskForm):
    inventory = FileField(_l("Inventarislijst (CSV of XLSX)"))
    redactions = FileField(_l("Lakvoorstel (CSV of XLSX, optioneel)"))
    pdfs = MultipleFileField(_l("PDF-bestanden van de documenten (optioneel)"))


@bp.get("")
def index(reference: str):
    return _page(current_case(reference))


@bp.post("/pdfs")
def upload(reference: str):
    case = current_case(reference)
    form = UploadForm()
    files = uploaded_many(form.pdfs) if form.validate_on_submit() else {}
    if not files:
        form.pdfs.errors = [_("Kies één of meer PDF-bestanden.")]
        return _page(case, upload_form=form), 400
    report = upload_pdfs(
        get_session(),
        current_actor(),
        case_id=case.id,
        files=files,
        upload_dir=Path(current_app.config["UPLOAD_DIR"]),
        max_bytes=_max_bytes(),
    )
    return _page(case, report=report), 200 if report.matched else 400


@bp.post("/importeren")
def import_inventory_view(reference: str):
    """All or nothing: with one bad row nothing is imported and every bad row is listed."""
    case = current_case(reference)
    form = ImportForm()
    inventory = uploaded(form.inventory) if form.validate_on_submit() else None
    if inventory is None:
        form.inventory.errors = [_("Kies het bestand met de inventarislijst.")]
        return _page(case, import_form=form), 400
    try:
        result = import_inventory(
            get_session(),
            current_actor(),
            case_id=case.id,
            inventory=inventory,
            redactions=uploaded(form.redactions),
            documents=uploaded_many(form.pdfs),
            upload_dir=Path(current_app.config["UPLOAD_DIR"]),
            max_bytes=_max_bytes(),
        )
    except ImportRejected as rejection:
        return _page(case, import_form=form, rejected=rejection.issues), 400
    flash(
        _(
            "Geïmporteerd: %(documents)d documenten, %(redactions)d passages in het lakvoorstel, "
            "%(concerns)d koppelingen met belanghebbenden en %(files)d PDF-bestanden.",
            documents=result.documents,
            redactions=result.redactions,
            concerns=result.concerns,
            files=result.files,
        ),
        "success",
    )
    if result.warnings:
        return render_template("documents/imported.html", case=case, warnings=result.warnings)
    return redirect(url_for("cases.detail", reference=case.reference, _anchor="documenten"))


def _page(case: Case, *, upload_form=None, import_form=None, report=None, rejected=()):
    return render_template(
        "documents/index.html",
        case=case,
        # Counts only: the page lists no documents, and a case may hold thousands.
        document_count=count_of(get_session(), col(Document.case_id) == case.id),
        without_pdf=count_of(get_session(), (col(Document.case_id) == case.id) & col(Document.file_sha256).is_(None)),
        upload_form=upload_form or UploadForm(formdata=None),
        import_form=import_form or ImportForm(formdata=None),
        report=report,
        rejected=rejected,
        max_mb=current_app.config["MAX_UPLOAD_MB"],
    )


def _max_bytes() -> int:
    return current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024
