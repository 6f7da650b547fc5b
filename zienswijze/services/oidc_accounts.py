"""The handler account an OpenID provider's verified claims sign in to, within that provider's organisation.

A user is found by the provider's ``iss`` and ``sub``; the first time, by the verified e-mail address within
the organisation (an account made with ``create-user`` is linked, so its cases and admin right stay), and
otherwise made. An address or subject that belongs to another organisation never signs in here: one
organisation's provider cannot open another's cases.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from zienswijze.db import User
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.accounts import AccountError, normalize_email
from zienswijze.services.context import Actor
from zienswijze.services.openid_connect import Provider, SignInRefused

# Not an argon2 hash, so no password ever verifies against it: the account signs in through its provider.
NO_PASSWORD = "!openid-connect"


def sign_in(session: Session, provider: Provider, claims: dict[str, Any], *, now: datetime) -> User:
    """The active user for these claims, linked or made if need be, and committed."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefused(_NO_ACCOUNT, "the ID token has no sub")
    user = session.exec(
        select(User).where(User.oidc_issuer == provider.issuer, User.oidc_subject == subject).with_for_update()
    ).first()
    if user is None:
        user = _by_email(session, provider, claims, subject)
    if user.organisation_id != provider.organisation_id:
        raise SignInRefused(_OTHER_ORGANISATION, f"user {user.id} belongs to organisation {user.organisation_id}")
    if not user.is_active:
        raise SignInRefused(_NO_ACCOUNT, f"user {user.id} is not active")
    user.last_login_at = now
    user.failed_logins, user.failed_logins_since, user.locked_until = 0, None, None
    session.commit()
    return user


def _by_email(session: Session, provider: Provider, claims: dict[str, Any], subject: str) -> User:
    if claims.get("email_verified") is False or not isinstance(claims.get("email"), str):
        raise SignInRefused(_NO_ACCOUNT, "no verified e-mail address in the claims")
    try:
        email = normalize_email(claims["email"])
    except AccountError:
        raise SignInRefused(_NO_ACCOUNT, "the e-mail claim is not an address") from None
    actor = Actor.system("openid-connect", provider.organisation_id)
    user = session.exec(select(User).where(User.email == email).with_for_update()).first()
    if user is None:
        name = claims.get("name") if isinstance(claims.get("name"), str) else ""
        user = User(
            organisation_id=provider.organisation_id,
            email=email,
            display_name=(name or "").strip()[:200] or email.split("@")[0],
            password_hash=NO_PASSWORD,
        )
        session.add(user)
        session.flush()
        audit.record(session, actor, "account.created", user_id=user.id, issuer=provider.issuer)
    elif user.organisation_id != provider.organisation_id:
        raise SignInRefused(_OTHER_ORGANISATION, f"{email} is an account of organisation {user.organisation_id}")
    elif user.oidc_issuer == provider.issuer and user.oidc_subject is not None:
        # The provider named this address for another person before: the address was reused.
        raise SignInRefused(_NO_ACCOUNT, f"user {user.id} is linked to another subject")
    user.oidc_issuer, user.oidc_subject = provider.issuer, subject
    audit.record(session, actor, "account.linked", user_id=user.id, issuer=provider.issuer)
    return user


_NO_ACCOUNT = N_(
    "De inlogdienst heeft u herkend, maar er is geen account voor u in deze dienst. Neem contact op met uw beheerder."
)
_OTHER_ORGANISATION = N_("Uw account hoort bij een andere organisatie. Log in via de inlogdienst van die organisatie.")
