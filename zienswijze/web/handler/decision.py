"""The decision page: the requester's notices, the decision's dates, disclosure per document, the paragraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlmodel import col
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.widgets import DateInput

from zienswijze import clock
from zienswijze.db import Case, Document
from zienswijze.db.queries import count_of
from zienswijze.db.session import get_session
from zienswijze.domain.limits import TextCap
from zienswijze.services import decision, disclosure, notices, requester_notices
from zienswijze.services.decision_gate import ViewsPending
from zienswijze.services.errors import Invalid
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.handler.decision_paragraph import PARAGRAPH_FORMS, paragraph_choice
from zienswijze.web.handler.exports import download
from zienswijze.web.paging import Paged

bp = Blueprint("decision", __name__, url_prefix="/<reference>/besluit")


class SuspensionForm(FlaskForm):
    sent_on = StringField(_l("Datum waarop de verzoeker is bericht"), widget=DateInput())


class SuspensionEndForm(FlaskForm):
    ended_on = StringField(_l("Laatste dag van de opschorting"), widget=DateInput())
    notice_sent_on = StringField(_l("Datum waarop de verzoeker de nieuwe beslistermijn is bericht"), widget=DateInput())
    prolongs = BooleanField(_l("Een verleende verlenging verlengt de opschorting"))


class DecisionForm(FlaskForm):
    decided_on = StringField(_l("Datum van het besluit"), widget=DateInput())
    announced_on = StringField(_l("Datum van bekendmaking"), widget=DateInput())
    override_reason = TextAreaField(_l("Reden om nu al te besluiten"), validators=[Capped(TextCap.SENTENCE)])


class MeasureForm(FlaskForm):
    pending = HiddenField()


# Rows of the disclosure table a page; the paragraph and the downloads cover every document.
DOCUMENTS_PER_PAGE = 25


class LetterForm(FlaskForm):
    file = FileField(_l("Ondertekende besluitbrief (PDF)"))


class PostingForm(FlaskForm):
    posted_on = StringField(_l("Datum waarop de brief is gepost"), widget=DateInput())


class ExpectationForm(FlaskForm):
    expected = HiddenField()


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _render(case, forms: dict | None = None, status: int = 200):
    session = get_session()
    forms = forms or {}
    choice = paragraph_choice()
    overview = decision.overview(session, case, clock.today(), PARAGRAPH_FORMS[choice.vorm.data])
    defaults = {
        "suspension": SuspensionForm(data={"sent_on": (case.suspension_notice_sent or clock.today()).isoformat()}),
        "suspension_end": SuspensionEndForm(
            data={
                "ended_on": (case.suspension_ended or overview.suggested_end or clock.today()).isoformat(),
                "notice_sent_on": (case.suspension_end_notice_sent or clock.today()).isoformat(),
                "prolongs": case.extension_prolongs_suspension,
            }
        ),
        "decision": DecisionForm(
            data={"decided_on": clock.today().isoformat(), "announced_on": clock.today().isoformat()}
        ),
        "letter": LetterForm(),
        "posting": PostingForm(data={"posted_on": clock.today().isoformat()}),
    }
    return render_template(
        "decision/index.html",
        case=case,
        overview=overview,
        plan=Paged.read(
            count_of(session, col(Document.case_id) == case.id),
            request.args.get("documenten"),
            DOCUMENTS_PER_PAGE,
            lambda offset, limit: disclosure.plan(session, case, clock.today(), overview.weighing, (offset, limit)),
        ),
        forms={**defaults, **forms},
        paragraph_choice=choice,
        paragraph_text=overview.paragraph,
    ), status


@bp.get("/")
def index(reference: str):
    return _render(current_case(reference))


@bp.post("/opschorting")
def suspension(reference: str):
    case = current_case(reference)
    form = SuspensionForm()

    def record() -> str:
        requester_notices.record_suspension_notice(
            get_session(), current_actor(), case_id=case.id, sent_on=form.sent_on.data
        )
        return _("De mededeling over de opschorting is vastgelegd.")

    return _submit(case, "suspension", form, record, anchor="verzoeker")


@bp.post("/einde-opschorting")
def suspension_end(reference: str):
    case = current_case(reference)
    form = SuspensionEndForm()

    def record() -> str:
        requester_notices.record_suspension_end(
            get_session(),
            current_actor(),
            case_id=case.id,
            ended_on=form.ended_on.data,
            notice_sent_on=form.notice_sent_on.data,
            prolongs=form.prolongs.data,
        )
        return _("Het einde van de opschorting is vastgelegd; de beslistermijn is bijgewerkt.")

    return _submit(case, "suspension_end", form, record, anchor="verzoeker")


@bp.post("/")
def record(reference: str):
    case = current_case(reference)
    form = DecisionForm()

    def record() -> str:
        sent = decision.record_decision(
            get_session(),
            current_actor(),
            case_id=case.id,
            decided_on=form.decided_on.data,
            announced_on=form.announced_on.data,
            today=clock.today(),
            upload_dir=_upload_dir(),
            override_reason=form.override_reason.data or "",
        )
        return _sent_message(_("Het besluit is vastgelegd."), sent, letter=case.decision_letter_sha256 is not None)

    return _submit(case, "decision", form, record, anchor="besluit")


@bp.post("/besluitbrief")
def letter(reference: str):
    case = current_case(reference)
    form = LetterForm()

    def record() -> str:
        upload = form.file.data
        if upload is None or not upload.filename:
            raise Invalid({"file": _("Kies de PDF van de ondertekende besluitbrief.")})
        sent = notices.upload_letter(
            get_session(),
            current_actor(),
            case_id=case.id,
            data=upload.read(),
            file_name=upload.filename,
            upload_dir=_upload_dir(),
            max_bytes=current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024,
            today=clock.today(),
        )
        return _sent_message(_("De besluitbrief is opgeslagen."), sent, letter=case.decision_date is not None)

    return _submit(case, "letter", form, record, anchor="besluit")


def _sent_message(done: str, sent: int, *, letter: bool) -> str:
    """What was recorded, and whether the notices went out or what they still wait for."""
    if letter:
        return done + " " + _("De berichten aan belanghebbenden zijn klaargezet (%(count)s e-mails).", count=sent)
    return (
        done
        + " "
        + _("De berichten aan belanghebbenden gaan uit zodra het besluit en de besluitbrief er allebei zijn.")
    )


@bp.post("/berichten/<int:stakeholder_id>/verzonden")
def posting(reference: str, stakeholder_id: int):
    case = current_case(reference)
    form = PostingForm()

    def record() -> str:
        notices.record_posting(
            get_session(),
            current_actor(),
            case_id=case.id,
            stakeholder_id=stakeholder_id,
            posted_on=form.posted_on.data,
            today=clock.today(),
        )
        return _("De verzenddatum is vastgelegd; de opschorting telt vanaf die dag.")

    return _submit(case, "posting", form, record, anchor="berichten")


@bp.get("/berichten/<int:stakeholder_id>/brief.pdf")
def printable_letter(reference: str, stakeholder_id: int):
    case = current_case(reference)
    body = notices.printable_letter(
        get_session(), current_actor(), case_id=case.id, stakeholder_id=stakeholder_id, today=clock.today()
    )
    return download(body, "application/pdf", f"besluit-{case.reference}-belanghebbende-{stakeholder_id}.pdf")


@bp.post("/belanghebbenden/<int:stakeholder_id>/geen-bezwaar-verwacht")
def no_objection_expected(reference: str, stakeholder_id: int):
    case = current_case(reference)
    form = ExpectationForm()
    if not form.validate_on_submit():
        return _render(case, status=400)
    notices.set_no_objection_expected(
        get_session(),
        current_actor(),
        case_id=case.id,
        stakeholder_id=stakeholder_id,
        expected=form.expected.data == "ja",
    )
    flash(_("Vastgelegd of bezwaar van deze belanghebbende te verwachten is."), "success")
    return redirect(url_for(".index", reference=case.reference, _anchor="openbaarmaking"))


def _submit(case: Case, name: str, form: FlaskForm, record: Callable[[], str], *, anchor: str):
    """For a valid form, ``record`` and flash what it says; else the page again with the form's errors."""
    status = 400
    if form.validate_on_submit():
        try:
            message = record()
        except ViewsPending as pending:  # beside the reason field, above the list of whom the decision waits for
            show_errors(form, Invalid(pending.errors))
            status = 409
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            flash(message, "success")
            return redirect(url_for(".index", reference=case.reference, _anchor=anchor))
    return _render(case, {name: form}, status)


@bp.post("/documenten/<int:document_id>/voorlopige-voorziening")
def provisional_measure(reference: str, document_id: int):
    case = current_case(reference)
    form = MeasureForm()
    if not form.validate_on_submit():
        return _render(case, status=400)
    decision.set_provisional_measure(
        get_session(), current_actor(), case_id=case.id, document_id=document_id, pending=form.pending.data == "ja"
    )
    flash(_("De voorlopige voorziening is bijgewerkt."), "success")
    return redirect(url_for(".index", reference=case.reference, _anchor="openbaarmaking"))
