"""Helpers the tests share: configuration, logging in, CSRF tokens, the accessibility check, migrated databases.

Fixtures live in the conftest files; plain functions live here, so tests import them from one place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from playwright.sync_api import Page

from config import load_config
from zienswijze.db import migrate
from zienswijze.db.session import make_engine

PG_URL = os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL", "").strip() or None
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


def engine_migrated_to(path: Path, revision: str):
    """A SQLite database at ``path`` with the migrations applied up to ``revision``, for data-migration tests."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), revision)
    return engine


def insert_as_of(session, row) -> int:
    """Inserts ``row`` with only the columns the database has yet, and returns its id: data-migration tests
    write rows into an older schema than the models', which may hold columns added later."""
    table = sa.Table(row.__table__.name, sa.MetaData(), autoload_with=session.connection())
    model = row.__table__.columns
    values = {c.name: model[c.name].type.bind_processor(session.bind.dialect) for c in table.columns}
    values = {
        name: (process(getattr(row, name)) if process else getattr(row, name))
        for name, process in values.items()
        if name != "id"
    }
    row.id = session.execute(table.insert().values(**values)).inserted_primary_key[0]
    return row.id
