"""The database: SQLModel tables, engine and session. Importing it registers every table."""

from zienswijze.db.accounts import ApiToken, ClosedDay, Organisation, User
from zienswijze.db.audit import AuditChainHead, AuditEvent
from zienswijze.db.cases import Case, Document, Ground, ProposedRedaction, StoredFile
from zienswijze.db.consultation import ConsultationRound, ExtensionRequest, Invitation, Reminder
from zienswijze.db.outbox import JobRun, OutboxAttachment, OutboxMessage, ReceivedBounce, SchedulerHeartbeat
from zienswijze.db.responses import (
    Attachment,
    ResponseItem,
    ResponseVersion,
    StakeholderResponse,
    Weighing,
    WeighingPassage,
)
from zienswijze.db.stakeholders import Concern, Contact, DecisionNotice, Stakeholder

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainHead",
    "AuditEvent",
    "Case",
    "ClosedDay",
    "Concern",
    "ConsultationRound",
    "Contact",
    "DecisionNotice",
    "Document",
    "ExtensionRequest",
    "Ground",
    "Invitation",
    "JobRun",
    "Organisation",
    "OutboxAttachment",
    "OutboxMessage",
    "ProposedRedaction",
    "ReceivedBounce",
    "Reminder",
    "ResponseItem",
    "ResponseVersion",
    "SchedulerHeartbeat",
    "Stakeholder",
    "StakeholderResponse",
    "StoredFile",
    "User",
    "Weighing",
    "WeighingPassage",
]
