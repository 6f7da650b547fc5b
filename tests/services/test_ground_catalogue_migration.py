"""The migration that brings each organisation's copy of the ground catalogue in line with the Woo."""

from datetime import date

import pytest
from alembic import command
from sqlmodel import Session, select

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import Case, Document, Ground, Organisation, ProposedRedaction, migrate
from zienswijze.domain.grounds import GroundKind

BEFORE = "8a4f2c6e1d37"  # the last revision before the catalogue was corrected
OLD_5_2_1 = ("5.2.1", "Persoonlijke beleidsopvattingen in intern beraad")


@pytest.fixture
def engine(tmp_path):
    engine = engine_migrated_to(tmp_path / "grounds.db", BEFORE)
    yield engine
    engine.dispose()


def _organisation(session: Session, name: str, grounds: list[tuple[str, str]]) -> int:
    organisation = Organisation(name=name)
    insert_into_older_schema(session, organisation)
    session.add_all(
        Ground(organisation_id=organisation.id, code=code, label=label, kind=GroundKind.RELATIEF)
        for code, label in grounds
    )
    session.flush()
    return organisation.id


def _upgrade(engine) -> dict[int, dict[str, str]]:
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    with Session(engine) as session:
        catalogue: dict[int, dict[str, str]] = {}
        for ground in session.exec(select(Ground)):
            catalogue.setdefault(ground.organisation_id, {})[ground.code] = ground.label
    return catalogue


def test_old_default_labels_take_the_woos_words_and_labels_an_organisation_wrote_stay(engine):
    with Session(engine) as session:
        organisation = _organisation(
            session,
            "Gemeente A",
            [("5.1.2b", "Economische of financiële belangen van de Staat"), ("5.1.2i", "Ons eigen label")],
        )
        session.commit()
    labels = _upgrade(engine)[organisation]
    assert labels["5.1.2b"] == (
        "Economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen"
    )
    assert labels["5.1.2i"] == "Ons eigen label"


def test_every_organisation_gets_the_ground_of_woo_article_5_4_once(engine):
    with Session(engine) as session:
        plain = _organisation(session, "Gemeente A", [("5.2", "Persoonlijke beleidsopvattingen")])
        own = _organisation(session, "Gemeente B", [("5.4", "Formatie")])
        session.commit()
    catalogue = _upgrade(engine)
    assert catalogue[plain]["5.4"] == "Informatie die berust bij de formateur of de informateur"
    assert catalogue[own]["5.4"] == "Formatie"


def test_the_unused_duplicate_of_5_2_goes_and_one_a_redaction_uses_stays(engine):
    with Session(engine) as session:
        unused = _organisation(session, "Gemeente A", [("5.2", "Persoonlijke beleidsopvattingen"), OLD_5_2_1])
        used = _organisation(session, "Gemeente B", [("5.2", "Persoonlijke beleidsopvattingen"), OLD_5_2_1])
        case = Case(organisation_id=used, reference="W-1", subject="x", received=date(2024, 4, 8))
        insert_into_older_schema(session, case)
        document = Document(case_id=case.id, number=1, title="Document")
        session.add(document)
        session.flush()
        ground = session.exec(select(Ground).where(Ground.organisation_id == used, Ground.code == "5.2.1")).one()
        session.add(ProposedRedaction(document_id=document.id, page=1, passage="Mijn mening", ground_id=ground.id))
        session.commit()
    catalogue = _upgrade(engine)
    assert "5.2.1" not in catalogue[unused]
    assert "5.2.1" in catalogue[used]
