"""What a report that came back later does: a hard bounce is a 5xx at sending, only later.

A hard bounce of a sent message fails it as bounced and goes through ``delivery.record_result``,
exactly as a permanent refusal at sending: the invitation becomes undeliverable when no other mail
with its link got through, the handler is mailed, and the case page shows the address; only the
audit event, ``mail.bounced``, says it came back later. A delay or an automatic reply changes
nothing; it is kept and logged. Each report is kept once per message, so the same report delivered
twice changes nothing more. Nothing here commits.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session, select

from zienswijze.db import OutboxMessage, ReceivedBounce
from zienswijze.domain.delivery_reports import DeliveryReport, ReportKind
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.mail.dispatcher import MAX_ERROR_LENGTH
from zienswijze.services import delivery

logger = logging.getLogger(__name__)
BOUNCED_EVENT_KIND = "mail.bounced"


def record_report(
    session: Session, outbox_id: int, report: DeliveryReport, *, now: datetime, base_url: str
) -> ReceivedBounce | None:
    """Keeps the report about outbox message ``outbox_id`` and applies a hard bounce; None when it was
    known already or names no message."""
    message = session.exec(select(OutboxMessage).where(OutboxMessage.id == outbox_id).with_for_update()).first()
    if message is None:
        logger.warning("bounce: a %s report names outbox message %d, which does not exist", report.kind, outbox_id)
        return None
    known = session.exec(
        select(ReceivedBounce.id).where(
            ReceivedBounce.outbox_message_id == message.id, ReceivedBounce.report_key == report.key
        )
    ).first()
    if known is not None:
        logger.info("bounce: report about outbox message %d received before; nothing changes", message.id)
        return None
    received = ReceivedBounce(
        organisation_id=message.organisation_id,
        outbox_message_id=message.id,
        report_key=report.key,
        kind=report.kind.value,
        status=report.status,
        diagnostic=report.diagnostic[:MAX_ERROR_LENGTH],
        received_at=now,
    )
    session.add(received)
    if report.kind is ReportKind.HARD and message.state is OutboxState.SENT:
        message.state, message.bounced = OutboxState.FAILED, True
        message.last_error = report.reason[:MAX_ERROR_LENGTH]
        delivery.record_result(session, message, now=now, base_url=base_url, event_kind=BOUNCED_EVENT_KIND)
    logger.info(
        "bounce: %s report (status %s) about outbox message %d, now %s",
        report.kind,
        report.status or "none",
        message.id,
        message.state,
    )
    return received
