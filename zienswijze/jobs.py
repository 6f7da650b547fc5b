"""Scheduled jobs: each runs in an application context and calls one service.

The scheduler is started in exactly one place: ``flask --app app scheduler`` (its own process), never
at import time and never per web worker. Work is selected from the database by state, so running a
job twice or in two processes at once is safe.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask, current_app

from zienswijze.db.session import new_session
from zienswijze.db.types import utcnow
from zienswijze.outbox import OutboxPolicy, SmtpSettings, dispatch_due
from zienswijze.services import heartbeat

logger = logging.getLogger(__name__)


def scheduler_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat() -> None:
    with new_session() as session:
        heartbeat.beat(session, name=scheduler_name(), now=utcnow())


def send_mail() -> None:
    """Sends the mail that is due in the outbox; a message another run holds is left to it."""
    config = current_app.config
    report = dispatch_due(
        new_session,
        now=utcnow(),
        smtp=SmtpSettings.from_config(config),
        policy=OutboxPolicy.from_config(config),
        base_url=config["BASE_URL"],
    )
    if report.batches:
        logger.info(
            "outbox: %d sent, %d to retry, %d failed, %d taken over by another run",
            report.sent,
            report.retried,
            report.failed,
            report.lost,
        )


JOBS: dict[str, Callable[[], None]] = {"heartbeat": beat, "outbox": send_mail}


def run_once(app: Flask) -> list[str]:
    """Runs every job once, for cron-style deployments and tests; returns the names run."""
    with app.app_context():
        for job in JOBS.values():
            job()
    return list(JOBS)


def build_scheduler(app: Flask) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})

    def in_context(job: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            with app.app_context():
                job()

        return run

    scheduler.add_job(
        in_context(beat),
        "interval",
        seconds=app.config["SCHEDULER_HEARTBEAT_SECONDS"],
        id="heartbeat",
        name="heartbeat",
        next_run_time=utcnow(),
    )
    scheduler.add_job(
        in_context(send_mail),
        "interval",
        seconds=app.config.get("OUTBOX_INTERVAL_SECONDS", 15),
        id="outbox",
        name="outbox",
        coalesce=True,
        max_instances=1,
        next_run_time=utcnow(),
    )
    return scheduler
