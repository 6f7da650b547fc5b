"""PostgreSQL-only: the production database stores timestamps with their zone and statuses as text."""

import os

import pytest
import sqlalchemy as sa

from zienswijze.db.session import make_engine

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)


@pytest.fixture
def columns(database_url):
    engine = make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                " WHERE table_schema = 'public'"
            )
        ).all()
    engine.dispose()
    return {(table, column): data_type for table, column, data_type in rows}


def test_every_timestamp_column_is_timestamp_with_time_zone(columns):
    timestamps = {key: kind for key, kind in columns.items() if kind.startswith("timestamp")}
    assert timestamps and set(timestamps.values()) == {"timestamp with time zone"}


def test_legal_dates_are_plain_dates(columns):
    assert columns[("invitations", "deadline")] == "date"
    assert columns[("cases", "received")] == "date"


def test_statuses_are_text_not_native_enum_types(columns):
    assert columns[("invitations", "state")] == "character varying"
    assert columns[("outbox_messages", "state")] == "character varying"
