"""The scheduler: every job in one run for cron, started in exactly one place, its heartbeat shown to handlers."""

from __future__ import annotations

import smtplib
import time
from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlmodel import select

from config import ConfigError, load_config
from tests.helpers import log_in, make_config
from tests.scheduled import consultation
from tests.smtp import Sink, free_port, smtp_server, text_of
from zienswijze import clock, create_app
from zienswijze.db import Organisation, OutboxMessage, SchedulerHeartbeat
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.domain.deadlines import term_end
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import (
    BOUNCE_LISTENER_KEY,
    IN_PROCESS_KEY,
    JOBS,
    build_scheduler,
    init_app,
    run_once,
    should_start_in_process,
)


@pytest.fixture
def sink():
    sink = Sink()
    with smtp_server(sink) as controller:
        sink.port = controller.port
        yield sink


@pytest.fixture
def app(database_url, tmp_path, sink):
    app = create_app(make_config(database_url, tmp_path, ZIENSWIJZE_SMTP_PORT=str(sink.port)))
    yield app
    app.extensions[ENGINE_KEY].dispose()


def due_today(app) -> None:
    """A consultation whose only reminder (one working day before the deadline) is due today."""
    today = clock.today()
    consultation(app, deadline=term_end(today, days=1), mailed=clock.now() - timedelta(days=10))
    with app.app_context(), new_session() as session:
        session.exec(select(Organisation)).one().reminder_working_days = [1]
        session.commit()


def test_jobs_run_once_runs_every_job_in_order(runner):
    result = runner.invoke(args=["jobs", "run-once"])
    assert result.exit_code == 0
    assert result.output.split() == [word for name in JOBS for word in ("ran", name)]
    assert list(JOBS) == [
        "heartbeat",
        "expiry",
        "reminders",
        "completion",
        "outbox",
        "bounce-mailbox",
        "retention",
        "page-images",
    ]


def test_one_run_queues_a_due_reminder_and_delivers_it_over_smtp(app, runner, sink):
    due_today(app)
    assert runner.invoke(args=["jobs", "run-once"]).exit_code == 0
    assert sorted(m["To"] for m in sink.messages) == ["s1-juridisch@example.com", "s1@example.com", "s2@example.com"]
    assert "Gebruik de persoonlijke link uit onze eerdere e-mail" in text_of(sink.to("s2@example.com")[0])


def test_a_second_run_sends_no_reminder_again(app, sink):
    due_today(app)
    run_once(app)
    run_once(app)
    assert len(sink.messages) == 3


def test_the_scheduler_has_every_job_on_an_interval(app):
    scheduler = build_scheduler(app, BackgroundScheduler)
    assert {job.id for job in scheduler.get_jobs()} == set(JOBS)
    assert scheduler.get_job("reminders").trigger.interval == timedelta(seconds=60)


def test_the_scheduler_runs_in_its_own_process_unless_configured_otherwise(tmp_path):
    assert make_config("sqlite://", tmp_path).SCHEDULER_MODE == "separate"
    assert make_config("sqlite://", tmp_path, ZIENSWIJZE_SCHEDULER="in-process").SCHEDULER_MODE == "in-process"


def test_an_unknown_scheduler_mode_is_refused_with_the_variable_named():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_SCHEDULER"):
        load_config({"ZIENSWIJZE_ENV": "testing", "ZIENSWIJZE_SCHEDULER": "everywhere"})


@pytest.mark.parametrize(
    ("mode", "testing", "debug", "reloader_child", "command", "starts"),
    [
        ("separate", False, False, False, None, False),
        ("in-process", False, False, False, None, True),  # gunicorn with one worker
        ("in-process", True, False, False, None, False),  # tests
        ("in-process", False, True, False, "run", False),  # the debug reloader's watching parent
        ("in-process", False, True, True, "run", True),  # the reloader's serving child
        ("in-process", False, False, False, "run", True),  # flask run without the reloader
        ("in-process", False, False, False, "flask", False),  # any other command, e.g. init-db
    ],
)
def test_the_web_process_starts_the_scheduler_only_when_it_is_the_one_to(
    mode, testing, debug, reloader_child, command, starts
):
    assert (
        should_start_in_process(mode, testing=testing, debug=debug, reloader_child=reloader_child, cli_command=command)
        is starts
    )


def test_a_test_app_never_starts_a_scheduler_even_when_configured_in_process(database_url, tmp_path):
    app = create_app(make_config(database_url, tmp_path, ZIENSWIJZE_SCHEDULER="in-process"))
    assert IN_PROCESS_KEY not in app.extensions
    app.extensions[ENGINE_KEY].dispose()


def test_an_in_process_scheduler_beats_from_a_background_thread(app):
    app.testing = False
    app.config["SCHEDULER_MODE"] = "in-process"
    init_app(app)
    scheduler = app.extensions[IN_PROCESS_KEY]
    try:
        deadline = time.monotonic() + 10
        beats = []
        while not beats and time.monotonic() < deadline:
            time.sleep(0.05)
            with app.app_context(), new_session() as session:
                beats = session.exec(select(SchedulerHeartbeat)).all()
        assert beats
    finally:
        scheduler.shutdown(wait=True)


def test_an_in_process_scheduler_also_listens_for_bounces_when_configured(database_url, tmp_path):
    port = free_port()
    config = make_config(
        database_url,
        tmp_path,
        ZIENSWIJZE_BOUNCE_ADDRESS="bounces@zienswijze.gemeente.nl",
        ZIENSWIJZE_BOUNCE_LISTEN=f"lmtp://127.0.0.1:{port}",
    )
    app = create_app(config)
    app.testing, app.config["SCHEDULER_MODE"] = False, "in-process"
    init_app(app)
    try:
        with smtplib.LMTP("127.0.0.1", port, timeout=10) as client:
            assert client.noop()[0] == 250
    finally:
        app.extensions[IN_PROCESS_KEY].shutdown(wait=True)
        app.extensions[BOUNCE_LISTENER_KEY].stop()
        app.extensions[ENGINE_KEY].dispose()


def test_the_scheduler_command_refuses_to_start_beside_an_in_process_scheduler(app, runner):
    app.config["SCHEDULER_MODE"] = "in-process"
    result = runner.invoke(args=["scheduler"])
    assert result.exit_code != 0 and "ZIENSWIJZE_SCHEDULER=in-process" in result.output


def test_the_case_list_warns_when_no_scheduler_has_ever_run(app, client, make_handler):
    log_in(client, make_handler("behandelaar@a.example.org", "Gemeente A"))
    page = client.get("/zaken/").text
    assert "De planner heeft nog nooit gedraaid" in page


def test_the_case_list_shows_a_recent_heartbeat_without_warning(app, client, make_handler):
    log_in(client, make_handler("behandelaar@a.example.org", "Gemeente A"))
    run_once(app)
    page = client.get("/zaken/").text
    assert "Planner actief" in page and "utrecht-alert--warning" not in page


def test_the_case_list_warns_when_the_heartbeat_is_stale(app, client, make_handler):
    log_in(client, make_handler("behandelaar@a.example.org", "Gemeente A"))
    with app.app_context(), new_session() as session:
        session.add(SchedulerHeartbeat(name="oud", beat_at=clock.now() - timedelta(hours=2)))
        session.commit()
    page = client.get("/zaken/").text
    assert "De planner gaf voor het laatst 2 uur geleden een teken van leven" in page


@pytest.fixture
def reminders_broken(app):
    """A consultation due today at an organisation whose reminder setting the job cannot use (0 days before),
    and one invitation mail still to go out."""
    consultation(app, deadline=clock.today())
    with app.app_context(), new_session() as session:
        session.exec(select(Organisation)).one().reminder_working_days = [0]
        session.exec(select(OutboxMessage)).first().state = OutboxState.PENDING
        session.commit()


def test_a_failing_job_does_not_stop_the_jobs_after_it(app, runner, sink, reminders_broken):
    result = runner.invoke(args=["jobs", "run-once"])
    assert "failed reminders: ValueError" in result.output and "ran outbox" in result.output
    assert result.exit_code == 1 and len(sink.messages) == 1


def test_a_job_whose_last_run_failed_makes_healthz_unhealthy_and_names_it(app, client, reminders_broken):
    run_once(app)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert list(response.json["failing_jobs"]) == ["reminders"]


def test_a_good_run_clears_the_jobs_failure(app, client, reminders_broken):
    run_once(app)
    with app.app_context(), new_session() as session:
        session.exec(select(Organisation)).one().reminder_working_days = [1]
        session.commit()
    run_once(app)
    assert client.get("/healthz").json["failing_jobs"] == {}
