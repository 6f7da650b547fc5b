"""Fixtures: a migrated database per test (SQLite, or PostgreSQL when ZIENSWIJZE_TEST_DATABASE_URL is
set), an application, its test client and command runner, handlers to log in as, and the clock."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from tests.helpers import PASSWORD, PG_URL, log_in, make_config
from zienswijze import clock, create_app
from zienswijze.db import Case, Organisation, migrate
from zienswijze.db.session import ENGINE_KEY, make_engine, new_session
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.files import pdfs
from zienswijze.services.accounts import register_user


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-postgresql",
        action="store_true",
        help="refuse to run unless ZIENSWIJZE_TEST_DATABASE_URL is set, so a PostgreSQL pass never quietly runs "
        "on SQLite and skips its PostgreSQL-only tests",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--require-postgresql") and not PG_URL:
        raise pytest.UsageError("--require-postgresql: ZIENSWIJZE_TEST_DATABASE_URL is not set")


def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path | None:
    """Migrations run once per session; each test then starts from a copy (SQLite) or empty tables."""
    if PG_URL:
        _reset_postgres(PG_URL)
        return None
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def database_url(migrated_template: Path | None, tmp_path: Path) -> str:
    if PG_URL:
        _empty_postgres(PG_URL)
        return PG_URL
    target = tmp_path / "test.db"
    shutil.copyfile(migrated_template, target)
    return f"sqlite:///{target}"


def _empty_postgres(url: str) -> None:
    """Every row deleted, children first, and every id sequence back at 1, as a fresh SQLite copy has it.

    Not TRUNCATE: it replaces each table's files, some 150 ms for all tables, a few minutes over the suite;
    deleting the few rows a test wrote takes a few milliseconds. The tables are locked first, as TRUNCATE
    would: a request the last test's server was still answering finishes before its rows are deleted.
    """
    engine = make_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    for attempt in range(1, 6):
        try:
            with engine.begin() as connection:
                connection.execute(sa.text(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE"))
                for table in reversed(SQLModel.metadata.sorted_tables):
                    connection.execute(table.delete())
                sequences = connection.execute(
                    sa.text(
                        "SELECT quote_ident(sequence_schema) || '.' || quote_ident(sequence_name) "
                        "FROM information_schema.sequences"
                    )
                ).scalars()
                connection.execute(sa.select(*(sa.func.setval(name, 1, False) for name in sequences)))
            break
        except sa.exc.OperationalError as error:  # a deadlock with such a straggler: PostgreSQL chose us
            if "deadlock" not in str(error) or attempt == 5:
                raise
    engine.dispose()


@pytest.fixture(autouse=True)
def default_pdf_limits():
    """The PDF limits are the process's (set by create_app): a test that lowers them leaves the next unaffected."""
    pdfs.configure(pdfs.PdfLimits())


@pytest.fixture
def app(database_url: str, tmp_path: Path):
    app = create_app(make_config(database_url, tmp_path))
    yield app
    app.extensions[ENGINE_KEY].dispose()


@pytest.fixture
def session(app):
    """A database session of the test's application, outside any request."""
    with app.app_context(), new_session() as session:
        yield session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def clock_at(monkeypatch):
    """``clock_at(moment)`` sets the time everywhere: every module reads it through ``clock.now``/``clock.today``."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)
        monkeypatch.setattr(clock, "today", lambda: moment.astimezone(AMSTERDAM).date())

    return set_to


@pytest.fixture
def make_handler(app):
    """Creates a handler account in an organisation and returns its e-mail address."""

    def make(email: str, organisation: str) -> str:
        with app.app_context(), new_session() as session:
            register_user(session, email=email, organisation_name=organisation, password=PASSWORD)
        return email

    return make


@pytest.fixture
def logged_in_client(client, make_handler):
    log_in(client, make_handler("behandelaar@a.example.org", "Gemeente A"))
    return client


@pytest.fixture
def two_bodies(app, make_handler) -> dict[str, int]:
    """Gemeente A (handler a@example.org) and Gemeente B (b@example.org), one case each; case ids by reference."""
    make_handler("a@example.org", "Gemeente A")
    make_handler("b@example.org", "Gemeente B")
    with app.app_context(), new_session() as session:
        for name, reference in (("Gemeente A", "A-2024-1"), ("Gemeente B", "B-2024-1")):
            organisation = session.exec(select(Organisation).where(Organisation.name == name)).one()
            session.add(
                Case(
                    organisation_id=organisation.id,
                    reference=reference,
                    subject=f"Zaak van {name}",
                    received=date(2024, 4, 8),
                )
            )
        session.commit()
        return dict(session.exec(select(Case.reference, Case.id)).all())
