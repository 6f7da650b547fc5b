"""The outbox against a real SMTP server (aiosmtpd) told to accept, refuse, drop or hang: the server,
an application whose mail goes to it, and a stakeholder's invitation to send."""

from __future__ import annotations

import asyncio
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from email import message_from_bytes, policy

from sqlmodel import select

from tests.helpers import make_config
from tests.smtp import free_port, smtp_server
from zienswijze import clock, create_app
from zienswijze.db import AuditEvent, Case, ConsultationRound, Contact, Invitation, OutboxMessage, Stakeholder
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.consultation import InvitationState
from zienswijze.mail.dispatcher import OutboxPolicy, dispatch_due
from zienswijze.mail.queue import queue_mail
from zienswijze.mail.smtp import SmtpSettings
from zienswijze.services import delivery
from zienswijze.services.accounts import ensure_organisation

DEADLINE = date(2024, 7, 30)


class Server:
    """An SMTP server that replies as told: per recipient at RCPT, once at DATA, or drops or hangs."""

    def __init__(
        self, *, mail: str = "250 OK", rcpt: dict[str, str] | None = None, data: str = "250 OK", drop=False, hang=0.0
    ):
        self.mail, self.rcpt, self.data, self.drop, self.hang = mail, rcpt or {}, data, drop, hang
        self.received = []
        self.senders = []
        self.peers = set()
        self.on_data = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail.startswith("250"):
            envelope.mail_from = address
            self.senders.append(address)
        return self.mail

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.peers.add(session.peer)
        reply = self.rcpt.get(address, "250 OK")
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope):
        if self.on_data is not None:
            self.on_data(len(self.received))
        if self.drop:
            server.transport.close()
        if self.hang:
            await asyncio.sleep(self.hang)
        if self.data.startswith("250"):
            self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return self.data


def smtp_app(database_url, tmp_path, **environ):
    """The ``app`` fixture of the outbox tests (``yield from smtp_app(...)``): mail goes to 127.0.0.1,
    on a port where nothing listens until a test starts a server there; ``environ`` adds settings."""
    config = make_config(
        database_url, tmp_path, ZIENSWIJZE_SMTP_HOST="127.0.0.1", ZIENSWIJZE_SMTP_PORT=str(free_port()), **environ
    )
    config.MAIL_TIMEOUT_SECONDS = 1
    app = create_app(config)
    yield app
    app.extensions[ENGINE_KEY].dispose()


@contextmanager
def serving(app, server, **options):
    """``server`` answers on the application's mail port; ``options`` go to aiosmtpd's SMTP."""
    with smtp_server(server, **options) as controller:
        app.config["MAIL_PORT"] = controller.port
        yield server


def dispatch(app, *, now=None, **policy_changes):
    with app.app_context():
        return dispatch_due(
            new_session,
            now=now or clock.now(),
            smtp=SmtpSettings.from_config(app.config),
            policy=replace(OutboxPolicy.from_config(app.config), **policy_changes),
            on_results=delivery.recorder(app.config["BASE_URL"]),
            jitter=lambda: 0.5,
        )


def invite(session, *addresses: str, case_contact: str | None = "woo@gemeente.example.org") -> Invitation:
    """A concept invitation of one stakeholder with an invitation mail queued per address."""
    organisation = ensure_organisation(session, "Gemeente A")
    case = Case(
        organisation_id=organisation.id,
        reference="W-1",
        subject="Dashboard",
        received=date(2024, 4, 8),
        contact_email=case_contact,
    )
    session.add(case)
    session.flush()
    round_ = ConsultationRound(case_id=case.id, number=1, term_start=date(2024, 7, 16), term_days=14, deadline=DEADLINE)
    stakeholder = Stakeholder(case_id=case.id, code="S1", name="Analyse B.V.", kind=StakeholderKind.BEDRIJF)
    session.add_all([round_, stakeholder])
    session.flush()
    invitation = Invitation(
        round_id=round_.id, stakeholder_id=stakeholder.id, term_start=round_.term_start, term_days=14, deadline=DEADLINE
    )
    session.add(invitation)
    session.flush()
    for address in addresses or ("juridisch@analyse.example.com",):
        session.add(Contact(stakeholder_id=stakeholder.id, email=address))
        mail(session, to=address, kind="invitation", case=case, stakeholder=stakeholder, invitation=invitation)
    session.commit()
    return invitation


def mail(session, *, to: str, kind: str, case: Case, stakeholder: Stakeholder, invitation=None) -> OutboxMessage:
    organisation = ensure_organisation(session, "Gemeente A")
    return queue_mail(
        session,
        organisation_id=organisation.id,
        to=to,
        subject=f"Verzoek om uw zienswijze ({case.reference})",
        template="deadline_moved",
        context={
            "organisation": organisation,
            "case": case,
            "stakeholder": stakeholder,
            "deadline": "30 juli 2024",
            "explanation": [],
        },
        kind=kind,
        case_id=case.id,
        invitation_id=invitation.id if invitation else None,
    )


def read(session, query) -> list:
    """Fresh rows, with the read transaction ended so it holds nothing while the dispatcher runs."""
    session.expire_all()
    rows = list(session.exec(query))
    session.commit()
    return rows


def messages(session) -> list[OutboxMessage]:
    return read(session, select(OutboxMessage).order_by(OutboxMessage.id))


def events(session) -> list[AuditEvent]:
    return read(session, select(AuditEvent).order_by(AuditEvent.id))


def invitation_row(session, invitation: Invitation) -> Invitation:
    [row] = read(session, select(Invitation).where(Invitation.id == invitation.id))
    return row


def state_of(session, invitation: Invitation) -> InvitationState:
    return invitation_row(session, invitation).state
