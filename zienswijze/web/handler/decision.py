"""The decision page: the requester's notices, the decision's dates, disclosure per document, the paragraph."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice as C  # type: ignore[attr-defined]  # types-wtforms 3.2 predates it
from wtforms.widgets import DateInput

from zienswijze import clock
from zienswijze.db import Case
from zienswijze.db.session import get_session
from zienswijze.domain.decision_paragraph import DETAILED, SHORT
from zienswijze.services import decision, paragraph, requester_notices
from zienswijze.services.decision_gate import ViewsPending
from zienswijze.services.errors import Invalid
from zienswijze.web.forms import show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.handler.exports import download

bp = Blueprint("decision", __name__, url_prefix="/<reference>/besluit")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class SuspensionForm(FlaskForm):
    sent_on = StringField(_l("Datum waarop de verzoeker is bericht"), widget=DateInput())


class SuspensionEndForm(FlaskForm):
    ended_on = StringField(_l("Laatste dag van de opschorting"), widget=DateInput())
    notice_sent_on = StringField(_l("Datum waarop de verzoeker de nieuwe beslistermijn is bericht"), widget=DateInput())
    prolongs = BooleanField(_l("Een verleende verlenging verlengt de opschorting"))


class DecisionForm(FlaskForm):
    decided_on = StringField(_l("Datum van het besluit"), widget=DateInput())
    announced_on = StringField(_l("Datum van bekendmaking"), widget=DateInput())
    override_reason = TextAreaField(_l("Reden om nu al te besluiten"))


class MeasureForm(FlaskForm):
    pending = HiddenField()


# The paragraph's two forms as the page's address names them; detailed unless chosen otherwise.
PARAGRAPH_FORMS = {"uitgebreid": DETAILED, "kort": SHORT}


class ParagraphChoice(FlaskForm):
    """Which form of the paragraph to show and download; read from the address, so no CSRF token."""

    class Meta:
        csrf = False

    vorm = RadioField(
        _l("Vorm van de paragraaf"),
        choices=[
            C("uitgebreid", _l("Uitgebreid: met de aantallen en per belanghebbende hoe de zienswijze is gewogen")),
            C("kort", _l("Kort: drie zinnen, zoals in een standaardbesluit")),
        ],
        default="uitgebreid",
    )


def _paragraph_choice() -> ParagraphChoice:
    """The chosen form; an unknown one is a bad request, never a silent default."""
    choice = ParagraphChoice(formdata=request.args)
    if not choice.validate():
        abort(400)
    return choice


def _render(case, forms: dict | None = None, status: int = 200):
    session = get_session()
    forms = forms or {}
    suggested = requester_notices.suggested_end(session, case)
    defaults = {
        "suspension": SuspensionForm(data={"sent_on": (case.suspension_notice_sent or clock.today()).isoformat()}),
        "suspension_end": SuspensionEndForm(
            data={
                "ended_on": (case.suspension_ended or suggested or clock.today()).isoformat(),
                "notice_sent_on": (case.suspension_end_notice_sent or clock.today()).isoformat(),
                "prolongs": case.extension_prolongs_suspension,
            }
        ),
        "decision": DecisionForm(
            data={"decided_on": clock.today().isoformat(), "announced_on": clock.today().isoformat()}
        ),
    }
    choice = _paragraph_choice()
    return render_template(
        "decision/index.html",
        case=case,
        overview=decision.overview(session, case, clock.today()),
        forms={**defaults, **forms},
        paragraph_choice=choice,
        paragraph_text=paragraph.text(session, case, PARAGRAPH_FORMS[choice.vorm.data]),
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
            override_reason=form.override_reason.data or "",
        )
        return _("Het besluit is vastgelegd; %(count)s berichten aan belanghebbenden staan klaar.", count=sent)

    return _submit(case, "decision", form, record, anchor="besluit")


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


@bp.get("/zienswijze-derde-belanghebbenden.txt")
def paragraph_text(reference: str):
    case = current_case(reference)
    body = paragraph.text(get_session(), case, PARAGRAPH_FORMS[_paragraph_choice().vorm.data]).encode()
    return download(body, "text/plain; charset=utf-8", paragraph.filename(case, "txt", clock.today()))


@bp.get("/zienswijze-derde-belanghebbenden.docx")
def paragraph_docx(reference: str):
    case = current_case(reference)
    body = paragraph.docx(get_session(), case, PARAGRAPH_FORMS[_paragraph_choice().vorm.data])
    return download(body, DOCX, paragraph.filename(case, "docx", clock.today()))
