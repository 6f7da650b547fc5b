"""PostgreSQL-only: recording a batch of results, which holds many locks in one transaction, takes them
in the order a request does (an invitation before its case), so the two never deadlock."""

from __future__ import annotations

import os
import threading
import time
from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import AuditEvent, ConsultationRound, Invitation, OutboxMessage, Stakeholder
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.services import audit, delivery
from zienswijze.services.context import Actor

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)


def sent_invitation_mails(engine, organisation_id: int, case_id: int) -> tuple[list[int], list[int]]:
    """Two stakeholders' invitations of the case, each with an invitation mail just sent: (invitation ids,
    message ids)."""
    with Session(engine) as session:
        round_ = ConsultationRound(
            case_id=case_id, number=1, term_start=date(2024, 7, 16), term_days=14, deadline=date(2024, 7, 30)
        )
        session.add(round_)
        session.flush()
        invitations, messages = [], []
        for code in ("S1", "S2"):
            stakeholder = Stakeholder(case_id=case_id, code=code, name=code, kind=StakeholderKind.BEDRIJF)
            session.add(stakeholder)
            session.flush()
            invitation = Invitation(
                round_id=round_.id,
                stakeholder_id=stakeholder.id,
                term_start=round_.term_start,
                term_days=14,
                deadline=round_.deadline,
            )
            session.add(invitation)
            session.flush()
            message = OutboxMessage(
                organisation_id=organisation_id,
                case_id=case_id,
                invitation_id=invitation.id,
                kind=delivery.INVITATION_KIND,
                message_id=f"<{code}@zienswijze.test>",
                to_address=f"{code.lower()}@example.com",
                subject="Verzoek om uw zienswijze",
                body_text="Tekst",
                state=OutboxState.SENT,
                attempts=1,
            )
            session.add(message)
            session.flush()
            invitations.append(invitation.id)
            messages.append(message.id)
        session.commit()
        return invitations, messages


def waiting_for_a_lock(engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one() > 0


def test_recording_a_batch_never_deadlocks_with_a_request_that_locks_an_invitation_and_then_its_case(engine, case_ids):
    organisation_id, case_id = case_ids
    invitations, messages = sent_invitation_mails(engine, organisation_id, case_id)
    failures: list[BaseException] = []

    def record_the_batch() -> None:
        try:
            with Session(engine) as session:
                rows = session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(messages))).all()
                results = [(row, clock.now()) for row in sorted(rows, key=lambda row: row.id)]
                delivery.record_results(session, results, base_url="http://zienswijze.test")
                session.commit()
        except BaseException as error:  # handed to the test's thread
            failures.append(error)

    with Session(engine) as request:
        request.exec(select(Invitation).where(Invitation.id == invitations[1]).with_for_update()).one()
        recorder = threading.Thread(target=record_the_batch)
        recorder.start()
        limit = time.monotonic() + 10
        while not waiting_for_a_lock(engine) and time.monotonic() < limit:
            time.sleep(0.02)
        assert waiting_for_a_lock(engine), "the recording did not wait for the invitation the request holds"
        audit.append(
            request, Actor.system("system:test"), "test.request", organisation_id=organisation_id, case_id=case_id
        )
        request.commit()
    recorder.join(timeout=30)
    assert not recorder.is_alive() and failures == []
    with Session(engine) as session:
        kinds = session.exec(select(AuditEvent.kind).where(AuditEvent.case_id == case_id)).all()
    assert sorted(kinds) == ["mail.sent", "mail.sent", "test.request"]
