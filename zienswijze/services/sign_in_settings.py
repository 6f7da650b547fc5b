"""How an organisation's handlers sign in: its OpenID provider, and whether passwords still work."""

from __future__ import annotations

from sqlmodel import Session, select

from zienswijze.db import Organisation
from zienswijze.domain.openid_issuer import issuer_problem
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, require_text

_NO_PROVIDER = N_(
    "Inloggen met een wachtwoord kan pas uit als er een inlogdienst is ingesteld; anders kan niemand meer inloggen."
)
# The columns' lengths (db/accounts.py).
URL_MAX = SECRET_MAX = 500


def set_sign_in(
    session: Session,
    actor: Actor,
    *,
    issuer: str,
    client_id: str,
    client_secret: str,
    password_login: bool,
    configured: bool = False,
) -> Organisation:
    """Saves the provider (an empty issuer removes it; an empty secret keeps the stored one) and the switch.

    Password login can only be switched off while a provider is there, the organisation's own or, when
    ``configured``, the deployment's: otherwise nobody could sign in any more.
    """
    organisation = session.get_one(Organisation, actor.organisation, with_for_update=True)
    errors: dict[str, str] = {}
    issuer, client_id, client_secret = issuer.strip(), client_id.strip(), client_secret.strip()
    if issuer:
        problem = issuer_problem(issuer)
        if problem is not None:
            errors["issuer"] = problem
        elif len(issuer) > URL_MAX:
            errors["issuer"] = N_("Maak de issuer-URL korter: hoogstens %(max_length)s tekens.", max_length=URL_MAX)
        client_id = require_text(errors, "client_id", client_id, max_length=200, label=N_("de client-id"))
        if not client_secret and not organisation.oidc_client_secret:
            errors["client_secret"] = N_("Vul het client-secret in.")
        elif len(client_secret) > SECRET_MAX:
            errors["client_secret"] = N_("Dit client-secret is te lang.")
    if not password_login and not issuer and not configured:
        errors["password_login"] = _NO_PROVIDER
    if errors:
        raise Invalid(errors)
    secret_changed = bool(issuer and client_secret)
    if issuer:
        organisation.oidc_issuer, organisation.oidc_client_id = issuer, client_id
        organisation.oidc_client_secret = client_secret or organisation.oidc_client_secret
    else:
        organisation.oidc_issuer = organisation.oidc_client_id = organisation.oidc_client_secret = None
    organisation.password_login_enabled = password_login
    audit.record(
        session,
        actor,
        "organisation.sign_in",
        issuer=organisation.oidc_issuer,
        client_id=organisation.oidc_client_id,
        secret_changed=secret_changed,
        password_login=password_login,
    )
    session.commit()
    return organisation


def set_password_login(
    session: Session, *, organisation_name: str, enabled: bool, by: str, configured: bool = False
) -> Organisation:
    """The operator's switch (``flask password-login``): a way back in when the provider is gone or broken."""
    organisation = session.exec(
        select(Organisation).where(Organisation.name == " ".join(organisation_name.split())).with_for_update()
    ).first()
    if organisation is None:
        raise Invalid({"": N_("Er is geen organisatie met de naam %(name)s.", name=organisation_name)})
    if not enabled and not organisation.oidc_issuer and not configured:
        raise Invalid({"": _NO_PROVIDER})
    organisation.password_login_enabled = enabled
    audit.record(session, Actor.system(by, organisation.id), "organisation.password_login", enabled=enabled)
    session.commit()
    return organisation
