"""Alembic environment: runs on the connection ``init-db`` hands over, or on the configured database."""

from alembic import context
from sqlmodel import SQLModel

import zienswijze.db  # noqa: F401  (registers every table on the metadata)
from config import load_config
from zienswijze.db.session import make_engine

target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    with make_engine(load_config().DATABASE_URL).connect() as own_connection:
        run_migrations(own_connection)
