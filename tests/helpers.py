"""Helpers the tests share: configuration, logging in, CSRF tokens, the accessibility check, migrated databases.

Fixtures live in the conftest files; plain functions live here, so tests import them from one place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from playwright.sync_api import Page
from sqlmodel import Session, SQLModel

from config import load_config
from zienswijze.db import migrate
from zienswijze.db.session import make_engine, new_session
from zienswijze.services.accounts import register_user


def _database_of_this_worker(url: str | None) -> str | None:
    """With ``pytest -n`` (pytest-xdist) each worker has its own database, ``<name>_gw0`` and so on, made
    when missing: two workers emptying one database between their tests would empty each other's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if url is None or not worker:
        return url
    own = sa.engine.make_url(url).set(database=f"{sa.engine.make_url(url).database}_{worker}")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database})
        if exists.first() is None:
            connection.execute(sa.text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    return own.render_as_string(hide_password=False)


PG_URL = _database_of_this_worker(os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL", "").strip() or None)
PASSWORD = "correct horse battery staple"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def make_config(database_url: str, tmp_path: Path, **environ: str):
    return load_config(
        {
            "ZIENSWIJZE_ENV": "testing",
            "ZIENSWIJZE_DATABASE_URL": database_url,
            "ZIENSWIJZE_SECRET_KEY": "test-secret-key-that-is-long-enough-000",
            "ZIENSWIJZE_BASE_URL": "http://zienswijze.test",
            "ZIENSWIJZE_UPLOAD_DIR": str(tmp_path / "uploads"),
            **environ,
        }
    )


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "page has no CSRF token"
    return match.group(1)


def log_in_as_admin(app, client, email: str = "beheer@a.example.org"):
    """Gemeente A's administrator, made and logged in: for the pages under /beheer."""
    with app.app_context(), new_session() as session:
        register_user(session, email=email, organisation_name="Gemeente A", password=PASSWORD, is_admin=True)
    return log_in(client, email)


def log_in(client, email: str, password: str = PASSWORD):
    page = client.get("/inloggen")
    return client.post(
        "/inloggen", data={"email": email, "password": password, "csrf_token": csrf_token_from(page.text)}
    )


def axe_violations(page: Page) -> list[dict]:
    """WCAG 2.1 AA violations on the page, found by the vendored axe-core (loaded same-origin, as CSP allows)."""
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


def insert_into_older_schema(session: Session, row: SQLModel) -> int:
    """Inserts ``row`` into a database migrated to an older revision, with only the columns its table had then;
    returns its id. A column added to the model later is left out instead of breaking the insert."""
    model = type(row).__table__  # type: ignore[attr-defined]
    columns = {column["name"] for column in sa.inspect(session.connection()).get_columns(model.name)}
    values = {name: value for name, value in row.model_dump().items() if name in columns and value is not None}
    # The model's columns with their types, but without the defaults of columns the table does not have yet.
    table = sa.table(model.name, *(sa.column(name, model.c[name].type) for name in values))
    row.id = session.execute(sa.insert(table).values(values)).lastrowid  # type: ignore[attr-defined]
    return row.id  # type: ignore[attr-defined]


def engine_migrated_to(path: Path, revision: str):
    """A SQLite database at ``path`` with the migrations applied up to ``revision``, for data-migration tests."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), revision)
    return engine


@contextmanager
def statements_run(engine: sa.Engine) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements, each with its parameters, that ``engine`` runs inside the ``with`` block."""
    run: list[tuple[str, Any]] = []

    def listen(_connection, _cursor, statement, parameters, *_args) -> None:
        run.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        yield run
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
