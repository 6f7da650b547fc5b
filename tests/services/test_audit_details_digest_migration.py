"""The migration that makes the audit hash cover a digest of each event's details: a trail that held before
holds after and goes on; a trail that was broken before stays broken."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command
from sqlmodel import Session

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import AuditChainHead, AuditEvent, Case, Organisation, migrate
from zienswijze.services import audit
from zienswijze.services.audit import verify_case
from zienswijze.services.context import Actor

BEFORE = "f4a7b1c2d3e5"  # the last revision whose hash covered the details themselves


def _old_hash(event: AuditEvent) -> str:
    fields = {
        "organisation_id": event.organisation_id,
        "case_id": event.case_id,
        "invitation_id": event.invitation_id,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor,
        "kind": event.kind,
        "details": event.details,
        "previous_hash": event.previous_hash,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


def _trail(tmp_path, *, tamper: bool) -> tuple[sa.Engine, int]:
    """Three events of a case written under the old hash, with their head; the second changed afterwards."""
    engine = engine_migrated_to(tmp_path / "trail.db", BEFORE)
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        insert_into_older_schema(session, organisation)
        case = Case(organisation_id=organisation.id, reference="W-1", subject="S", received=date(2024, 6, 18))
        insert_into_older_schema(session, case)
        previous = ""
        for kind, details in (
            ("case.created", {}),
            ("stakeholder.added", {"name": "J. Jansen"}),
            ("round.started", {}),
        ):
            event = AuditEvent(
                organisation_id=organisation.id,
                case_id=case.id,
                occurred_at=datetime(2024, 6, 18, 9, tzinfo=UTC),
                actor="user:1",
                kind=kind,
                details=details,
                previous_hash=previous,
            )
            event.hash = previous = _old_hash(event)
            insert_into_older_schema(session, event)
        session.add(AuditChainHead(chain=f"case:{case.id}", head_hash=previous, events=3))
        if tamper:
            session.execute(
                sa.text("UPDATE audit_events SET details = :details WHERE kind = 'stakeholder.added'"),
                {"details": json.dumps({"name": "Iemand anders"})},
            )
        session.commit()
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    return engine, case.id


def test_a_trail_that_held_under_the_old_hash_holds_after_the_upgrade_and_goes_on(tmp_path):
    engine, case_id = _trail(tmp_path, tamper=False)
    with Session(engine) as session:
        assert verify_case(session, case_id).intact
        audit.append(session, Actor.system("system"), "case.updated", organisation_id=1, case_id=case_id)
        session.commit()
        assert verify_case(session, case_id).intact and verify_case(session, case_id).recorded == 4
    engine.dispose()


def test_a_trail_that_was_broken_before_the_upgrade_stays_broken(tmp_path):
    engine, case_id = _trail(tmp_path, tamper=True)
    with Session(engine) as session:
        assert not verify_case(session, case_id).intact
    engine.dispose()
