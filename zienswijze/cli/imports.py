"""``flask --app app import-inventory``: the inventory import of the handler's page, for operators and scripts."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlmodel import Session, select

from zienswijze.db import Case, Organisation
from zienswijze.db.session import new_session
from zienswijze.services.context import Actor
from zienswijze.services.imports import ImportRejected
from zienswijze.services.inventory_import import import_inventory

ACTOR = "cli:import-inventory"


@click.command("import-inventory")
@with_appcontext
@click.argument("case_ref")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--redactions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The proposed redactions (lakvoorstel) as CSV or XLSX.",
)
@click.option(
    "--documents",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder with the PDFs; each is matched by the inventory's 'bestand' column or its leading number.",
)
@click.option("--organisation", default=None, help="The body whose case it is, when the reference is not unique.")
def import_inventory_command(
    case_ref: str, file: Path, redactions: Path | None, documents: Path | None, organisation: str | None
) -> None:
    """Import an inventory list (CSV or XLSX) into a case: all rows or, when one is wrong, none."""
    pdfs = (
        {path.name: path.read_bytes() for path in sorted(documents.iterdir()) if _is_pdf_name(path)}
        if documents
        else {}
    )
    with new_session() as session:
        case = _case(session, case_ref, organisation)
        try:
            result = import_inventory(
                session,
                Actor.system(ACTOR, case.organisation_id),
                case_id=case.id,
                inventory=(file.name, file.read_bytes()),
                redactions=(redactions.name, redactions.read_bytes()) if redactions else None,
                documents=pdfs,
                upload_dir=Path(current_app.config["UPLOAD_DIR"]),
                max_bytes=current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024,
            )
        except ImportRejected as rejected:
            for error in rejected.issues:
                click.echo(str(error), err=True)
            click.echo(f"nothing was imported: {len(rejected.issues)} errors", err=True)
            raise SystemExit(1) from None
    click.echo(
        f"imported into {case_ref}: {result.documents} documents, {result.files} PDFs, "
        f"{result.redactions} proposed redactions, {result.concerns} stakeholder concerns"
    )
    for warning in result.warnings:
        click.echo(f"waarschuwing: {warning}")


def _case(session: Session, reference: str, organisation: str | None) -> Case:
    """The case with this reference; a reference used by more than one body needs --organisation."""
    query = select(Case, Organisation.name).join(Organisation).where(Case.reference == reference)
    if organisation is not None:
        query = query.where(Organisation.name == " ".join(organisation.split()))
    found = session.exec(query).all()
    if not found:
        where = f" in organisation {organisation!r}" if organisation else ""
        raise click.ClickException(f"there is no case {reference}{where}")
    if len(found) > 1:
        names = ", ".join(sorted(name for _, name in found))
        raise click.ClickException(
            f"case {reference} exists in several organisations ({names}); choose with --organisation"
        )
    return found[0][0]


def _is_pdf_name(path: Path) -> bool:
    """Only PDFs are taken from the folder (its content is still checked), so notes beside them are ignored."""
    return path.is_file() and path.suffix.lower() == ".pdf"
