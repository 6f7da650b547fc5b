"""/healthz: database reachability, scheduler heartbeat age and outbox backlog."""

from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import select

from tests.helpers import make_config
from zienswijze import clock, create_app
from zienswijze.db import Organisation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import run_once


def test_without_a_scheduler_heartbeat_the_service_is_unhealthy(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unhealthy"
    assert response.json["database_ok"] is True
    assert response.json["scheduler_heartbeat_age_seconds"] is None


def test_after_the_scheduler_has_run_the_service_is_healthy(app, client):
    run_once(app)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert 0 <= response.json["scheduler_heartbeat_age_seconds"] < 60
    assert response.json["outbox_backlog"] == 0


def add_mail(app, *, queued_ago: timedelta, **fields) -> None:
    """One message to a@example.org, queued ``queued_ago`` before now; ``fields`` set its state."""
    with app.app_context(), new_session() as session:
        organisation = session.exec(select(Organisation)).first() or Organisation(name="Gemeente A")
        session.add(organisation)
        session.flush()
        queued = clock.now() - queued_ago
        session.add(
            OutboxMessage(
                organisation_id=organisation.id,
                kind="invitation",
                message_id=f"<{queued.timestamp()}@zienswijze.test>",
                to_address="a@example.org",
                subject="Verzoek",
                body_text="...",
                created_at=queued,
                **{"next_attempt_at": queued, **fields},
            )
        )
        session.commit()


def test_mail_waiting_too_long_in_the_outbox_makes_the_service_unhealthy(app, client):
    run_once(app)
    add_mail(app, queued_ago=timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["outbox_backlog"] == 1 and response.json["outbox_oldest_wait_seconds"] >= 3600


def test_mail_deferred_by_an_outage_counts_while_its_retry_is_not_due_yet(app, client):
    """Backing off during an outage must not hide it: the wait counts from when the mail was queued."""
    run_once(app)
    later = clock.now() + timedelta(minutes=10)
    add_mail(app, queued_ago=timedelta(hours=2), state=OutboxState.RETRY, deferrals=9, next_attempt_at=later)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["outbox_ok"] is False
    assert (response.json["outbox_backlog"], response.json["outbox_retrying"]) == (1, 1)
    assert response.json["outbox_oldest_wait_seconds"] >= 7200


def test_a_recipient_asking_to_try_later_does_not_make_the_service_unhealthy(app, client):
    run_once(app)
    later = clock.now() + timedelta(minutes=10)
    add_mail(app, queued_ago=timedelta(hours=2), state=OutboxState.RETRY, attempts=4, next_attempt_at=later)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["outbox_retrying"] == 1
    assert response.json["outbox_oldest_wait_seconds"] >= 7200


def test_an_old_backlog_that_is_going_out_keeps_the_service_healthy(app, client):
    run_once(app)
    add_mail(app, queued_ago=timedelta(hours=1))
    add_mail(app, queued_ago=timedelta(hours=1, seconds=1), state=OutboxState.SENT, sent_at=clock.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["outbox_backlog"] == 1
    assert 0 <= response.json["outbox_last_sent_age_seconds"] < 60


def test_an_unreachable_database_makes_the_service_unhealthy(tmp_path):
    app = create_app(make_config("postgresql+psycopg://nobody@127.0.0.1:9/none", tmp_path))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database_ok"] is False


def test_a_database_without_the_latest_migrations_makes_the_service_unhealthy(app, client):
    run_once(app)
    with app.app_context(), new_session() as session:
        current = session.exec(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        session.exec(sa.text("UPDATE alembic_version SET version_num = 'older'"))
        session.commit()
        try:
            response = client.get("/healthz")
        finally:
            session.exec(sa.text("UPDATE alembic_version SET version_num = :v"), params={"v": current})
            session.commit()
    assert response.status_code == 503 and response.json["schema_current"] is False
