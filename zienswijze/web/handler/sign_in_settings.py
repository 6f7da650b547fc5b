"""The administrators' page for how the organisation's handlers sign in: its OpenID provider and passwords."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import Length

from zienswijze.db import Organisation
from zienswijze.db.session import get_session
from zienswijze.services.errors import Invalid
from zienswijze.services.sign_in_settings import SECRET_MAX, URL_MAX, set_sign_in
from zienswijze.web.forms import show_errors
from zienswijze.web.handler.admin import require_admin
from zienswijze.web.handler.auth import current_actor

bp = Blueprint("sign_in_settings", __name__, url_prefix="/beheer")
bp.before_request(require_admin)


class SignInForm(FlaskForm):
    issuer = StringField(_l("Issuer-URL van de inlogdienst"), validators=[Length(max=URL_MAX)])
    client_id = StringField(_l("Client-id"), validators=[Length(max=200)])
    # Never filled in: the stored secret is not shown again, an empty field keeps it.
    client_secret = PasswordField(_l("Client-secret"), validators=[Length(max=SECRET_MAX)])
    password_login = BooleanField(_l("Behandelaars mogen ook inloggen met e-mailadres en wachtwoord"))


@bp.route("/inloggen", methods=["GET", "POST"])
def sign_in():
    session = get_session()
    organisation = session.get_one(Organisation, current_user.organisation_id)
    form = SignInForm(
        data={
            "issuer": organisation.oidc_issuer or "",
            "client_id": organisation.oidc_client_id or "",
            "password_login": organisation.password_login_enabled,
        }
    )
    if form.validate_on_submit():
        try:
            set_sign_in(
                session,
                current_actor(),
                issuer=form.issuer.data or "",
                client_id=form.client_id.data or "",
                client_secret=form.client_secret.data or "",
                password_login=form.password_login.data,
                configured=current_app.config["OIDC_PROVIDER"] is not None,
            )
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            flash(_("De instellingen voor inloggen zijn opgeslagen."), "success")
            return redirect(url_for("sign_in_settings.sign_in"))
    return render_template(
        "admin/sign_in.html",
        form=form,
        has_secret=bool(organisation.oidc_client_secret),
        redirect_uri=f"{current_app.config['BASE_URL']}{url_for('oidc.callback')}",
    ), (400 if form.errors else 200)
