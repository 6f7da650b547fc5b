"""Starting a consultation round: whom to invite, the term with its computed deadline, the extension policy.

The deadline preview is a fragment of the same page: htmx fetches it while the handler types; without
JavaScript the "Bereken" button posts the form and the page comes back with the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from sqlmodel import select
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.widgets import NumberInput

from zienswijze import clock
from zienswijze.db import Case, Organisation
from zienswijze.db.queries import stakeholders_of
from zienswijze.db.session import get_session
from zienswijze.domain.limits import TextCap
from zienswijze.flask_extensions import htmx
from zienswijze.services.cases import decision_deadline_of
from zienswijze.services.context import LinkSettings
from zienswijze.services.errors import Invalid
from zienswijze.services.rounds import RoundSettings, TermPreview, default_stakeholder_ids, preview_term, start_round
from zienswijze.web.forms import Capped, DayField, WholeNumberField, has_errors, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case

bp = Blueprint("rounds", __name__, url_prefix="/<reference>/rondes")

DAYS_MESSAGE = _l("Vul een aantal dagen in, bijvoorbeeld 14.")


class RoundForm(FlaskForm):
    term_days = WholeNumberField(_l("Termijn in dagen"), message=DAYS_MESSAGE, widget=NumberInput(min=1, max=365))
    deadline = DayField(_l("Of een vaste uiterste datum"))
    allow_extensions = BooleanField(_l("Belanghebbenden mogen om verlenging vragen"))
    max_extension_days = WholeNumberField(
        _l("Maximale verlenging in dagen"), message=DAYS_MESSAGE, widget=NumberInput(min=0, max=120)
    )
    auto_grant_extensions = BooleanField(_l("Verzoeken binnen dit maximum automatisch toekennen"))
    extension_reason = StringField(
        _l("Reden voor de mogelijkheid tot verlenging (optioneel)"), validators=[Capped(TextCap.NAME)]
    )
    verify_email = BooleanField(_l("Eerst het e-mailadres laten invullen waarop de uitnodiging kwam"))
    note = TextAreaField(_l("Persoonlijke toelichting (optioneel)"), validators=[Capped(TextCap.PASSAGE)])


@dataclass(frozen=True)
class Preview:
    """The deadline a round would get, or why it cannot be computed, beside the decision deadline."""

    term: TermPreview | None
    errors: list[str]
    decision_deadline: date

    @property
    def after_decision(self) -> bool:
        return self.term is not None and self.term.deadline > self.decision_deadline


@bp.route("/nieuw", methods=["GET", "POST"])
def new(reference: str):
    case = current_case(reference)
    if htmx and request.method == "GET":
        form = RoundForm(formdata=request.args, meta={"csrf": False})
        form.validate()  # a term that is no number or date: its message instead of a deadline
        return render_template("rounds/_term.html", preview=_preview(case, _term(form), form))
    session = get_session()
    organisation = session.exec(select(Organisation).where(Organisation.id == case.organisation_id)).one()
    form = RoundForm(data=_defaults(organisation))
    available = default_stakeholder_ids(session, case)
    chosen = request.form.getlist("stakeholder_ids") if form.is_submitted() else [str(i) for i in available]
    stakeholder_errors: list[str] = []
    if not form.validate_on_submit():
        settings = _term(form)
    else:
        settings = _settings(form, chosen)
        if request.form.get("actie") != "bereken" and not has_errors(form):
            try:
                round_ = start_round(
                    session,
                    current_actor(),
                    case_id=case.id,
                    settings=settings,
                    links=LinkSettings.from_config(current_app.config, clock.today()),
                )
            except Invalid as invalid:
                # The checkboxes are no form field: their message goes beside the group.
                stakeholder_errors = [m for f, m in invalid.errors.items() if f == "stakeholder_ids"]
                invalid.errors.pop("stakeholder_ids", None)
                show_errors(form, invalid)
            else:
                flash(_sent_message(round_.number, len(settings.stakeholder_ids or ())), "success")
                return redirect(url_for("cases.detail", reference=case.reference, _anchor="uitnodigingen"))
    failed = form.is_submitted() and (has_errors(form) or bool(stakeholder_errors))
    return render_template(
        "rounds/new.html",
        case=case,
        form=form,
        options=_options(stakeholders_of(session, case.id), set(available)),
        chosen=set(chosen),
        stakeholder_errors=stakeholder_errors,
        preview=_preview(case, settings, form),
    ), 400 if failed else 200


def _defaults(organisation: Organisation) -> dict:
    return {
        "term_days": organisation.default_term_weeks * 7,
        "allow_extensions": True,
        "max_extension_days": organisation.max_extension_days,
        "auto_grant_extensions": organisation.auto_grant_extensions,
    }


def _term(form: RoundForm) -> RoundSettings:
    return RoundSettings(term_days=form.term_days.data, deadline=form.deadline.data)


def _settings(form: RoundForm, chosen: list[str]) -> RoundSettings:
    max_days = form.max_extension_days.data
    allowed = form.allow_extensions.data
    return replace(
        _term(form),
        stakeholder_ids=[int(value) for value in chosen if value.isdigit()],
        allow_extensions=allowed,
        max_extension_days=max_days if allowed and max_days is not None else 0,
        auto_grant_extensions=form.auto_grant_extensions.data,
        verify_email=form.verify_email.data,
        note=form.note.data or "",
        extension_reason=form.extension_reason.data or "",
    )


def _preview(case: Case, settings: RoundSettings, form: RoundForm) -> Preview:
    """The deadline for the term as typed; a term that is no number or date gets its message instead."""
    decision_deadline = decision_deadline_of(case)
    typing_errors = list(dict.fromkeys([*form.term_days.errors, *form.deadline.errors]))
    if typing_errors:
        return Preview(None, typing_errors, decision_deadline)
    try:
        term = preview_term(get_session(), case=case, settings=settings, today=clock.today())
    except Invalid as invalid:
        return Preview(None, list(invalid.errors.values()), decision_deadline)
    return Preview(term, [], decision_deadline)


def _options(stakeholders, available: set[int]) -> list[tuple[int, str, str, bool]]:
    """Checkboxes for every stakeholder; who cannot be invited now says why and cannot be chosen."""
    options = []
    for view in stakeholders:
        stakeholder = view.stakeholder
        if not view.document_numbers:
            note = _("Geen documenten gekoppeld.")
        elif stakeholder.id not in available:
            note = _("Heeft al een lopende uitnodiging.")
        else:
            note = ngettext("%(num)d document", "%(num)d documenten", len(view.document_numbers))
        label = f"{stakeholder.name} ({stakeholder.code})"
        options.append((stakeholder.id, label, note, stakeholder.id not in available))
    return options


def _sent_message(number: int, invitations: int) -> str:
    return " ".join(
        [
            _("Ronde %(number)d is gestart.", number=number),
            ngettext(
                "%(num)d uitnodiging wordt verstuurd.",
                "%(num)d uitnodigingen worden verstuurd.",
                invitations,
            ),
            _("In het overzicht hieronder ziet u de e-mails afgeleverd worden."),
        ]
    )
