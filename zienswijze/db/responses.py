"""Views (zienswijzen): a response per invitation, its versions, items, attachments and weighings."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from zienswijze.db.types import enum_type, primary_key, timestamp
from zienswijze.domain.responses import Channel, ItemKind, Position, VersionStatus, WeighingOutcome


class StakeholderResponse(SQLModel, table=True):
    """The view of one invitation; each draft and submission is a version, and all are kept."""

    __tablename__ = "responses"

    id: int = primary_key()
    invitation_id: int = Field(foreign_key="invitations.id", unique=True)
    channel: Channel = Field(default=Channel.ONLINE, sa_type=enum_type(Channel))
    # Awb 4:9: a view given orally or on paper is recorded by the handler on the stakeholder's behalf.
    recorded_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp()


class ResponseVersion(SQLModel, table=True):
    """A draft, or an immutable submission whose content hash goes into the audit trail."""

    __tablename__ = "response_versions"
    __table_args__ = (UniqueConstraint("response_id", "number"),)

    id: int = primary_key()
    response_id: int = Field(foreign_key="responses.id", index=True)
    number: int
    status: VersionStatus = Field(default=VersionStatus.CONCEPT, sa_type=enum_type(VersionStatus))
    position: Position | None = Field(default=None, sa_type=enum_type(Position), nullable=True)
    explanation: str = Field(default="", sa_type=sa.Text)
    contact_name: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=50)
    # Awb 2:14: the stakeholder agrees to receive the decision by e-mail.
    email_consent: bool = False
    content_sha256: str | None = Field(default=None, max_length=64)
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()
    submitted_at: datetime | None = timestamp(nullable=True)
    superseded_at: datetime | None = timestamp(nullable=True)


class ResponseItem(SQLModel, table=True):
    """Agreement or objection on a proposed redaction or document, or a request for an extra redaction."""

    __tablename__ = "response_items"

    id: int = primary_key()
    version_id: int = Field(foreign_key="response_versions.id", index=True)
    kind: ItemKind = Field(sa_type=enum_type(ItemKind))
    document_id: int = Field(foreign_key="documents.id", index=True)
    redaction_id: int | None = Field(default=None, foreign_key="proposed_redactions.id", index=True)
    page: int | None = None
    passage: str = Field(default="", sa_type=sa.Text)
    ground_id: int | None = Field(default=None, foreign_key="grounds.id")
    reasons: str = Field(default="", sa_type=sa.Text)


class Attachment(SQLModel, table=True):
    """A file a stakeholder added to a version of their view."""

    __tablename__ = "attachments"

    id: int = primary_key()
    version_id: int = Field(foreign_key="response_versions.id", index=True)
    file_sha256: str = Field(foreign_key="stored_files.sha256", index=True)
    filename: str = Field(max_length=300)
    uploaded_at: datetime = timestamp()


class Weighing(SQLModel, table=True):
    """The handler's weighing of interests (belangenafweging) for one objection or request.

    Exactly one of ``item_id`` (an objection or extra-redaction request) and ``invitation_id``
    (an invitation that got no response, weighed by the body itself) is set.
    """

    __tablename__ = "weighings"
    __table_args__ = (
        sa.CheckConstraint("(item_id IS NULL) <> (invitation_id IS NULL)", name="ck_weighings_one_subject"),
    )

    id: int = primary_key()
    item_id: int | None = Field(default=None, foreign_key="response_items.id", unique=True)
    invitation_id: int | None = Field(default=None, foreign_key="invitations.id", unique=True)
    ground_id: int | None = Field(default=None, foreign_key="grounds.id")
    interests: str = Field(default="", sa_type=sa.Text)
    outcome: WeighingOutcome | None = Field(default=None, sa_type=enum_type(WeighingOutcome), nullable=True)
    motivation: str = Field(default="", sa_type=sa.Text)
    weighed_by_id: int | None = Field(default=None, foreign_key="users.id")
    weighed_at: datetime | None = timestamp(nullable=True)


class WeighingPassage(SQLModel, table=True):
    """A passage the handler withholds when partly honouring an objection or extra-redaction request."""

    __tablename__ = "weighing_passages"

    id: int = primary_key()
    weighing_id: int = Field(foreign_key="weighings.id", index=True)
    page: int
    passage: str = Field(sa_type=sa.Text)
