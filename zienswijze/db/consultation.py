"""Consultation rounds, invitations, reminders and extension requests (SPEC §3-§5)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from zienswijze.db.types import CaseRow, TextList, enum_type, primary_key, timestamp
from zienswijze.domain.consultation import ExtensionStatus, InvitationState


class ConsultationRound(CaseRow, table=True):
    """One sending of invitations in a case, with its term and extension policy."""

    __tablename__ = "consultation_rounds"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    number: int
    # The term runs from the day after term_start for term_days days (Atw); an explicit date is
    # stored as term_start = that date and term_days = 0, so closed days can move it later too.
    term_start: date
    term_days: int
    deadline: date
    deadline_explanation: list[str] = Field(default_factory=list, sa_type=TextList)
    allow_extensions: bool = True
    max_extension_days: int = 14
    auto_grant_extensions: bool = False
    # Why extensions are possible, as the decision paragraph writes it ("de vakantie"); "" gives none.
    extension_reason: str = Field(default="", sa_type=sa.Text)
    verify_email: bool = False
    personal_note: str = Field(default="", sa_type=sa.Text)
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp()
    sent_at: datetime | None = timestamp(nullable=True)
    completed_at: datetime | None = timestamp(nullable=True)


class Invitation(SQLModel, table=True):
    """One stakeholder in one round: its own deadline, its state, the hash of its link's nonce."""

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("round_id", "stakeholder_id"),
        Index("ix_invitations_state_deadline", "state", "deadline"),
    )

    id: int = primary_key()
    round_id: int = Field(foreign_key="consultation_rounds.id", index=True)
    stakeholder_id: int = Field(foreign_key="stakeholders.id", index=True)
    state: InvitationState = Field(default=InvitationState.CONCEPT, sa_type=enum_type(InvitationState))
    # Its own term, as on the round: a granted extension replaces it with the granted date.
    term_start: date
    term_days: int
    deadline: date
    # How the deadline was computed (Atw steps, Dutch), stored with it by services.deadlines.set_deadline;
    # NULL for invitations from before it was stored, whose steps are computed from the term instead.
    deadline_explanation: list[str] | None = Field(default=None, sa_type=TextList)
    # The latest deadline a stakeholder was told; a deadline never moves earlier once mailed.
    mailed_deadline: date | None = None
    nonce_hash: str | None = Field(default=None, max_length=64, unique=True)
    token_issued_at: datetime | None = timestamp(nullable=True)
    first_opened_at: datetime | None = timestamp(nullable=True)
    last_opened_at: datetime | None = timestamp(nullable=True)
    submitted_at: datetime | None = timestamp(nullable=True)
    closed_at: datetime | None = timestamp(nullable=True)
    created_at: datetime = timestamp()


class Reminder(SQLModel, table=True):
    """A reminder due on a day; the unique key is what makes "never twice" hold across processes."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("invitation_id", "due_on"),)

    id: int = primary_key()
    invitation_id: int = Field(foreign_key="invitations.id", index=True)
    due_on: date
    sent_at: datetime | None = timestamp(nullable=True)


class ExtensionRequest(SQLModel, table=True):
    """A stakeholder's request for a later deadline (verlenging), and what was decided."""

    __tablename__ = "extension_requests"

    id: int = primary_key()
    invitation_id: int = Field(foreign_key="invitations.id", index=True)
    requested_until: date
    reason: str = Field(default="", sa_type=sa.Text)
    status: ExtensionStatus = Field(default=ExtensionStatus.AANGEVRAAGD, sa_type=enum_type(ExtensionStatus))
    decided_by_id: int | None = Field(default=None, foreign_key="users.id")
    decided_automatically: bool = False
    decided_at: datetime | None = timestamp(nullable=True)
    decision_reason: str = Field(default="", sa_type=sa.Text)
    resulting_deadline: date | None = None
    created_at: datetime = timestamp()
