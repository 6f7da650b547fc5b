"""Erases a decided case's personal data once its organisation's retention period has ended.

What goes: the requester's name and address, the stakeholders' names (each becomes "Belanghebbende S1"),
their contacts' names and addresses, every free text of their views (explanations, passages, reasons,
contact persons), the attachments and their files, the reasons of extension requests, the handler's
notes and weighing texts, the mails about the case, and the details of the case's audit events. What
stays, as the archive must keep it: the case and its decision, the decision paragraph as it stood
(``Case.retained_paragraphs``), the documents and redactions, each weighing's outcome. The audit chain
holds on: each event keeps the digest of its erased details, and a ``retention.erased`` event records
which events were erased (services/audit.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, delete, select, update

from zienswijze.db import (
    Attachment,
    AuditEvent,
    Case,
    ConsultationRound,
    Contact,
    ExtensionRequest,
    Invitation,
    Organisation,
    OutboxAttachment,
    OutboxMessage,
    ReceivedBounce,
    ResponseItem,
    ResponseVersion,
    Stakeholder,
    StakeholderResponse,
    Weighing,
)
from zienswijze.domain import decision_paragraph
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.retention import erased_stakeholder_name, erasure_due_on, is_due
from zienswijze.files.store import remove_if_unreferenced
from zienswijze.services import audit, paragraph
from zienswijze.services.context import Actor

ACTOR = Actor.system("retention")
# Large cases are updated this many rows at a time: an IN list stays within every database's limits.
CHUNK = 1000


@dataclass(frozen=True)
class DueCase:
    case_id: int
    reference: str
    organisation: str
    decided_on: date
    due_on: date


def due_cases(session: Session, today: date) -> list[DueCase]:
    """Decided cases not yet erased whose organisation's retention period has ended by ``today``."""
    rows = session.exec(
        select(Case, Organisation.name, Organisation.retention_years)
        .join(Organisation, col(Case.organisation_id) == Organisation.id)
        .where(
            col(Case.erased_at).is_(None),
            col(Case.decision_date).is_not(None),
            col(Organisation.retention_years).is_not(None),
        )
        .order_by(col(Case.decision_date), col(Case.id))
    ).all()
    return [
        DueCase(case.id, case.reference, name, case.decision_date, erasure_due_on(case.decision_date, years))
        for case, name, years in rows
        if case.decision_date is not None and years is not None and is_due(case.decision_date, years, today)
    ]


def erase_due(session: Session, *, today: date, now: datetime, upload_dir: Path) -> list[DueCase]:
    """Erases every due case, each in its own transaction; the cases another process erased first are left out."""
    return [
        due for due in due_cases(session, today) if erase_case(session, due.case_id, now=now, upload_dir=upload_dir)
    ]


def erase_case(session: Session, case_id: int, *, now: datetime, upload_dir: Path) -> bool:
    """Erases the case's personal data and commits; False when it was erased already (by another scheduler)."""
    claimed = session.exec(
        update(Case)
        .where(col(Case.id) == case_id, col(Case.erased_at).is_(None), col(Case.decision_date).is_not(None))
        .values(erased_at=now)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return False
    session.expire_all()
    case = session.get_one(Case, case_id)
    case.retained_paragraphs = {
        form: paragraph.paragraphs(session, case, form)
        for form in (decision_paragraph.DETAILED, decision_paragraph.SHORT)
    }
    case.requester_name, case.requester_email = "", None
    stakeholders = session.exec(select(Stakeholder).where(Stakeholder.case_id == case_id)).all()
    for stakeholder in stakeholders:
        stakeholder.name = erased_stakeholder_name(stakeholder.code)
    stakeholder_ids = [s.id for s in stakeholders]
    contacts = session.exec(select(Contact).where(col(Contact.stakeholder_id).in_(stakeholder_ids))).all()
    for contact in contacts:
        contact.name, contact.email = "", f"verwijderd-{contact.id}@invalid"
    invitation_ids = list(
        session.exec(select(Invitation.id).join(ConsultationRound).where(ConsultationRound.case_id == case_id))
    )
    _erase_handler_texts(session, case_id, invitation_ids)
    version_ids = list(
        session.exec(
            select(ResponseVersion.id)
            .join(StakeholderResponse)
            .where(col(StakeholderResponse.invitation_id).in_(invitation_ids))
        )
    )
    files_removed, attachments = _erase_views(session, version_ids, upload_dir)
    _erase_mail(session, case_id, invitation_ids)
    erased_events = _erase_audit_details(session, case_id)
    audit.record(
        session,
        ACTOR,
        audit.ERASURE_KIND,
        case=case,
        erased_events=len(erased_events),
        erased_events_sha256=audit.erased_ids_digest(erased_events),
        stakeholders=len(stakeholders),
        contacts=len(contacts),
        attachments=attachments,
        files_removed=files_removed,
    )
    session.commit()
    return True


def _erase_handler_texts(session: Session, case_id: int, invitation_ids: list[int]) -> None:
    """The rounds' personal notes, the extension requests' reasons, the weighings of invitations without a view."""
    session.exec(update(ConsultationRound).where(col(ConsultationRound.case_id) == case_id).values(personal_note=""))
    for chunk in _chunks(invitation_ids):
        session.exec(update(Weighing).where(col(Weighing.invitation_id).in_(chunk)).values(interests="", motivation=""))
        session.exec(
            update(ExtensionRequest)
            .where(col(ExtensionRequest.invitation_id).in_(chunk))
            .values(reason="", decision_reason="")
        )


def _erase_views(session: Session, version_ids: list[int], upload_dir: Path) -> tuple[int, int]:
    """Every free text of the views, and their attachments; how many files and attachments went."""
    files: set[str] = set()
    attachments = 0
    for chunk in _chunks(version_ids):
        session.exec(
            update(ResponseVersion)
            .where(col(ResponseVersion.id).in_(chunk))
            .values(explanation="", contact_name="", contact_phone="")
        )
        item_ids = list(session.exec(select(ResponseItem.id).where(col(ResponseItem.version_id).in_(chunk))))
        session.exec(update(ResponseItem).where(col(ResponseItem.id).in_(item_ids)).values(passage="", reasons=""))
        session.exec(update(Weighing).where(col(Weighing.item_id).in_(item_ids)).values(interests="", motivation=""))
        files.update(session.exec(select(Attachment.file_sha256).where(col(Attachment.version_id).in_(chunk))))
        attachments += session.exec(delete(Attachment).where(col(Attachment.version_id).in_(chunk))).rowcount
    session.flush()
    removed = sum(remove_if_unreferenced(session, upload_dir=upload_dir, sha256=sha256) for sha256 in sorted(files))
    return removed, attachments


def _erase_mail(session: Session, case_id: int, invitation_ids: list[int]) -> None:
    """The mails about the case: their addresses and texts, their attached files; one not yet sent never goes."""
    message_ids = list(
        session.exec(
            select(OutboxMessage.id).where(
                (col(OutboxMessage.case_id) == case_id) | col(OutboxMessage.invitation_id).in_(invitation_ids)
            )
        )
    )
    unsent = (OutboxState.PENDING, OutboxState.RETRY, OutboxState.SENDING)
    for chunk in _chunks(message_ids):
        session.exec(delete(OutboxAttachment).where(col(OutboxAttachment.message_id).in_(chunk)))
        session.exec(
            update(ReceivedBounce).where(col(ReceivedBounce.outbox_message_id).in_(chunk)).values(diagnostic="")
        )
        session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(chunk), col(OutboxMessage.state).in_(unsent))
            .values(state=OutboxState.CANCELLED, lease_until=None)
        )
        session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(chunk))
            .values(to_address="verwijderd@invalid", subject="", body_text="", body_html=None, last_error="")
        )


def _erase_audit_details(session: Session, case_id: int) -> list[int]:
    """The details of the case's events, each event keeping the digest its hash covers; the ids erased."""
    erased = [
        event_id
        for event_id, details in session.exec(
            select(AuditEvent.id, AuditEvent.details).where(
                AuditEvent.case_id == case_id, col(AuditEvent.erased).is_(False)
            )
        )
        if details
    ]
    empty: dict[str, Any] = {}
    for chunk in _chunks(erased):
        session.exec(update(AuditEvent).where(col(AuditEvent.id).in_(chunk)).values(details=empty, erased=True))
    return erased


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
