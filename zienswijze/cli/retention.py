"""``flask --app app retention [--dry-run]``: erases, or lists, the cases whose retention period has ended."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from zienswijze import clock
from zienswijze.db.session import new_session
from zienswijze.services.retention import due_cases, erase_due


@click.command("retention")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Only list the cases whose personal data would be erased.")
def retention_command(dry_run: bool) -> None:
    """Erase the personal data of decided cases whose organisation's retention period has ended (the
    scheduler's ``retention`` job does the same every run)."""
    with new_session() as session:
        if dry_run:
            cases = due_cases(session, clock.today())
        else:
            upload_dir = Path(current_app.config["UPLOAD_DIR"])
            cases = erase_due(session, today=clock.today(), now=clock.now(), upload_dir=upload_dir)
    verb = "would be erased" if dry_run else "erased"
    for case in cases:
        click.echo(
            f"{case.organisation}\t{case.reference}\tdecided {case.decided_on.isoformat()}\t"
            f"due {case.due_on.isoformat()}\t{verb}"
        )
    click.echo(f"{len(cases)} cases {verb}")
