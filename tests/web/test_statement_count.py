"""The case page and its live status matrix take as many SQL statements for 500 stakeholders as for 10."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.web.wide_case import wide_case
from zienswijze.db.session import ENGINE_KEY

HTMX = {"HX-Request": "true", "HX-Target": "uitnodigingen"}


def _statements(app, client, path: str, headers=None) -> int:
    engine = app.extensions[ENGINE_KEY]
    client.get(path, headers=headers)  # warm up: connections, the login session
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path, headers=headers)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, path
    return len(statements)


@pytest.fixture
def cases(app, logged_in_client):
    wide_case(app, "KLEIN", 10)
    wide_case(app, "GROOT", 500)


@pytest.mark.parametrize(("path", "headers"), [("", None), ("/uitnodigingen", HTMX)], ids=["case page", "matrix"])
def test_the_statement_count_does_not_grow_with_the_number_of_stakeholders(app, logged_in_client, cases, path, headers):
    small = _statements(app, logged_in_client, f"/zaken/KLEIN{path}", headers)
    large = _statements(app, logged_in_client, f"/zaken/GROOT{path}", headers)
    assert small > 0, "no statement counted: the listener is not on the application's engine"
    assert small == large, f"{small} statements for 10 stakeholders, {large} for 500"
