"""Pages for an organisation's administrators: closed days for stakeholder deadlines, the objection address."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired

from zienswijze.db import Organisation
from zienswijze.db.session import get_session
from zienswijze.domain.dates import parse_date
from zienswijze.domain.limits import TextCap
from zienswijze.services.accounts import set_objection_address
from zienswijze.services.closed_days import ClosedDayError, add_closed_day, closed_days_of, remove_closed_day
from zienswijze.services.errors import Invalid
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.i18n import translated

bp = Blueprint("admin", __name__, url_prefix="/beheer")


class ClosedDayForm(FlaskForm):
    day = DateField(_l("Datum"), validators=[DataRequired(_l("Vul een geldige datum in."))])
    description = StringField(_l("Omschrijving"), validators=[Capped(TextCap.NAME)])


class RemoveClosedDayForm(FlaskForm):
    day = HiddenField(validators=[DataRequired()])


class ObjectionAddressForm(FlaskForm):
    address = TextAreaField(_l("Naam en postadres voor bezwaarschriften"), validators=[Capped(TextCap.LINE)])


@bp.before_request
@login_required
def require_admin() -> None:
    """Every page under /beheer is for the organisation's administrators only."""
    if not current_user.is_admin:
        abort(403)


@bp.route("/sluitingsdagen", methods=["GET", "POST"])
def closed_days():
    session = get_session()
    form = ClosedDayForm()
    status = 200
    if form.validate_on_submit():
        try:
            moved = add_closed_day(session, current_actor(), day=form.day.data, description=form.description.data or "")
        except ClosedDayError as error:
            form.day.errors.append(error.errors[""])
        else:
            flash(_moved_message(_("Sluitingsdag toegevoegd."), moved), "success")
            return redirect(url_for("admin.closed_days"))
    if form.errors:
        status = 400
    days = closed_days_of(session, current_user.organisation_id)
    return render_template("admin/closed_days.html", form=form, days=days, remove_form=RemoveClosedDayForm()), status


@bp.post("/sluitingsdagen/verwijderen")
def remove_closed_day_view():
    form = RemoveClosedDayForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        day = parse_date(form.day.data)
    except ValueError:
        abort(400)
    try:
        moved = remove_closed_day(get_session(), current_actor(), day=day)
    except ClosedDayError as error:
        flash(str(translated(error.errors[""])), "error")
    else:
        flash(_moved_message(_("Sluitingsdag verwijderd."), moved), "success")
    return redirect(url_for("admin.closed_days"))


@bp.route("/bezwaaradres", methods=["GET", "POST"])
def objection_address():
    """The address every decision notice names for objections (Awb 6:4, 6:5)."""
    session = get_session()
    organisation = session.get(Organisation, current_user.organisation_id)
    form = ObjectionAddressForm(data={"address": organisation.objection_address if organisation else ""})
    if form.validate_on_submit():
        try:
            set_objection_address(session, current_actor(), address=form.address.data or "")
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            flash(_("Het adres voor bezwaarschriften is opgeslagen."), "success")
            return redirect(url_for("admin.objection_address"))
    return render_template("admin/objection_address.html", form=form), 400 if form.errors else 200


def _moved_message(done: str, moved: list) -> str:
    if not moved:
        return done
    told = sum(m.stakeholder_told for m in moved)
    return " ".join(
        [
            done,
            ngettext(
                "%(num)d lopende termijn is herberekend.", "%(num)d lopende termijnen zijn herberekend.", len(moved)
            ),
            ngettext(
                "%(num)d belanghebbende krijgt hierover een e-mail.",
                "%(num)d belanghebbenden krijgen hierover een e-mail.",
                told,
            )
            if told
            else "",
        ]
    ).strip()
