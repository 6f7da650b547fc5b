"""A Woo request (Woo-verzoek), its documents, proposed redactions (lakvoorstel) and ground catalogue."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from zienswijze.db.types import CaseRow, OrganisationRow, enum_type, primary_key, timestamp
from zienswijze.domain.cases import Assessment, CaseStatus
from zienswijze.domain.grounds import GroundKind


class Ground(OrganisationRow, table=True):
    """An exception ground or label of one organisation's catalogue (SPEC §6), seeded per body."""

    __tablename__ = "grounds"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    code: str = Field(max_length=40)
    label: str = Field(max_length=200)
    article: str = Field(default="", max_length=100)
    kind: GroundKind = Field(sa_type=enum_type(GroundKind))
    explanation: str = Field(default="", sa_type=sa.Text)


class Case(OrganisationRow, table=True):
    """A Woo request; the requester's identity never reaches a stakeholder."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("organisation_id", "reference"),)

    reference: str = Field(max_length=60)
    subject: str = Field(max_length=500)
    requester_name: str = Field(default="", max_length=200)
    requester_email: str | None = Field(default=None, max_length=320)
    received: date
    status: CaseStatus = Field(default=CaseStatus.IN_BEHANDELING, sa_type=enum_type(CaseStatus), index=True)
    # Woo art. 4.4 lid 2: the term may be postponed once, with a notice before the first term ends.
    postponed: bool = False
    postponement_notice_sent: date | None = None
    # Woo art. 4.4 lid 3-4: suspension while stakeholders are consulted.
    suspension_notice_sent: date | None = None
    suspension_ended: date | None = None
    suspension_end_notice_sent: date | None = None
    extension_prolongs_suspension: bool = True
    decision_deadline: date | None = Field(default=None, index=True)
    decision_date: date | None = None
    announced_date: date | None = None
    # The signed decision letter (a stored file's SHA-256), attached to every decision notice (Woo art. 4.4
    # lid 6); no foreign key, which SQLite could only add to this existing table by rebuilding it.
    decision_letter_sha256: str | None = Field(default=None, max_length=64)
    decision_letter_name: str | None = Field(default=None, max_length=300)
    # Why the decision was recorded while a stakeholder could still give a view; it goes into the paragraph.
    early_decision_reason: str | None = Field(default=None, sa_type=sa.Text)
    contact_name: str = Field(default="", max_length=200)
    contact_email: str | None = Field(default=None, max_length=320)
    contact_phone: str | None = Field(default=None, max_length=50)
    # When the retention period ended and the personal data were erased (services/retention.py); the
    # decision paragraph as it stood then, per form, is kept in ``retained_paragraphs`` for the archive.
    erased_at: datetime | None = timestamp(nullable=True)
    retained_paragraphs: dict[str, list[str]] | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()


class StoredFile(SQLModel, table=True):
    """A file kept content-addressed under the upload directory, named by its SHA-256."""

    __tablename__ = "stored_files"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    content_type: str = Field(max_length=100)
    page_count: int | None = None
    created_at: datetime = timestamp()


class Document(CaseRow, table=True):
    """One document of the inventory (inventarislijst), numbered as there."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    number: int
    title: str = Field(max_length=500)
    document_date: date | None = None
    assessment: Assessment = Field(default=Assessment.OPENBAAR, sa_type=enum_type(Assessment))
    ground_codes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    link: str | None = Field(default=None, max_length=1000)
    duplicate_of_number: int | None = None
    file_sha256: str | None = Field(default=None, foreign_key="stored_files.sha256", index=True)
    file_name: str | None = Field(default=None, max_length=300)
    # Woo art. 4.4 lid 5 / Awb 8:81: a pending provisional measure blocks disclosure.
    provisional_measure_pending: bool = False
    created_at: datetime = timestamp()


class ProposedRedaction(SQLModel, table=True):
    """One item of the proposed redactions (lakvoorstel): a passage on a page, with its ground."""

    __tablename__ = "proposed_redactions"

    id: int = primary_key()
    document_id: int = Field(foreign_key="documents.id", index=True)
    page: int
    passage: str = Field(sa_type=sa.Text)
    ground_id: int = Field(foreign_key="grounds.id", index=True)
    reason: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = timestamp()
