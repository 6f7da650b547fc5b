"""The migration that adds the weighing rows the weighing list used to make when it was first read."""

from datetime import date

import pytest
from alembic import command
from sqlmodel import Session, select

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import (
    Case,
    ConsultationRound,
    Document,
    Invitation,
    Organisation,
    ResponseItem,
    ResponseVersion,
    Stakeholder,
    StakeholderResponse,
    Weighing,
    migrate,
)
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.responses import ItemKind, VersionStatus

BEFORE_BACKFILL = "5d1e7a3c9b24"  # the models match this schema except for columns added later


@pytest.fixture
def engine(tmp_path):
    engine = engine_migrated_to(tmp_path / "backfill.db", BEFORE_BACKFILL)
    yield engine
    engine.dispose()


def _consultation(session: Session) -> dict[str, int]:
    """Two invitations without rows: one answered (a submission and a later draft), one not."""
    organisation = Organisation(name="Gemeente A")
    insert_into_older_schema(session, organisation)
    case = Case(organisation_id=organisation.id, reference="W-1", subject="x", received=date(2024, 4, 8))
    insert_into_older_schema(session, case)
    round_id = insert_into_older_schema(
        session,
        ConsultationRound(
            case_id=case.id, number=1, term_start=date(2024, 7, 16), term_days=14, deadline=date(2024, 7, 30)
        ),
    )
    document = Document(case_id=case.id, number=1, title="Document")
    stakeholders = [Stakeholder(case_id=case.id, code=c, name=c, kind=StakeholderKind.BEDRIJF) for c in ("S1", "S2")]
    for stakeholder in stakeholders:
        insert_into_older_schema(session, stakeholder)
    session.add(document)
    session.flush()
    answered, silent = (
        Invitation(
            round_id=round_id,
            stakeholder_id=s.id,
            term_start=date(2024, 7, 16),
            term_days=14,
            deadline=date(2024, 7, 30),
        )
        for s in stakeholders
    )
    session.add_all([answered, silent])
    session.flush()
    response = StakeholderResponse(invitation_id=answered.id)
    session.add(response)
    session.flush()
    submitted = ResponseVersion(response_id=response.id, number=1, status=VersionStatus.INGEDIEND)
    draft = ResponseVersion(response_id=response.id, number=2)
    insert_into_older_schema(session, submitted)
    insert_into_older_schema(session, draft)
    items = {
        kind: ResponseItem(version_id=submitted.id, kind=kind, document_id=document.id)
        for kind in (ItemKind.BEZWAAR, ItemKind.EXTRA_LAKKING, ItemKind.AKKOORD)
    }
    session.add_all(
        [*items.values(), ResponseItem(version_id=draft.id, kind=ItemKind.BEZWAAR, document_id=document.id)]
    )
    session.commit()
    return {
        "answered": answered.id,
        "silent": silent.id,
        "objection": items[ItemKind.BEZWAAR].id,
        "request": items[ItemKind.EXTRA_LAKKING].id,
    }


def test_every_invitation_and_weighed_item_of_a_submission_gets_one_row_and_rows_already_made_stay(engine):
    with Session(engine) as session:
        made = _consultation(session)
        session.add(Weighing(invitation_id=made["silent"], motivation="Al gewogen."))
        session.commit()
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    with Session(engine) as session:
        rows = session.exec(select(Weighing)).all()
    assert sorted((w.invitation_id, w.item_id) for w in rows if w.item_id is None) == [
        (made["answered"], None),
        (made["silent"], None),
    ]
    assert sorted(w.item_id for w in rows if w.item_id is not None) == sorted([made["objection"], made["request"]])
    assert [w.motivation for w in rows if w.invitation_id == made["silent"]] == ["Al gewogen."]
