"""The audit chain heads migration: a trail written before it gets its head, verifies, and goes on."""

from datetime import UTC, date, datetime

from alembic import command
from sqlmodel import Session

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import AuditEvent, Case, Organisation, migrate
from zienswijze.services import audit
from zienswijze.services.audit import event_hash, verify_case
from zienswijze.services.context import Actor

BEFORE = "d2e5f8a1b3c7"  # the last revision before each chain's head was kept


def test_a_trail_written_before_the_heads_were_kept_verifies_after_the_upgrade_and_goes_on(tmp_path):
    engine = engine_migrated_to(tmp_path / "heads.db", BEFORE)
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        insert_into_older_schema(session, organisation)
        case = Case(organisation_id=organisation.id, reference="W-1", subject="S", received=date(2024, 6, 18))
        insert_into_older_schema(session, case)
        previous = ""
        for kind in ("case.created", "case.updated", "round.started"):
            event = AuditEvent(
                organisation_id=organisation.id,
                case_id=case.id,
                occurred_at=datetime(2024, 6, 18, 9, tzinfo=UTC),
                actor="system",
                kind=kind,
                previous_hash=previous,
            )
            event.hash = previous = event_hash(event)
            insert_into_older_schema(session, event)
        session.commit()
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    with Session(engine) as session:
        assert verify_case(session, case.id).intact and verify_case(session, case.id).recorded == 3
        audit.append(session, Actor.system("system"), "case.updated", organisation_id=organisation.id, case_id=case.id)
        session.commit()
        assert verify_case(session, case.id).intact and verify_case(session, case.id).recorded == 4
    engine.dispose()
