"""Organisations, handler accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import asdict
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import ApiToken, Ground, Organisation, User
from zienswijze.domain.grounds import NATIONAL_CATALOGUE
from zienswijze.services import audit
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, require_text

MIN_PASSWORD_LENGTH = 12
API_TOKEN_PREFIX = "zw_"

_hasher = PasswordHasher()
# Verifying against a dummy hash when the e-mail is unknown keeps the timing of both failures alike.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(Invalid):
    """A request about accounts that cannot be carried out, with the reason."""


def normalize_email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise AccountError(f"{raw!r} is not a valid e-mail address: {error}") from None


def ensure_organisation(session: Session, name: str) -> Organisation:
    """The organisation of that name, created with its own copy of the ground catalogue if new."""
    name = " ".join(name.split())
    if not name:
        raise AccountError("an organisation needs a name")
    organisation = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if organisation is None:
        organisation = Organisation(name=name)
        session.add(organisation)
        session.flush()
        # A catalogue entry has exactly the fields of a ground row, so it is copied whole.
        session.add_all(Ground(organisation_id=organisation.id, **asdict(entry)) for entry in NATIONAL_CATALOGUE)
    return organisation


def register_user(session: Session, **account: Any) -> User:
    """The use case: ``add_user`` with the same keyword arguments, committed."""
    user = add_user(session, **account)
    session.commit()
    return user


def add_user(
    session: Session,
    *,
    email: str,
    organisation_name: str,
    password: str,
    display_name: str = "",
    is_admin: bool = False,
) -> User:
    """A new handler account in the session, for a use case that commits it with more work."""
    email = normalize_email(email)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise AccountError(f"a user with e-mail {email} already exists")
    organisation = ensure_organisation(session, organisation_name)
    user = User(
        organisation_id=organisation.id,
        email=email,
        display_name=display_name.strip() or email.split("@")[0],
        password_hash=_hasher.hash(password),
        is_admin=is_admin,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades the hash when parameters changed."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None or not user.is_active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = clock.now()
    session.commit()
    return user


def issue_api_token(session: Session, *, email: str, name: str = "") -> str:
    """A new bearer token for the user; only its hash is stored, so it is shown once."""
    user = session.exec(select(User).where(User.email == normalize_email(email))).first()
    if user is None:
        raise AccountError(f"there is no user with e-mail {email}")
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=_sha256(token), prefix=token[:10]))
    session.commit()
    return token


def user_for_api_token(session: Session, token: str) -> User | None:
    api_token = session.exec(
        select(ApiToken).where(ApiToken.token_hash == _sha256(token), col(ApiToken.revoked_at).is_(None))
    ).first()
    if api_token is None:
        return None
    user = session.get(User, api_token.user_id)
    if user is None or not user.is_active:
        return None
    api_token.last_used_at = clock.now()
    session.commit()
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def set_objection_address(session: Session, actor: Actor, *, address: str) -> Organisation:
    """Where objections go (Awb 6:4): named in every decision notice's rechtsmiddelenclausule."""
    errors: dict[str, str] = {}
    text = require_text(errors, "address", address, max_length=500, label="het adres voor bezwaarschriften")
    if errors:
        raise Invalid(errors)
    organisation = session.exec(select(Organisation).where(Organisation.id == actor.organisation_id)).one()
    organisation.objection_address = text
    audit.record(session, actor, "organisation.objection_address", address=text)
    session.commit()
    return organisation
