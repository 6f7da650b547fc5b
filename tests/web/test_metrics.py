"""/metrics: mail, invitations and job runs from the database, request latency, only for allowed networks."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from config import ConfigError, load_config
from tests.consultation import start_consultation
from tests.helpers import make_config
from zienswijze import create_app
from zienswijze.db.session import ENGINE_KEY
from zienswijze.jobs import run_once


def samples(response) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_the_mail_waiting_and_the_invitations_are_counted_by_state(app, client):
    start_consultation(app)  # two invitations, three mails queued (S1 has two contacts)
    figures = samples(client.get("/metrics"))
    assert figures[("zienswijze_outbox_messages", (("state", "pending"),))] == 3
    assert figures[("zienswijze_outbox_messages", (("state", "sent"),))] == 0
    assert figures[("zienswijze_invitations", (("state", "concept"),))] == 2


def test_each_job_s_last_run_its_duration_and_failure_are_reported(app, client):
    run_once(app)
    figures = samples(client.get("/metrics"))
    assert figures[("zienswijze_job_last_run_failed", (("job", "reminders"),))] == 0
    assert figures[("zienswijze_job_last_run_seconds", (("job", "outbox"),))] >= 0
    assert ("zienswijze_job_last_run_timestamp_seconds", (("job", "heartbeat"),)) in figures


def test_request_latency_is_counted_by_route_and_status(client):
    client.get("/healthz")
    client.get("/healthz")
    figures = samples(client.get("/metrics"))
    route = (("method", "GET"), ("route", "/healthz"), ("status", "503"))
    assert figures[("zienswijze_request_seconds_count", route)] >= 2


def test_another_network_gets_not_found(client):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 404 and "zienswijze_" not in response.text


def test_a_network_the_setting_names_is_let_in(database_url, tmp_path):
    app = create_app(make_config(database_url, tmp_path, ZIENSWIJZE_METRICS_ALLOW="10.0.0.0/8, 203.0.113.0/24"))
    response = app.test_client().get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    app.extensions[ENGINE_KEY].dispose()
    assert response.status_code == 200


def test_a_setting_that_is_no_network_is_refused_with_its_name():
    with pytest.raises(ConfigError, match="ZIENSWIJZE_METRICS_ALLOW"):
        load_config({"ZIENSWIJZE_METRICS_ALLOW": "het interne netwerk"})
