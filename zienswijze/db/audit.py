"""The append-only audit trail, hash-chained per organisation so that tampering shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Index

from zienswijze.db.types import OrganisationRow, timestamp


class AuditEvent(OrganisationRow, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_case_id_id", "case_id", "id"),)

    case_id: int | None = Field(default=None, foreign_key="cases.id")
    invitation_id: int | None = Field(default=None, foreign_key="invitations.id", index=True)
    occurred_at: datetime = timestamp()
    # "user:<id>", "stakeholder", "scheduler" or "system".
    actor: str = Field(max_length=60)
    kind: str = Field(max_length=60)
    details: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    previous_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
