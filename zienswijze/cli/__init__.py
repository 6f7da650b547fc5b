"""``flask --app app …`` commands for operators; each is a thin adapter around a service."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from zienswijze import clock
from zienswijze.cli.audit import audit
from zienswijze.cli.imports import import_inventory_command
from zienswijze.cli.retention import retention_command
from zienswijze.cli.sign_in import password_login
from zienswijze.db import migrate
from zienswijze.db.session import engine, new_session
from zienswijze.domain.dates import calendar_day
from zienswijze.domain.deadlines import earliest_disclosure, explain_term_end, format_date_nl
from zienswijze.services.accounts import (
    AccountError,
    change_password,
    issue_api_token,
    register_user,
    revoke_api_token,
)
from zienswijze.services.closed_days import ClosedDayError, closed_days_for
from zienswijze.services.errors import Invalid


def init_app(app: Flask) -> None:
    for command in (
        init_db,
        create_user,
        set_password,
        create_api_token,
        revoke_api_token_command,
        load_demo_command,
        deadline,
        scheduler,
        jobs,
        import_inventory_command,
        audit,
        password_login,
        retention_command,
    ):
        app.cli.add_command(command)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Bring the database to the latest schema (safe to run again)."""
    migrate.upgrade(engine())
    click.echo("database is at the latest schema")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--organisation", required=True, help="Name of the body; created when new.")
@click.option("--name", "display_name", default="", help="Name shown in the pages.")
@click.option("--admin", is_flag=True, help="May manage the organisation's settings, such as closed days.")
def create_user(email: str, organisation: str, display_name: str, admin: bool) -> None:
    """Create a handler account; the password is read from standard input or prompted for."""
    password = _read_password()
    with new_session() as session:
        try:
            user = register_user(
                session,
                email=email,
                organisation_name=organisation,
                password=password,
                display_name=display_name,
                is_admin=admin,
            )
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"created user {user.email} in {organisation}")


@click.command("set-password")
@with_appcontext
@click.argument("email")
def set_password(email: str) -> None:
    """Give a handler a new password, read from standard input or prompted for; it ends all their sessions
    and lifts a lockout."""
    password = _read_password()
    with new_session() as session:
        try:
            user = change_password(session, email=email, password=password, by="cli:set-password")
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"new password set for {user.email}; every session of theirs has ended")


def _read_password() -> str:
    """Prompted for at a terminal, else the first line of standard input, so a script can pipe it in."""
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-api-token")
@with_appcontext
@click.argument("email")
@click.option("--name", default="", help="What the token is for, e.g. the case system's name.")
def create_api_token(email: str, name: str) -> None:
    """Create an API token for a user and print it; it is shown only this once."""
    with new_session() as session:
        try:
            token = issue_api_token(session, email=email, name=name)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo("API token (store it now; only its hash is kept):")
    click.echo(token)


@click.command("revoke-api-token")
@with_appcontext
@click.argument("token")
def revoke_api_token_command(token: str) -> None:
    """Revoke an API token at once, named by the whole token or by its first ten characters."""
    with new_session() as session:
        try:
            revoked = revoke_api_token(session, token=token, by="cli:revoke-api-token")
        except AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"API token {revoked.prefix}… revoked; calls with it are refused from now on")


@click.command("load-demo")
@with_appcontext
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def load_demo_command(data_dir: Path | None) -> None:
    """Load the fictional demo case and a demo handler (development only; safe to run again)."""
    from zienswijze.demo.loader import DEMO_DATA, load_demo

    if current_app.config["ENV"] == "production":
        raise click.ClickException("the demo case is not loaded in production")
    with new_session() as session:
        result = load_demo(
            session,
            data_dir=data_dir or DEMO_DATA,
            upload_dir=Path(current_app.config["UPLOAD_DIR"]),
            today=clock.today(),
        )
    click.echo(result.summary())


class Day(click.ParamType):
    """A day read by the one date parser (``2024-07-16`` or ``16-7-2024``), within the Atw calendar."""

    name = "date"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return calendar_day(value)
        except Invalid as invalid:
            self.fail(str(invalid), param, ctx)


@click.command("deadline")
@click.argument("start", type=Day())
@click.option("--weeks", type=click.IntRange(min=0), default=0, help="A term of this many weeks.")
@click.option("--days", type=click.IntRange(min=0), default=0, help="A term of this many days.")
@click.option("--woo", is_flag=True, help="The Woo decision deadline for a request received on START.")
@click.option("--postponed", is_flag=True, help="With --woo: the term was postponed (six weeks).")
@click.option("--disclosure", is_flag=True, help="The earliest disclosure for a decision made known on START.")
@click.option("--organisation", default=None, help="Also skip this organisation's closed days (stakeholder terms).")
@with_appcontext
def deadline(
    start: date, weeks: int, days: int, woo: bool, postponed: bool, disclosure: bool, organisation: str | None
):
    """Print the last day of a term and how it was computed (Algemene termijnenwet)."""
    if sum((woo, disclosure, bool(weeks or days))) != 1:
        raise click.UsageError("give exactly one of --weeks/--days, --woo or --disclosure")
    if organisation and (woo or disclosure):
        raise click.UsageError("closed days never count for statutory Woo terms")
    if woo:
        result, steps = explain_term_end(start, weeks=6 if postponed else 4)
    elif disclosure:
        result, steps = earliest_disclosure(start), []
    else:
        with new_session() as session:
            try:
                closed = closed_days_for(session, organisation) if organisation else {}
            except ClosedDayError as error:
                raise click.ClickException(str(error)) from None
        result, steps = explain_term_end(start, weeks=weeks, days=days, extra_closed=closed)
    click.echo(f"{result.isoformat()} ({format_date_nl(result)})")
    for step in steps:
        click.echo(f"  {step}")


@click.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Run the scheduler in the foreground (one per deployment is enough; more are safe)."""
    from zienswijze.jobs import build_scheduler, start_bounce_listener

    if current_app.config.get("SCHEDULER_MODE") == "in-process":
        raise click.ClickException(
            "ZIENSWIJZE_SCHEDULER=in-process: the web process runs the scheduler; unset it to run this one instead"
        )
    if start_bounce_listener(_app()) is not None:
        protocol, host, port = current_app.config["BOUNCE_LISTEN"]
        click.echo(f"listening for bounces: {protocol.upper()} on {host} port {port}")
    click.echo("scheduler started; Ctrl-C stops it")
    try:
        build_scheduler(_app()).start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("scheduler stopped")


@click.group("jobs")
def jobs() -> None:
    """Scheduled jobs."""


@jobs.command("run-once")
@with_appcontext
def run_once() -> None:
    """Run every due job once (for cron-style deployments); exits 1 when a job failed, after running the others."""
    from zienswijze.jobs import run_once as run_all

    failed = False
    for name, error in run_all(_app()).items():
        click.echo(f"ran {name}" if error is None else f"failed {name}: {error}")
        failed = failed or error is not None
    if failed:
        raise SystemExit(1)


def _app() -> Flask:
    """The application itself rather than its proxy, for a scheduler that outlives the command's context."""
    return current_app._get_current_object()  # type: ignore[attr-defined]  # flask types current_app as Flask, not its LocalProxy
