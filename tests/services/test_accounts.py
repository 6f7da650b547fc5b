"""Handler accounts: argon2 passwords, one organisation each, API tokens kept only as a hash."""

import pytest
from sqlmodel import select

from zienswijze import clock
from zienswijze.db import ApiToken, Ground, Organisation, User
from zienswijze.domain.grounds import NATIONAL_CATALOGUE
from zienswijze.services.accounts import (
    AccountError,
    authenticate,
    issue_api_token,
    register_user,
    user_for_api_token,
)

PASSWORD = "een lang genoeg wachtwoord"


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
