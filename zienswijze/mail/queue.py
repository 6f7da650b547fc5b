"""Queues e-mail in the outbox, in the caller's transaction; the scheduler's dispatcher sends it.

Mail never leaves from a request directly: written with the change it reports, it is sent once the
change is committed, retried on temporary failure and never lost (SPEC §8).

Templates are rendered through a ``Renderer`` that ``create_app`` sets up once with ``configure``,
so the use cases that queue mail need no web framework; the last application created wins, which is
the one a process serves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from typing import Any, Protocol, TypedDict, Unpack

from sqlmodel import Session, col, select

from zienswijze.db import Case, Contact, Invitation, OutboxAttachment, OutboxMessage, User
from zienswijze.domain.mail_delivery import WAITING_STATES, OutboxState


@dataclass(frozen=True)
class File:
    """A file a mail carries: kept with the message, so a retry sends the same bytes."""

    filename: str
    content_type: str
    data: bytes


class Renderer(Protocol):
    """Renders ``templates/<template>`` with ``context`` in ``locale``, or in the current language if None."""

    def __call__(self, template: str, context: Mapping[str, Any], *, locale: str | None) -> str: ...


@dataclass(frozen=True)
class _Setup:
    renderer: Renderer
    message_id_domain: str


_setup: _Setup | None = None


def configure(renderer: Renderer, *, sender: str) -> None:
    """Sets how mail is rendered and, from the sender's address, the domain of every Message-ID."""
    global _setup
    domain = parseaddr(sender)[1].rpartition("@")[2] or "zienswijze.local"
    _setup = _Setup(renderer, domain)


def _configured() -> _Setup:
    if _setup is None:
        raise RuntimeError("mail is not configured; create_app calls zienswijze.mail.queue.configure")
    return _setup


def render(template: str, context: Mapping[str, Any], *, locale: str | None = "nl") -> str:
    """One mail template (``email/<name>.txt`` or ``.html``); mail is Dutch unless told otherwise."""
    return _configured().renderer(template, context, locale=locale)


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
    decision_notice_id: int | None = None,
    attachments: Sequence[File] = (),
    locale: str = "nl",
) -> OutboxMessage:
    """One message from ``templates/email/<template>.txt`` and ``.html``, with a stable Message-ID."""
    message = OutboxMessage(
        organisation_id=organisation_id,
        case_id=case_id,
        invitation_id=invitation_id,
        decision_notice_id=decision_notice_id,
        kind=kind,
        message_id=make_msgid(domain=_configured().message_id_domain),
        to_address=to,
        subject=subject,
        body_text=render(f"email/{template}.txt", context, locale=locale),
        body_html=render(f"email/{template}.html", context, locale=locale),
    )
    session.add(message)
    if attachments:
        session.flush()
        session.add_all(
            OutboxAttachment(message_id=message.id, filename=f.filename, content_type=f.content_type, data=f.data)
            for f in attachments
        )
    return message


def handler_addresses(session: Session, case: Case) -> list[str]:
    """Where news for the handler goes: the case's contact address, or else every active handler."""
    if case.contact_email:
        return [case.contact_email]
    return list(
        session.exec(
            select(User.email)
            .where(User.organisation_id == case.organisation_id, col(User.is_active))
            .order_by(col(User.id))
        )
    )


def cancel_waiting(session: Session, *, invitation_id: int, kind: str, reason: str) -> int:
    """Withdraws the invitation's mails of this kind that have not gone out; returns how many."""
    waiting = session.exec(
        select(OutboxMessage).where(
            OutboxMessage.invitation_id == invitation_id,
            OutboxMessage.kind == kind,
            col(OutboxMessage.state).in_(WAITING_STATES),
        )
    ).all()
    for message in waiting:
        message.state, message.last_error = OutboxState.CANCELLED, reason
    return len(waiting)


class Mail(TypedDict):
    """What a message says, the same to every recipient: subject, template with its context, and kind."""

    subject: str
    template: str
    context: dict[str, Any]
    kind: str


def queue_to_stakeholder(session: Session, *, invitation: Invitation, case: Case, **mail: Unpack[Mail]) -> int:
    """One message per contact of the invitation's stakeholder; returns how many were queued."""
    contacts = session.exec(
        select(Contact.email).where(Contact.stakeholder_id == invitation.stakeholder_id).order_by(col(Contact.id))
    ).all()
    return _queue_each(session, contacts, case=case, invitation_id=invitation.id, **mail)


def queue_to_handlers(session: Session, *, case: Case, invitation_id: int | None = None, **mail: Unpack[Mail]) -> int:
    """One message to each address of ``handler_addresses``; returns how many were queued."""
    return _queue_each(session, handler_addresses(session, case), case=case, invitation_id=invitation_id, **mail)


def _queue_each(
    session: Session, recipients: Sequence[str], *, case: Case, invitation_id: int | None, **mail: Unpack[Mail]
) -> int:
    for recipient in recipients:
        queue_mail(
            session,
            organisation_id=case.organisation_id,
            to=recipient,
            case_id=case.id,
            invitation_id=invitation_id,
            **mail,
        )
    return len(recipients)
