"""Brings a database to the latest schema with the Alembic migrations in ``migrations/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(connection: sa.Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


@cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_current(connection: sa.Connection) -> bool:
    """Whether the database is at the newest migration; /healthz reports a deploy that forgot ``init-db``."""
    return MigrationContext.configure(connection).get_current_revision() == head_revision()
