"""The lockout and session version migration: an account made before it is unlocked, at version 0, and logs in."""

from alembic import command
from argon2 import PasswordHasher
from sqlmodel import Session

from tests.helpers import engine_migrated_to, insert_into_older_schema
from zienswijze.db import Organisation, User, migrate
from zienswijze.services.accounts import authenticate

BEFORE = "8d3f2b4c9e67"  # the last revision before failed logins and session versions were kept
PASSWORD = "een lang genoeg wachtwoord"


def test_an_account_made_before_the_lockout_starts_unlocked_at_version_zero_and_logs_in(tmp_path):
    engine = engine_migrated_to(tmp_path / "lockout.db", BEFORE)
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        insert_into_older_schema(session, organisation)
        password_hash = PasswordHasher().hash(PASSWORD)
        user = User(organisation_id=organisation.id, email="a@example.org", password_hash=password_hash)
        user_id = insert_into_older_schema(session, user)
        session.commit()
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "head")
    with Session(engine) as session:
        migrated = session.get(User, user_id)
        assert (migrated.failed_logins, migrated.locked_until, migrated.session_version) == (0, None, 0)
        assert authenticate(session, email="a@example.org", password=PASSWORD) is not None
    engine.dispose()
