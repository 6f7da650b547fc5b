"""The engine per application and a session per request or job.

The engine is made in ``create_app``, never at import time, so tests and processes each get their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask, current_app, g
from sqlmodel import Session

ENGINE_KEY = "zienswijze.engine"


def make_engine(url: str) -> sa.Engine:
    """An engine with SQLite made to behave: foreign keys on, WAL for the scheduler beside the web app."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            poolclass=sa.pool.StaticPool if in_memory else None,
        )

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    app.extensions[ENGINE_KEY] = make_engine(app.config["DATABASE_URL"])
    app.teardown_appcontext(_close_session)


def engine() -> sa.Engine:
    return current_app.extensions[ENGINE_KEY]


def get_session() -> Session:
    """The session of the current request or job; services commit it once."""
    if "db_session" not in g:
        g.db_session = Session(engine(), expire_on_commit=False)
    return g.db_session


@contextmanager
def new_session() -> Iterator[Session]:
    """A session of its own, for work that must not share the request's transaction."""
    with Session(engine(), expire_on_commit=False) as session:
        yield session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
