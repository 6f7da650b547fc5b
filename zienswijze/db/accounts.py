"""Organisations (bodies), their handlers and API tokens, and their own settings."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from zienswijze.db.types import OrganisationRow, primary_key, timestamp


class Organisation(SQLModel, table=True):
    """A public body (bestuursorgaan) using the service; every record hangs from one."""

    __tablename__ = "organisations"

    id: int = primary_key()
    name: str = Field(max_length=200, unique=True)
    contact_email: str | None = Field(default=None, max_length=320)
    contact_phone: str | None = Field(default=None, max_length=50)
    default_term_weeks: int = 2
    # Working days before a stakeholder deadline on which a reminder goes out (SPEC §5).
    reminder_working_days: list[int] = Field(default_factory=lambda: [3], sa_type=sa.JSON)
    auto_grant_extensions: bool = False
    max_extension_days: int = 14
    # "vóór" the day after the deadline, or "uiterlijk op" the deadline, in the decision paragraph.
    deadline_wording: str = Field(default="voor", max_length=20)
    # Where objections go (Awb 6:4), named in the rechtsmiddelenclausule of every decision notice.
    objection_address: str = Field(default="", sa_type=sa.Text)
    # The body's own OpenID Connect provider for handler sign-in (see services/openid_connect.py); the
    # secret is never shown again once saved. Password login can be switched off once a provider is set.
    oidc_issuer: str | None = Field(default=None, max_length=500)
    oidc_client_id: str | None = Field(default=None, max_length=200)
    oidc_client_secret: str | None = Field(default=None, max_length=500)
    password_login_enabled: bool = True
    # Retention (AVG art. 5 lid 1 onder e): years after the decision that a case's personal data are kept,
    # following the body's selection list; None keeps them until a retention period is set.
    retention_years: int | None = None
    # Named in the privacy statement: the data protection officer's contact, and who receives the data.
    privacy_officer: str = Field(default="", sa_type=sa.Text)
    privacy_recipients: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = timestamp()


class ClosedDay(OrganisationRow, table=True):
    """A day the body's office is closed; used for stakeholder deadlines, never for statutory terms."""

    __tablename__ = "closed_days"
    __table_args__ = (UniqueConstraint("organisation_id", "day"),)

    day: date
    description: str = Field(default="", max_length=200)


class User(OrganisationRow, table=True):
    """A case handler (behandelaar): an account of exactly one organisation."""

    __tablename__ = "users"
    __table_args__ = (sa.Index("ix_users_oidc_identity", "oidc_issuer", "oidc_subject", unique=True),)

    email: str = Field(max_length=320, unique=True)
    display_name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=200)
    is_active: bool = True
    is_admin: bool = False
    created_at: datetime = timestamp()
    last_login_at: datetime | None = timestamp(nullable=True)
    # Failed logins since ``failed_logins_since``; enough of them within the window lock the account until
    # ``locked_until``. Kept here, not in a worker's memory, so every worker counts the same guesses.
    failed_logins: int = 0
    failed_logins_since: datetime | None = timestamp(nullable=True)
    locked_until: datetime | None = timestamp(nullable=True)
    # Stored in each login's session and checked on every request: raising it ends every session of the user.
    session_version: int = 0
    # Who the organisation's OpenID provider says this is (its ``iss`` and ``sub``): a user signed in
    # that way is found by these, not by an e-mail address that may change or be reused.
    oidc_issuer: str | None = Field(default=None, max_length=500)
    oidc_subject: str | None = Field(default=None, max_length=255)


class ApiToken(SQLModel, table=True):
    """A bearer token for the case system (zaaksysteem); only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: int = primary_key()
    user_id: int = Field(foreign_key="users.id", index=True)
    name: str = Field(default="", max_length=200)
    token_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=12)
    created_at: datetime = timestamp()
    last_used_at: datetime | None = timestamp(nullable=True)
    revoked_at: datetime | None = timestamp(nullable=True)
