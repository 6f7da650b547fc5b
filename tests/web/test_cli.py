"""Operator commands: accounts and API tokens, the database, the demo case and the jobs."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from zienswijze.db import ApiToken, AuditEvent, Case, User
from zienswijze.db.session import new_session
from zienswijze.services.accounts import authenticate


def test_init_db_reports_the_database_is_current(runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0 and "latest schema" in result.output


def test_create_user_reads_the_password_from_standard_input(app, runner):
    result = runner.invoke(
        args=["create-user", "woo@gemeente.example.org", "--organisation", "Gemeente A"],
        input="een sterk wachtwoord\n",
    )
    assert result.exit_code == 0, result.output
    assert "een sterk wachtwoord" not in result.output
    with app.app_context(), new_session() as session:
        assert authenticate(session, email="woo@gemeente.example.org", password="een sterk wachtwoord") is not None


def test_create_user_explains_a_refused_password(runner):
    result = runner.invoke(args=["create-user", "woo@gemeente.example.org", "--organisation", "A"], input="kort\n")
    assert result.exit_code == 1 and "at least 12 characters" in result.output


def test_set_password_reads_the_new_password_from_standard_input(app, runner):
    runner.invoke(
        args=["create-user", "woo@gemeente.example.org", "--organisation", "A"], input="een sterk wachtwoord\n"
    )
    result = runner.invoke(args=["set-password", "woo@gemeente.example.org"], input="een nieuw sterk wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert "een nieuw sterk wachtwoord" not in result.output
    with app.app_context(), new_session() as session:
        assert authenticate(session, email="woo@gemeente.example.org", password="een sterk wachtwoord") is None
        assert authenticate(session, email="woo@gemeente.example.org", password="een nieuw sterk wachtwoord")


def test_set_password_explains_an_unknown_user(runner):
    result = runner.invoke(args=["set-password", "niemand@gemeente.example.org"], input="een sterk wachtwoord\n")
    assert result.exit_code == 1 and "no user" in result.output


def test_create_api_token_prints_the_token_as_its_last_line_and_stores_only_a_hash(app, runner):
    runner.invoke(
        args=["create-user", "woo@gemeente.example.org", "--organisation", "A"], input="een sterk wachtwoord\n"
    )
    result = runner.invoke(args=["create-api-token", "woo@gemeente.example.org"])
    token = result.output.strip().splitlines()[-1]
    assert result.exit_code == 0 and token.startswith("zw_")
    with app.app_context(), new_session() as session:
        assert session.exec(select(ApiToken.token_hash)).one() != token
    assert app.test_client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def _token_of_a_new_user(runner) -> str:
    runner.invoke(
        args=["create-user", "woo@gemeente.example.org", "--organisation", "A"], input="een sterk wachtwoord\n"
    )
    return runner.invoke(args=["create-api-token", "woo@gemeente.example.org"]).output.strip().splitlines()[-1]


@pytest.mark.parametrize("named_by", ["whole token", "prefix"])
def test_a_revoked_api_token_is_refused_at_once_and_the_revocation_audited(app, runner, named_by):
    token = _token_of_a_new_user(runner)
    result = runner.invoke(args=["revoke-api-token", token if named_by == "whole token" else token[:10]])
    assert result.exit_code == 0 and "revoked" in result.output
    assert app.test_client().get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "api_token.revoked")).one()
        assert event.details["prefix"] == token[:10]


def test_revoking_an_unknown_api_token_is_a_clear_error(runner):
    _token_of_a_new_user(runner)
    result = runner.invoke(args=["revoke-api-token", "zw_onbekend"])
    assert result.exit_code == 1 and "no single active API token" in result.output


def test_load_demo_loads_the_case_once_and_prints_the_demo_login(app, runner):
    first = runner.invoke(args=["load-demo"])
    second = runner.invoke(args=["load-demo"])
    assert first.exit_code == 0 and "DEMO-2024-136 loaded: 43 documents" in first.output
    assert "already present" in second.output and "demo login: behandelaar@demo.example.org" in second.output
    with app.app_context(), new_session() as session:
        assert len(session.exec(select(Case)).all()) == 1 and len(session.exec(select(User)).all()) == 1


def test_load_demo_dates_the_case_from_the_services_clock(app, runner, clock_at):
    clock_at(datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    assert runner.invoke(args=["load-demo"]).exit_code == 0
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case)).one()
    assert (case.received, case.decision_deadline) == (date(2026, 11, 27), date(2026, 12, 28))


def test_jobs_run_once_runs_every_job(runner):
    result = runner.invoke(args=["jobs", "run-once"])
    assert result.exit_code == 0 and "ran heartbeat" in result.output


def test_deadline_prints_the_date_and_each_step_that_moved_it(runner):
    result = runner.invoke(args=["deadline", "2024-12-11", "--weeks", "2"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "2024-12-30 (maandag 30 december 2024)"
    assert "25-12-2024 is Eerste Kerstdag; verschoven naar 26-12-2024" in lines[1]


def test_deadline_gives_the_woo_decision_deadline(runner):
    result = runner.invoke(args=["deadline", "2024-04-08", "--woo"])
    assert result.output.splitlines()[0] == "2024-05-06 (maandag 6 mei 2024)"


def test_deadline_gives_the_earliest_disclosure_after_a_decision(runner):
    result = runner.invoke(args=["deadline", "2024-07-26", "--disclosure"])
    assert result.output.splitlines()[0] == "2024-08-10 (zaterdag 10 augustus 2024)"


def test_deadline_skips_an_organisations_closed_days_only_when_asked(app, runner):
    from datetime import date

    from zienswijze.services.accounts import ensure_organisation
    from zienswijze.services.closed_days import add_closed_day
    from zienswijze.services.context import Actor

    with app.app_context(), new_session() as session:
        organisation = ensure_organisation(session, "Gemeente A")
        session.commit()
        add_closed_day(session, Actor.system("test", organisation.id), day=date(2024, 7, 30), description="")
    plain = runner.invoke(args=["deadline", "2024-07-16", "--weeks", "2"])
    with_closed = runner.invoke(args=["deadline", "2024-07-16", "--weeks", "2", "--organisation", "Gemeente A"])
    assert plain.output.startswith("2024-07-30") and with_closed.output.startswith("2024-07-31")


def test_deadline_refuses_an_ambiguous_question(runner):
    result = runner.invoke(args=["deadline", "2024-07-16", "--woo", "--weeks", "2"])
    assert result.exit_code == 2 and "exactly one" in result.output


def test_deadline_reads_a_date_written_the_dutch_way(runner):
    result = runner.invoke(args=["deadline", "11-12-2024", "--weeks", "2"])
    assert result.output.splitlines()[0] == "2024-12-30 (maandag 30 december 2024)"


def test_deadline_refuses_a_start_before_the_holiday_calendar_plainly(runner):
    result = runner.invoke(args=["deadline", "2013-12-31", "--weeks", "2"])
    assert result.exit_code == 2 and "Vul een datum in tussen 2014-01-01 en 2999-12-31." in result.output
