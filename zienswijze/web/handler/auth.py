"""Handler login and logout; every handler page needs a logged-in user of one organisation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from flask import session as cookie_session
from flask_babel import format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from zienswijze.db import Organisation, User
from zienswijze.db.session import get_session
from zienswijze.flask_extensions import limiter, login_manager
from zienswijze.services.accounts import (
    AccountLocked,
    Lockout,
    PasswordLoginOff,
    authenticate,
    end_sessions,
    password_login_anywhere,
)
from zienswijze.services.context import Actor
from zienswijze.services.openid_connect import providers

bp = Blueprint("auth", __name__)
# The user's session version at login, kept in the signed session cookie; a session whose version is no longer
# the user's (they logged out, or their password changed) is not honoured, even if its cookie was copied.
SESSION_VERSION = "session_version"


def current_actor() -> Actor:
    """The logged-in handler, as every use case their pages call is told who acts."""
    return Actor.user(current_user.organisation_id, current_user.id)


@dataclass(frozen=True)
class Handler(UserMixin):
    """The logged-in case handler (behandelaar), with the organisation every query is scoped to."""

    id: int
    organisation_id: int
    organisation_name: str
    email: str
    display_name: str
    is_admin: bool

    def get_id(self) -> str:
        return str(self.id)

    @classmethod
    def of(cls, user: User, organisation: Organisation) -> Handler:
        return cls(user.id, organisation.id, organisation.name, user.email, user.display_name, user.is_admin)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")), Length(max=320)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(_l("Vul uw wachtwoord in.")), Length(max=500)])


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in om deze pagina te bekijken.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.register_blueprint(bp)


@login_manager.user_loader
def _load_handler(user_id: str) -> Handler | None:
    if not user_id.isdigit():
        return None
    session = get_session()
    user = session.get(User, int(user_id))
    organisation = session.get(Organisation, user.organisation_id) if user is not None else None
    if user is None or not user.is_active or organisation is None:
        return None
    if cookie_session.get(SESSION_VERSION) != user.session_version:
        return None
    return Handler.of(user, organisation)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        session = get_session()
        try:
            user = authenticate(
                session,
                email=form.email.data,
                password=form.password.data,
                lockout=_lockout(),
                unknown_address_failures=_count_unknown_address_failure,
            )
        except PasswordLoginOff as off:
            error = _(
                "%(organisation)s laat inloggen alleen toe via de eigen inlogdienst: gebruik de knop „Inloggen via "
                "%(organisation)s”.",
                organisation=str(off),
            )
        except AccountLocked as locked:
            error = _(
                "Er is te vaak een verkeerd wachtwoord ingevuld voor dit e-mailadres. Inloggen met dit "
                "e-mailadres is tijdelijk geblokkeerd; probeer het om %(time)s opnieuw.",
                time=format_time(locked.until, "HH:mm"),
            )
        else:
            if user is not None:
                login_user(Handler.of(user, session.get(Organisation, user.organisation_id)))
                cookie_session[SESSION_VERSION] = user.session_version
                return redirect(safe_next(request.args.get("next")))
            error = _("Het e-mailadres of het wachtwoord klopt niet.")
    return render_login(form, error, 400 if request.method == "POST" else 200)


def render_login(form: LoginForm, error: str | None, status: int):
    """The login page: a button per organisation that signs in through its own provider, and the password
    form unless no organisation allows passwords any more."""
    session = get_session()
    return render_template(
        "auth/login.html",
        form=form,
        error=error,
        providers=providers(session, current_app.config["OIDC_PROVIDER"]),
        password_login=password_login_anywhere(session),
    ), status


@bp.post("/uitloggen")
@login_required
def logout():
    end_sessions(get_session(), current_user.id)
    logout_user()
    cookie_session.pop(SESSION_VERSION, None)
    flash(_("U bent uitgelogd."), "success")
    return redirect(url_for("auth.login"))


def _lockout() -> Lockout:
    config = current_app.config
    return Lockout(
        failures=config["LOGIN_LOCKOUT_FAILURES"],
        window=timedelta(seconds=config["LOGIN_LOCKOUT_WINDOW_SECONDS"]),
        duration=timedelta(seconds=config["LOGIN_LOCKOUT_SECONDS"]),
    )


def _count_unknown_address_failure(address: str, lockout: Lockout) -> datetime | None:
    """Failures for an address without an account count in the rate-limit store, which the workers share as
    they share the database, so such an address locks just like an account's and gives nothing away."""
    storage = limiter.storage
    key = f"{current_app.config.get('RATELIMIT_KEY_PREFIX', '')}/login/{hashlib.sha256(address.encode()).hexdigest()}"
    locked = f"{key}/locked"
    if not storage.get(locked):
        if storage.incr(f"{key}/failures", int(lockout.window.total_seconds())) < lockout.failures:
            return None
        storage.incr(locked, int(lockout.duration.total_seconds()))
    return datetime.fromtimestamp(storage.get_expiry(locked), UTC)


def safe_next(target: str | None) -> str:
    """Only a path on this site, so the login form cannot be used to send people elsewhere."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("cases.index")
