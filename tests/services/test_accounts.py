"""Handler accounts: argon2 passwords, one organisation each, API tokens kept only as a hash."""

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from zienswijze import clock
from zienswijze.db import ApiToken, AuditEvent, Ground, Organisation, User
from zienswijze.domain.grounds import NATIONAL_CATALOGUE
from zienswijze.services.accounts import (
    AccountError,
    AccountLocked,
    Lockout,
    authenticate,
    change_password,
    end_sessions,
    issue_api_token,
    register_user,
    user_for_api_token,
)

PASSWORD = "een lang genoeg wachtwoord"
NOON = datetime(2026, 12, 4, 11, 0, tzinfo=UTC)
LOCKOUT = Lockout(failures=5, window=timedelta(minutes=15), duration=timedelta(minutes=15))


def test_a_password_is_stored_as_an_argon2_hash(session):
    user = register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_a_new_organisation_gets_its_own_copy_of_the_ground_catalogue(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    organisation = session.exec(select(Organisation)).one()
    codes = set(session.exec(select(Ground.code).where(Ground.organisation_id == organisation.id)))
    assert codes == {entry.code for entry in NATIONAL_CATALOGUE}


def test_users_of_the_same_organisation_share_it(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    register_user(session, email="b@example.org", organisation_name="Gemeente  A", password=PASSWORD)
    assert len(session.exec(select(Organisation)).all()) == 1


def test_an_e_mail_address_belongs_to_one_user_only(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        register_user(session, email="A@example.org", organisation_name="Gemeente B", password=PASSWORD)


def test_a_short_password_is_refused(session):
    with pytest.raises(AccountError, match="at least 12 characters"):
        register_user(session, email="a@example.org", organisation_name="Gemeente A", password="kort")


def test_an_invalid_e_mail_address_is_refused(session):
    with pytest.raises(AccountError, match="not a valid e-mail address"):
        register_user(session, email="geen-adres", organisation_name="Gemeente A", password=PASSWORD)


def test_the_right_password_logs_in_and_a_wrong_one_does_not(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    assert authenticate(session, email="A@example.org", password=PASSWORD).email == "a@example.org"
    assert authenticate(session, email="a@example.org", password=PASSWORD + "x") is None
    assert authenticate(session, email="onbekend@example.org", password=PASSWORD) is None


def test_a_deactivated_user_cannot_log_in(session):
    user = register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    user.is_active = False
    session.commit()
    assert authenticate(session, email="a@example.org", password=PASSWORD) is None


def test_an_api_token_is_kept_only_as_its_hash_and_identifies_its_user(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    token = issue_api_token(session, email="a@example.org", name="zaaksysteem")
    stored = session.exec(select(ApiToken)).one()
    assert token not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    assert user_for_api_token(session, token).email == "a@example.org"
    assert user_for_api_token(session, token + "x") is None


def test_a_revoked_api_token_no_longer_works(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    token = issue_api_token(session, email="a@example.org")
    stored = session.exec(select(ApiToken)).one()
    stored.revoked_at = clock.now()
    session.commit()
    assert user_for_api_token(session, token) is None


def test_an_api_token_for_an_unknown_user_is_refused(session):
    with pytest.raises(AccountError, match="no user"):
        issue_api_token(session, email="niemand@example.org")
    assert session.exec(select(User)).all() == []


def _fail_logins(session, times: int, email: str = "a@example.org") -> None:
    for _ in range(times):
        with contextlib.suppress(AccountLocked):
            authenticate(session, email=email, password="een verkeerd wachtwoord", lockout=LOCKOUT)


def test_five_failed_logins_within_the_window_lock_the_account_even_for_the_right_password(session, clock_at):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    clock_at(NOON)
    _fail_logins(session, 4)
    with pytest.raises(AccountLocked) as locked:
        authenticate(session, email="a@example.org", password="nog een verkeerd wachtwoord", lockout=LOCKOUT)
    assert locked.value.until == NOON + timedelta(minutes=15)
    with pytest.raises(AccountLocked):
        authenticate(session, email="a@example.org", password=PASSWORD, lockout=LOCKOUT)


def test_failed_logins_spread_over_more_than_the_window_do_not_lock(session, clock_at):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    clock_at(NOON)
    _fail_logins(session, 4)
    clock_at(NOON + timedelta(minutes=16))
    _fail_logins(session, 4)
    assert authenticate(session, email="a@example.org", password=PASSWORD, lockout=LOCKOUT) is not None


def test_the_lockout_ends_after_its_duration(session, clock_at):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    clock_at(NOON)
    _fail_logins(session, 5)
    clock_at(NOON + timedelta(minutes=15, seconds=1))
    assert authenticate(session, email="a@example.org", password=PASSWORD, lockout=LOCKOUT) is not None


def test_a_lockout_is_recorded_in_the_organisations_audit_trail(session, clock_at):
    user = register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    clock_at(NOON)
    _fail_logins(session, 5)
    event = session.exec(select(AuditEvent)).one()
    assert (event.kind, event.organisation_id, event.case_id, event.actor) == (
        "account.locked",
        user.organisation_id,
        None,
        "login",
    )
    assert event.details == {"user_id": user.id, "failures": 5, "until": "2026-12-04 11:15:00+00:00"}


def test_an_address_without_an_account_locks_when_its_failures_are_counted(session):
    counted: list[str] = []

    def count(address: str, lockout: Lockout) -> datetime | None:
        counted.append(address)
        return NOON if len(counted) == lockout.failures else None

    for _ in range(4):
        assert (
            authenticate(session, email=" Niemand@example.org", password=PASSWORD, unknown_address_failures=count)
            is None
        )
    with pytest.raises(AccountLocked):
        authenticate(session, email="niemand@example.org", password=PASSWORD, unknown_address_failures=count)
    assert set(counted) == {"niemand@example.org"}


def test_ending_the_sessions_raises_the_users_session_version(session):
    user = register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    end_sessions(session, user.id)
    assert session.get(User, user.id).session_version == 1


def test_a_new_password_ends_the_sessions_lifts_a_lockout_and_is_audited(session, clock_at):
    user = register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    clock_at(NOON)
    _fail_logins(session, 5)
    change_password(session, email="A@example.org", password="een heel nieuw wachtwoord", by="cli:set-password")
    assert session.get(User, user.id).session_version == 1
    assert authenticate(session, email="a@example.org", password="een heel nieuw wachtwoord") is not None
    kinds = session.exec(select(AuditEvent.kind, AuditEvent.actor).order_by(AuditEvent.id)).all()
    assert kinds[-1] == ("account.password_changed", "cli:set-password")


def test_a_new_password_must_be_long_enough(session):
    register_user(session, email="a@example.org", organisation_name="Gemeente A", password=PASSWORD)
    with pytest.raises(AccountError, match="at least 12 characters"):
        change_password(session, email="a@example.org", password="kort", by="cli:set-password")
