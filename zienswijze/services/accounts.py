"""Organisations, handler accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import ApiToken, Ground, Organisation, User
from zienswijze.domain.grounds import NATIONAL_CATALOGUE
from zienswijze.domain.text import N_
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


@dataclass(frozen=True)
class Lockout:
    """How many failed logins within ``window`` lock an address, and for how long: however many workers or
    source addresses a guesser spreads over, one account's password can only be guessed this slowly."""

    failures: int = 5
    window: timedelta = timedelta(minutes=15)
    duration: timedelta = timedelta(minutes=15)


class AccountLocked(Exception):
    """Logins with this address are refused until ``until``, even with the right password."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


class PasswordLoginOff(Exception):
    """The right password, but the user's organisation lets its handlers sign in only through its provider."""


# Counts a failed login for an address without an account and says until when it is locked, if it now is;
# the adapter keeps these counts where all its workers see them, as the accounts' counts are in the database.
UnknownAddressFailures = Callable[[str, Lockout], datetime | None]


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
        # The body's copy is Dutch; English pages translate what the body keeps unchanged (grounds.in_english).
        session.add_all(
            Ground(
                organisation_id=organisation.id,
                code=entry.code,
                label=entry.label,
                article=entry.article,
                kind=entry.kind,
                explanation=entry.explanation,
            )
            for entry in NATIONAL_CATALOGUE
        )
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
    password_hash = _password_hash(password)
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise AccountError(f"a user with e-mail {email} already exists")
    organisation = ensure_organisation(session, organisation_name)
    user = User(
        organisation_id=organisation.id,
        email=email,
        display_name=display_name.strip() or email.split("@")[0],
        password_hash=password_hash,
        is_admin=is_admin,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session,
    *,
    email: str,
    password: str,
    lockout: Lockout = Lockout(),
    unknown_address_failures: UnknownAddressFailures | None = None,
) -> User | None:
    """The active user with these credentials, or None; upgrades the hash when parameters changed.

    Raises ``PasswordLoginOff`` for the right password of a user whose organisation switched password
    login off: only then, so the answer tells a guesser nothing.

    Raises ``AccountLocked`` once too many logins with the address failed, for an address without an
    account too (when ``unknown_address_failures`` counts them), so the lockout does not tell a guesser
    which addresses have one.
    """
    address = email.strip().lower()
    now = clock.now()
    user = session.exec(select(User).where(User.email == address).with_for_update()).first()
    if user is None or not user.is_active:
        _verify(_DUMMY_HASH, password)
        until = unknown_address_failures(address, lockout) if unknown_address_failures else None
        if until is not None:
            raise AccountLocked(until)
        return None
    locked = user.locked_until is not None and user.locked_until > now
    if not _verify(user.password_hash, password) or locked:
        if not locked:
            _count_failure(session, user, lockout, now)
        session.commit()
        if user.locked_until is not None and user.locked_until > now:
            raise AccountLocked(user.locked_until)
        return None
    organisation = session.get(Organisation, user.organisation_id)
    if organisation is not None and not organisation.password_login_enabled:
        session.commit()
        raise PasswordLoginOff(organisation.name)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins, user.failed_logins_since, user.locked_until = 0, None, None
    user.last_login_at = now
    session.commit()
    return user


def _count_failure(session: Session, user: User, lockout: Lockout, now: datetime) -> None:
    if user.failed_logins_since is None or now - user.failed_logins_since >= lockout.window:
        user.failed_logins, user.failed_logins_since = 0, now
    user.failed_logins += 1
    if user.failed_logins >= lockout.failures:
        user.failed_logins, user.failed_logins_since, user.locked_until = 0, None, now + lockout.duration
        audit.record(
            session,
            Actor.system("login", user.organisation_id),
            "account.locked",
            user_id=user.id,
            failures=lockout.failures,
            until=user.locked_until,
        )


def password_login_anywhere(session: Session) -> bool:
    """Whether the password form is of use: not once every organisation switched it off."""
    switches = session.exec(select(Organisation.password_login_enabled).distinct()).all()
    return not switches or any(switches)


def end_sessions(session: Session, user_id: int) -> None:
    """Ends every session of the user, on every device: a copied session cookie stops working too."""
    user = session.get(User, user_id)
    if user is not None:
        user.session_version += 1
        session.commit()


def change_password(session: Session, *, email: str, password: str, by: str) -> User:
    """A new password, which also ends every session of the user and lifts a lockout; ``by`` names who set it
    in the audit trail."""
    user = _user_by_email(session, email)
    user.password_hash = _password_hash(password)
    user.session_version += 1
    user.failed_logins, user.failed_logins_since, user.locked_until = 0, None, None
    audit.record(session, Actor.system(by, user.organisation_id), "account.password_changed", user_id=user.id)
    session.commit()
    return user


def issue_api_token(session: Session, *, email: str, name: str = "") -> str:
    """A new bearer token for the user; only its hash is stored, so it is shown once."""
    user = _user_by_email(session, email)
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=_sha256(token), prefix=token[:10]))
    session.commit()
    return token


def revoke_api_token(session: Session, *, token: str, by: str) -> ApiToken:
    """Ends a token at once, named by itself or by the prefix ``create-api-token`` printed; a stolen
    token is revoked without waiting for anything else. A prefix two tokens share names neither."""
    query = select(ApiToken).where(col(ApiToken.revoked_at).is_(None))
    matches = session.exec(
        query.where(ApiToken.token_hash == _sha256(token)) if len(token) > 12 else query.where(ApiToken.prefix == token)
    ).all()
    if len(matches) != 1:
        raise AccountError(f"no single active API token matches {token[:12]!r}")
    api_token = matches[0]
    api_token.revoked_at = clock.now()
    user = session.get(User, api_token.user_id)
    organisation_id = user.organisation_id if user is not None else None
    audit.record(
        session,
        Actor.system(by, organisation_id),
        "api_token.revoked",
        user_id=api_token.user_id,
        prefix=api_token.prefix,
    )
    session.commit()
    return api_token


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


def _user_by_email(session: Session, email: str) -> User:
    user = session.exec(select(User).where(User.email == normalize_email(email))).first()
    if user is None:
        raise AccountError(f"there is no user with e-mail {email}")
    return user


def _password_hash(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    return _hasher.hash(password)


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
    text = require_text(errors, "address", address, max_length=500, label=N_("het adres voor bezwaarschriften"))
    if errors:
        raise Invalid(errors)
    organisation = session.exec(select(Organisation).where(Organisation.id == actor.organisation_id)).one()
    organisation.objection_address = text
    audit.record(session, actor, "organisation.objection_address", address=text)
    session.commit()
    return organisation
