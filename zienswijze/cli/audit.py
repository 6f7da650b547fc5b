"""``flask --app app audit verify CASE_REF``: checks a case's audit trail and names the first broken event."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlmodel import select

from zienswijze.cli.imports import _case as case_for_reference
from zienswijze.db import AuditEvent
from zienswijze.db.session import new_session
from zienswijze.services.audit import verify_case


@click.group("audit")
def audit() -> None:
    """The tamper-evident audit trail."""


@audit.command("verify")
@with_appcontext
@click.argument("case_ref")
@click.option("--organisation", default=None, help="The body whose case it is, when the reference is not unique.")
def verify(case_ref: str, organisation: str | None) -> None:
    """Recompute the hash chain of a case; exit 1 and name the first broken event when it does not hold."""
    with new_session() as session:
        case = case_for_reference(session, case_ref, organisation)
        result = verify_case(session, case.id)
        if result.intact:
            click.echo(f"audit trail of {case_ref} is intact: {result.events} events")
            return
        if result.first_broken is not None:
            first = session.exec(select(AuditEvent).where(AuditEvent.id == result.first_broken)).one()
            click.echo(
                f"audit trail of {case_ref} is broken: first broken event {first.id} ({first.kind}, "
                f"{first.occurred_at.isoformat()}); {len(result.broken)} of {result.events} events do not hold",
                err=True,
            )
        if not result.end_holds:
            click.echo(
                f"audit trail of {case_ref} does not end where it was last written: {result.events} events "
                f"found, {result.recorded} recorded; its last events were removed or replaced",
                err=True,
            )
    raise SystemExit(1)
