"""The append-only audit trail, hash-chained per organisation so that tampering shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Index, SQLModel

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
    # The hash covers this digest of ``details``, not the details themselves, so that the personal data in
    # them can be erased once the retention period ends (``erased``) and the chain still verifies.
    details_sha256: str = Field(default="", max_length=64)
    erased: bool = False
    previous_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class AuditChainHead(SQLModel, table=True):
    """The end of one chain (``case:<id>``, or ``organisation:<id>`` for events without a case): its last
    hash and how many events it holds. Without it, deleting the last events of a chain would leave a
    shorter chain that still verifies."""

    __tablename__ = "audit_chain_heads"

    chain: str = Field(primary_key=True, max_length=40)
    head_hash: str = Field(default="", max_length=64)
    events: int = 0
