"""The administrators' privacy page: the retention period, the privacy statement's settings, what is due."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Optional

from zienswijze import clock
from zienswijze.db import Organisation
from zienswijze.db.session import get_session
from zienswijze.domain.limits import TextCap
from zienswijze.services.errors import Invalid
from zienswijze.services.privacy import erased_count, set_privacy
from zienswijze.services.retention import due_cases
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.admin import require_admin
from zienswijze.web.handler.auth import current_actor

bp = Blueprint("privacy_settings", __name__, url_prefix="/beheer")
bp.before_request(require_admin)


class PrivacyForm(FlaskForm):
    retention_years = IntegerField(
        _l("Bewaartermijn in jaren na het besluit"),
        validators=[Optional()],
        render_kw={"inputmode": "numeric"},
    )
    officer = TextAreaField(
        _l("Functionaris gegevensbescherming (naam en contact)"), validators=[Capped(TextCap.SENTENCE)]
    )
    recipients = TextAreaField(_l("Ontvangers van de persoonsgegevens"), validators=[Capped(TextCap.SENTENCE)])


@bp.route("/privacy", methods=["GET", "POST"])
def privacy():
    session = get_session()
    organisation = session.get_one(Organisation, current_user.organisation_id)
    form = PrivacyForm(
        data={
            "retention_years": organisation.retention_years,
            "officer": organisation.privacy_officer,
            "recipients": organisation.privacy_recipients,
        }
    )
    if form.validate_on_submit():
        try:
            set_privacy(
                session,
                current_actor(),
                retention_years=form.retention_years.data,
                officer=form.officer.data or "",
                recipients=form.recipients.data or "",
            )
        except Invalid as invalid:
            show_errors(form, invalid, {"officer": "officer", "recipients": "recipients"})
        else:
            flash(_("De privacy-instellingen zijn opgeslagen."), "success")
            return redirect(url_for("privacy_settings.privacy"))
    due = [case for case in due_cases(session, clock.today()) if case.organisation == organisation.name]
    return render_template(
        "admin/privacy.html",
        form=form,
        organisation=organisation,
        due=due,
        erased=erased_count(session, organisation.id),
    ), (400 if form.errors else 200)
