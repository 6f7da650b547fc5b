"""Scheduled jobs: each runs in an application context and calls one service.

The scheduler is started in exactly one place: ``flask --app app scheduler`` (its own process), or,
with ``ZIENSWIJZE_SCHEDULER=in-process``, inside the web process of a single-process deployment. Never
at import time, never by a CLI command, never in the reloader's watching parent. Work is selected from
the database by state and claimed there, so running a job twice or in two processes at once is safe.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import click
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.serving import is_running_from_reloader

from zienswijze import clock
from zienswijze.db.session import new_session
from zienswijze.domain.delivery_reports import read_report
from zienswijze.mail import bounce_listener, bounce_mailbox
from zienswijze.mail.dispatcher import OutboxPolicy, dispatch_due
from zienswijze.mail.smtp import SmtpSettings, bounce_address
from zienswijze.services import bounces, delivery, health, retention
from zienswijze.services.completion import complete_finished_rounds
from zienswijze.services.expiry import expire_overdue
from zienswijze.services.page_cache import render_ahead
from zienswijze.services.reminders import send_due_reminders

logger = logging.getLogger(__name__)
IN_PROCESS_KEY = "zienswijze.scheduler"
BOUNCE_LISTENER_KEY = "zienswijze.bounce-listener"
# Pages rendered ahead per run: about a second each at most, so the run never holds the renderer long.
RENDER_AHEAD_PAGES = 20


def scheduler_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat() -> None:
    with new_session() as session:
        health.beat(session, name=scheduler_name(), now=clock.now())


def expire() -> None:
    """Makes open invitations whose deadline day has ended in Amsterdam ``verlopen``."""
    with new_session() as session:
        expired = expire_overdue(session, now=clock.now())
    if expired:
        logger.info("expiry: %d invitations expired", len(expired))


def remind() -> None:
    """Queues the reminders due today (an Amsterdam date) that no process has claimed yet."""
    with new_session() as session:
        reminded = send_due_reminders(session, today=clock.today(), now=clock.now())
    if reminded:
        logger.info("reminders: %d invitations reminded", reminded)


def complete() -> None:
    """Completes rounds whose invitations are all final and tells the handler once."""
    with new_session() as session:
        completed = complete_finished_rounds(session, now=clock.now(), base_url=current_app.config["BASE_URL"])
    if completed:
        logger.info("completion: %d rounds completed", len(completed))


def send_mail() -> None:
    """Sends the mail that is due in the outbox; a message another run holds is left to it."""
    config = current_app.config
    report = dispatch_due(
        new_session,
        now=clock.now(),
        smtp=SmtpSettings.from_config(config),
        policy=OutboxPolicy.from_config(config),
        on_results=delivery.recorder(config["BASE_URL"]),
    )
    if report.batches:
        logger.info(
            "outbox: %d sent, %d to retry, %d deferred (no connection), %d failed, %d taken over by another run",
            report.sent,
            report.retried,
            report.deferred,
            report.failed,
            report.lost,
        )


def receive_bounce(app: Flask) -> bounce_listener.OnReport:
    """Records one report that came back, in its own transaction (the listener calls it from its threads)."""

    def on_report(outbox_id: int, raw: bytes) -> None:
        with app.app_context(), new_session() as session:
            base_url = app.config["BASE_URL"]
            bounces.record_report(session, outbox_id, read_report(raw), now=clock.now(), base_url=base_url)
            session.commit()

    return on_report


def read_bounce_mailbox() -> None:
    """Records the reports in the mailbox ``ZIENSWIJZE_BOUNCE_IMAP`` names, and deletes them once recorded."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    config = app.config
    address = bounce_address(config)
    if address is None or config.get("BOUNCE_IMAP") is None:
        return
    security, host, port, user, mailbox = config["BOUNCE_IMAP"]
    settings = bounce_mailbox.MailboxSettings(security, host, port, user, mailbox, config["BOUNCE_IMAP_PASSWORD"])
    result = bounce_mailbox.poll(settings, address, receive_bounce(app), timeout=config["MAIL_TIMEOUT_SECONDS"])
    if result.recorded:
        logger.info("bounce mailbox: %d reports recorded", result.recorded)


def start_bounce_listener(app: Flask) -> bounce_listener.BounceController | None:
    """The listener ``ZIENSWIJZE_BOUNCE_LISTEN`` names, started beside the scheduler; its thread ends with
    the process, and a report cut off by that is sent again by its server, as it got no reply.

    A port already taken (by a second scheduler on the host) is logged and the scheduler runs on: its
    jobs are safe to run twice, and the bounces are read by the process that holds the port.
    """
    address, listen = bounce_address(app.config), app.config.get("BOUNCE_LISTEN")
    if address is None or listen is None:
        return None
    try:
        listener = bounce_listener.start(listen, address, receive_bounce(app))
    except OSError:
        logger.exception("bounce listener: cannot listen on %s port %d; the scheduler runs without it", *listen[1:])
        return None
    app.extensions[BOUNCE_LISTENER_KEY] = listener
    return listener


def erase_expired() -> None:
    """Erases the personal data of decided cases whose organisation's retention period has ended."""
    with new_session() as session:
        erased = retention.erase_due(
            session, today=clock.today(), now=clock.now(), upload_dir=Path(current_app.config["UPLOAD_DIR"])
        )
    for case in erased:
        logger.info("retention: personal data of case %s (%s) erased", case.reference, case.organisation)


def render_pages() -> None:
    """Renders the page images of newly imported documents, so the first stakeholder does not wait."""
    with new_session() as session:
        rendered = render_ahead(
            session, upload_dir=Path(current_app.config["UPLOAD_DIR"]), now=clock.now(), budget=RENDER_AHEAD_PAGES
        )
    if rendered:
        logger.info("page images: %d pages rendered ahead", rendered)


# In this order, so one run expires before it reminds, completes what expired, and then sends it all;
# rendering pages ahead sends nothing, so it comes last and never delays the mail.
JOBS: dict[str, Callable[[], None]] = {
    "heartbeat": beat,
    "expiry": expire,
    "reminders": remind,
    "completion": complete,
    "outbox": send_mail,
    "bounce-mailbox": read_bounce_mailbox,
    "retention": erase_expired,
    "page-images": render_pages,
}


def run_once(app: Flask) -> dict[str, str | None]:
    """Runs every job once, for cron-style deployments and tests: each job's name and its error, if it failed.

    A job that fails does not stop the ones after it: mail still goes out when reminders break.
    """
    with app.app_context():
        return {name: _guarded(name, job)() for name, job in JOBS.items()}


def _guarded(name: str, job: Callable[[], None]) -> Callable[[], str | None]:
    """The job, its failure caught, logged and recorded for /healthz rather than raised into the others."""

    def run() -> str | None:
        error = None
        started = time.monotonic()
        try:
            job()
        except Exception as failure:  # any failure of one job must leave the other jobs running
            logger.exception("job %s failed", name)
            error = f"{type(failure).__name__}: {failure}"
        seconds = time.monotonic() - started
        try:
            with new_session() as session:
                health.record_job_run(session, name=name, now=clock.now(), seconds=seconds, error=error)
        except SQLAlchemyError:
            logger.exception("job %s: its run could not be recorded", name)
        return error

    return run


def build_scheduler(app: Flask, scheduler_class: type[BaseScheduler] = BlockingScheduler) -> BaseScheduler:
    """Every job on an interval, first run at once; a job still running is never started beside itself."""
    scheduler = scheduler_class(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    config = app.config
    intervals = {
        "heartbeat": config["SCHEDULER_HEARTBEAT_SECONDS"],
        "outbox": config["OUTBOX_INTERVAL_SECONDS"],
    }
    for name, job in JOBS.items():
        scheduler.add_job(
            _in_context(app, _guarded(name, job)),
            "interval",
            seconds=intervals.get(name, config["SCHEDULER_JOB_INTERVAL_SECONDS"]),
            id=name,
            name=name,
            next_run_time=clock.now(),
        )
    return scheduler


def _in_context(app: Flask, job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        with app.app_context():
            job()

    return run


def _stop(scheduler: BaseScheduler) -> None:
    """At exit, without waiting for a running job: its claims are leased and another run takes them over."""
    if scheduler.running:
        scheduler.shutdown(wait=False)


def should_start_in_process(
    mode: str, *, testing: bool, debug: bool, reloader_child: bool, cli_command: str | None
) -> bool:
    """Whether this process is the one web process that runs the scheduler.

    Not in tests; not for a CLI command other than ``flask run`` (``init-db`` must not start sending
    mail); not in the parent the debug reloader keeps to watch files, only in the child it serves from.
    """
    if mode != "in-process" or testing:
        return False
    if cli_command is not None and cli_command != "run":
        return False
    return reloader_child or not debug


def init_app(app: Flask) -> None:
    """Starts the scheduler in this web process when so configured; see ``should_start_in_process``."""
    context = click.get_current_context(silent=True)
    if not should_start_in_process(
        app.config.get("SCHEDULER_MODE", "separate"),
        testing=app.testing,
        debug=app.debug,
        reloader_child=is_running_from_reloader(),
        cli_command=context.info_name if context is not None else None,
    ):
        return
    scheduler = build_scheduler(app, BackgroundScheduler)
    scheduler.start()
    app.extensions[IN_PROCESS_KEY] = scheduler
    start_bounce_listener(app)
    atexit.register(_stop, scheduler)
    logger.info("scheduler started in the web process (ZIENSWIJZE_SCHEDULER=in-process)")
