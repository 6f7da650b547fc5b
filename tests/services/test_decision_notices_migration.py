"""The notices migration: a case decided before it keeps the disclosure dates its notices gave."""

from datetime import date

from alembic import command
from sqlmodel import Session, select

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import Case, DecisionNotice, Organisation, Stakeholder, migrate
from zienswijze.domain.cases import StakeholderKind

BEFORE = "7c2e1a3b8d56"  # the last revision before decision notices were recorded


def test_each_stakeholder_of_a_decided_case_gets_a_notice_that_reached_them_when_it_was_made_known(tmp_path):
    engine = engine_migrated_to(tmp_path / "notices.db", BEFORE)
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        insert_into_older_schema(session, organisation)
        ids = {}
        for reference, announced in (("W-1", date(2025, 12, 11)), ("W-2", None)):
            case = Case(
                organisation_id=organisation.id,
                reference=reference,
                subject="x",
                received=date(2025, 10, 1),
                announced_date=announced,
            )
            ids[reference] = insert_into_older_schema(session, case)
            insert_into_older_schema(
                session, Stakeholder(case_id=case.id, code="S1", name="S1", kind=StakeholderKind.BEDRIJF)
            )
        session.commit()
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    with Session(engine) as session:
        notices = session.exec(select(DecisionNotice)).all()
    engine.dispose()
    assert [(n.case_id, n.channel, n.reached_on, n.bounced) for n in notices] == [
        (ids["W-1"], "e-mail", date(2025, 12, 11), False)
    ]
