"""Stakeholders (derde-belanghebbenden) of a case, their contacts, and which documents concern them."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from zienswijze.db.types import CaseRow, enum_type, primary_key, timestamp
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.notices import NoticeChannel


class Stakeholder(CaseRow, table=True):
    """A company, person or public body whose interests the documents touch (Awb 4:8)."""

    __tablename__ = "stakeholders"
    __table_args__ = (UniqueConstraint("case_id", "code"),)

    code: str = Field(max_length=40)
    name: str = Field(max_length=300)
    kind: StakeholderKind = Field(sa_type=enum_type(StakeholderKind))
    # Woo art. 4.4 lid 5: the handler's record that this stakeholder, if they gave no view, will not object.
    no_objection_expected: bool = False
    created_at: datetime = timestamp()


class Contact(SQLModel, table=True):
    """An e-mail address an invitation for the stakeholder is sent to."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("stakeholder_id", "email"),)

    id: int = primary_key()
    stakeholder_id: int = Field(foreign_key="stakeholders.id", index=True)
    name: str = Field(default="", max_length=200)
    email: str = Field(max_length=320)
    created_at: datetime = timestamp()


class Concern(SQLModel, table=True):
    """A document that concerns a stakeholder: the only documents they are shown."""

    __tablename__ = "concerns"

    stakeholder_id: int = Field(foreign_key="stakeholders.id", primary_key=True)
    document_id: int = Field(foreign_key="documents.id", primary_key=True, index=True)


class DecisionNotice(CaseRow, table=True):
    """The decision as it went to one stakeholder (Woo art. 4.4 lid 6), and when it reached them."""

    __tablename__ = "decision_notices"
    __table_args__ = (UniqueConstraint("case_id", "stakeholder_id"),)

    stakeholder_id: int = Field(foreign_key="stakeholders.id")
    channel: NoticeChannel = Field(sa_type=enum_type(NoticeChannel))
    # The last day for objection the notice tells (Awb 6:7, 6:8); for post, set once it is posted.
    objection_end: date | None = None
    # The day an e-mail was accepted, or the posting date the handler recorded (Awb 3:41).
    reached_on: date | None = None
    # Every mail of the notice bounced: the hold stays until the handler posts it.
    bounced: bool = False
    created_at: datetime = timestamp()
