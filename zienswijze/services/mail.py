"""Queues e-mail in the outbox, in the caller's transaction; the scheduler's dispatcher sends it.

Mail never leaves from a request directly: written with the change it reports, it is sent once the
change is committed, retried on temporary failure and never lost (SPEC §8).
"""

from __future__ import annotations

from email.utils import make_msgid, parseaddr
from typing import Any
from urllib.parse import quote

from flask import current_app, render_template
from flask_babel import force_locale
from sqlmodel import Session, select

from zienswijze.db import Case, Contact, Invitation, OutboxMessage, User
from zienswijze.domain.mail_delivery import WAITING_STATES, OutboxState


def queue_mail(
    session: Session,
    *,
    organisation_id: int,
    to: str,
    subject: str,
    template: str,
    context: dict[str, Any],
    kind: str,
    case_id: int | None = None,
    invitation_id: int | None = None,
    locale: str = "nl",
) -> OutboxMessage:
    """One message from ``templates/email/<template>.txt`` and ``.html``, with a stable Message-ID."""
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    domain = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2] or "zienswijze.local"
    message = OutboxMessage(
        organisation_id=organisation_id,
        case_id=case_id,
        invitation_id=invitation_id,
        kind=kind,
        message_id=make_msgid(domain=domain),
        to_address=to,
        subject=subject,
        body_text=text,
        body_html=html,
    )
    session.add(message)
    return message


def handler_addresses(session: Session, case: Case) -> list[str]:
    """Where news for the handler goes: the case's contact address, or else every active handler."""
    if case.contact_email:
        return [case.contact_email]
    return list(
        session.exec(
            select(User.email).where(User.organisation_id == case.organisation_id, User.is_active).order_by(User.id)
        )
    )


def cancel_waiting(session: Session, *, invitation_id: int, kind: str, reason: str) -> int:
    """Withdraws the invitation's mails of this kind that have not gone out; returns how many."""
    waiting = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.invitation_id == invitation_id,
            OutboxMessage.kind == kind,
            OutboxMessage.state.in_(WAITING_STATES),
        )
    ).all()
    for message in waiting:
        message.state, message.last_error = OutboxState.CANCELLED, reason
    return len(waiting)


def queue_to_stakeholder(
    session: Session,
    *,
    invitation: Invitation,
    case: Case,
    subject: str,
    template: str,
    context: dict[str, Any],
    kind: str,
) -> int:
    """One message per contact of the invitation's stakeholder; returns how many were queued."""
    contacts = session.exec(
        select(Contact).where(Contact.stakeholder_id == invitation.stakeholder_id).order_by(Contact.id)
    ).all()
    for contact in contacts:
        queue_mail(
            session,
            organisation_id=case.organisation_id,
            to=contact.email,
            subject=subject,
            template=template,
            context=context,
            kind=kind,
            case_id=case.id,
            invitation_id=invitation.id,
        )
    return len(contacts)


def queue_to_handlers(
    session: Session,
    *,
    case: Case,
    subject: str,
    template: str,
    context: dict[str, Any],
    kind: str,
    invitation_id: int | None = None,
) -> int:
    """One message to each address of ``handler_addresses``; returns how many were queued."""
    recipients = handler_addresses(session, case)
    for recipient in recipients:
        queue_mail(
            session,
            organisation_id=case.organisation_id,
            to=recipient,
            subject=subject,
            template=template,
            context=context,
            kind=kind,
            case_id=case.id,
            invitation_id=invitation_id,
        )
    return len(recipients)


def case_url(base_url: str, case: Case) -> str:
    """The handler's page of the case, for links in mails to handlers."""
    return f"{base_url}/zaken/{quote(case.reference, safe='')}"
