"""Fixtures of the PostgreSQL-only tests, which drive several connections at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from zienswijze.db import Case, Organisation
from zienswijze.db.session import make_engine


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine of its own on the test database, for threads that each hold a connection."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def case_ids(engine: Engine) -> tuple[int, int]:
    """A case of Gemeente A, committed: (organisation id, case id)."""
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        session.add(organisation)
        session.flush()
        case = Case(organisation_id=organisation.id, reference="W-1", subject="Dashboard", received=date(2024, 4, 8))
        session.add(case)
        session.commit()
        return organisation.id, case.id
