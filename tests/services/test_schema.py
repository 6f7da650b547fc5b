"""The database schema: migrations equal the models, constraints hold, timestamps stay aware."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from zienswijze.db import Case, Document, Organisation, migrate
from zienswijze.db.session import make_engine


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_the_migrations_give_exactly_the_schema_of_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_init_db_on_a_current_database_changes_nothing(engine):
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert migrate.is_current(connection)


def _organisation(session: Session, name: str = "Gemeente A") -> Organisation:
    organisation = Organisation(name=name)
    session.add(organisation)
    session.flush()
    return organisation


def test_a_document_of_a_case_that_does_not_exist_is_refused(engine):
    with Session(engine) as session, pytest.raises(sa.exc.IntegrityError):
        session.add(Document(case_id=999, number=1, title="Los document"))
        session.commit()


def test_a_case_reference_is_unique_within_an_organisation_only(engine):
    with Session(engine) as session:
        a, b = _organisation(session, "A"), _organisation(session, "B")
        session.add_all(
            [
                Case(organisation_id=a.id, reference="W-1", subject="x", received=date(2024, 4, 8)),
                Case(organisation_id=b.id, reference="W-1", subject="x", received=date(2024, 4, 8)),
            ]
        )
        session.commit()
        session.add(Case(organisation_id=a.id, reference="W-1", subject="y", received=date(2024, 4, 9)))
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_a_document_number_is_unique_within_a_case(engine):
    with Session(engine) as session:
        case = Case(organisation_id=_organisation(session).id, reference="W-1", subject="x", received=date(2024, 4, 8))
        session.add(case)
        session.flush()
        session.add_all(
            [Document(case_id=case.id, number=1, title="a"), Document(case_id=case.id, number=1, title="b")]
        )
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_timestamps_come_back_aware_in_utc(engine):
    amsterdam_summer = timezone(timedelta(hours=2))
    with Session(engine) as session:
        organisation = _organisation(session)
        organisation.created_at = datetime(2024, 7, 16, 9, 30, tzinfo=amsterdam_summer)
        session.commit()
    with Session(engine) as session:
        stored = session.exec(select(Organisation)).one().created_at
    assert stored == datetime(2024, 7, 16, 7, 30, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused_rather_than_guessed(engine):
    with Session(engine) as session:
        organisation = _organisation(session)
        organisation.created_at = datetime(2024, 7, 16, 9, 30)
        with pytest.raises(sa.exc.StatementError, match="naive datetimes"):
            session.commit()


def test_statuses_are_stored_as_their_dutch_values(engine):
    with Session(engine) as session:
        session.add(
            Case(organisation_id=_organisation(session).id, reference="W-1", subject="x", received=date(2024, 4, 8))
        )
        session.commit()
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT status FROM cases")).scalar_one() == "in behandeling"
