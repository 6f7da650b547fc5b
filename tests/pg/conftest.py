"""Fixtures of the PostgreSQL-only tests, which drive several connections at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from zienswijze.db.session import make_engine


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine of its own on the test database, for threads that each hold a connection."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()
