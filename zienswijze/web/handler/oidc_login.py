"""Sign-in through the organisation's OpenID provider: the two legs of the authorization code flow.

The first leg is a plain link (a form's redirect to another site would break the ``form-action`` policy);
the second checks the reply against the pending login that only this browser's session holds, so the
reply cannot be replayed or fed to another browser. The ID token and access token are not kept.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, redirect, request, url_for
from flask import session as cookie_session
from flask_babel import gettext as _
from flask_login import current_user, login_user

from zienswijze import clock
from zienswijze.db import Organisation
from zienswijze.db.session import get_session
from zienswijze.flask_extensions import limiter
from zienswijze.services.oidc_accounts import sign_in
from zienswijze.services.openid_connect import PendingLogin, SignInRefused, begin, finish, provider_of
from zienswijze.web.handler.auth import SESSION_VERSION, Handler, LoginForm, render_login, safe_next
from zienswijze.web.i18n import translated

bp = Blueprint("oidc", __name__, url_prefix="/inloggen/oidc")
logger = logging.getLogger(__name__)
PENDING_LOGIN = "oidc_login"


@bp.get("/<int:organisation_id>")
@limiter.limit("30 per minute")
def start(organisation_id: int):
    """Sends the handler to their organisation's provider, with a fresh state, nonce and code challenge."""
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    provider = provider_of(get_session(), organisation_id, current_app.config["OIDC_PROVIDER"])
    if provider is None:
        return _refused(_("Deze organisatie logt niet in via een inlogdienst."), 404)
    try:
        url, pending = begin(
            provider, redirect_uri=_redirect_uri(), now=clock.now(), next_path=safe_next(request.args.get("next"))
        )
    except SignInRefused as refused:
        logger.warning("sign-in for organisation %d not started: %s", organisation_id, refused)
        return _refused(str(translated(refused.message)), 502)
    cookie_session[PENDING_LOGIN] = pending.to_dict()
    return redirect(url)


@bp.get("/terug")
@limiter.limit("30 per minute")
def callback():
    """Where the provider sends the handler back; only the pending login of this browser is finished."""
    pending = PendingLogin.from_dict(cookie_session.pop(PENDING_LOGIN, None))
    session = get_session()
    provider = provider_of(session, pending.organisation_id, current_app.config["OIDC_PROVIDER"]) if pending else None
    if pending is None or provider is None:
        return _refused(_("Het inloggen is verlopen of niet afgerond. Begin opnieuw."), 400)
    try:
        claims = finish(provider, pending, redirect_uri=_redirect_uri(), reply=request.args, now=clock.now())
        user = sign_in(session, provider, claims, now=clock.now())
    except SignInRefused as refused:
        session.rollback()
        logger.warning("sign-in for organisation %d refused: %s", provider.organisation_id, refused)
        return _refused(str(translated(refused.message)), 403)
    login_user(Handler.of(user, session.get_one(Organisation, user.organisation_id)))
    cookie_session[SESSION_VERSION] = user.session_version
    return redirect(pending.next)


def _redirect_uri() -> str:
    """Registered at the provider as the client's redirect URI: the service's public address, not the Host."""
    return f"{current_app.config['BASE_URL']}{url_for('oidc.callback')}"


def _refused(message: str, status: int):
    return render_login(LoginForm(), message, status)
