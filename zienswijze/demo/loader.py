"""Loads the fictional demo case: documents as real PDFs, proposed redactions, stakeholders, a handler.

The case is dated from the day it is loaded, so a newcomer finds a request whose decision term still
runs, ready to be consulted on, not one that was due in 2024. The documents keep their own dates: they
were written before the request, and their texts name their years.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, select

from zienswijze.db import Case, Document, ProposedRedaction, Stakeholder, User
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.deadlines import working_days_before
from zienswijze.domain.decision_term import woo_decision_deadline
from zienswijze.services.accounts import add_user, ensure_organisation
from zienswijze.services.context import Actor
from zienswijze.services.imports import import_stakeholders
from zienswijze.services.inventory_import import import_inventory

DEMO_DATA = Path(__file__).resolve().parent / "data"
ORGANISATION = "Statistiekbureau Voorbeeldland (demo)"
REFERENCE = "DEMO-2024-136"
SUBJECT = "Informatie over het dashboard Zicht op risico's"
# Received a week of working days ago: four weeks to decide (Woo art. 4.4) leave three, enough for a
# consultation of two weeks now.
RECEIVED_WORKING_DAYS_AGO = 5
# Development only: printed by `make run` so a newcomer can log in.
HANDLER_EMAIL = "behandelaar@demo.example.org"
HANDLER_PASSWORD = "demo-wachtwoord-2024"
ACTOR = "demo-loader"
MAX_PDF_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class DemoResult:
    created: bool
    documents: int
    redactions: int
    stakeholders: int

    def summary(self) -> str:
        what = "loaded" if self.created else "already present"
        return (
            f"demo case {REFERENCE} {what}: {self.documents} documents, {self.redactions} proposed redactions, "
            f"{self.stakeholders} stakeholders\n"
            f"demo login: {HANDLER_EMAIL} / {HANDLER_PASSWORD}"
        )


def load_demo(session: Session, *, data_dir: Path, upload_dir: Path, today: date) -> DemoResult:
    """Creates the demo case once, dated from ``today``; a second call finds it and changes nothing.

    The stakeholders and the inventory are two imports, each committed on its own; a run that stopped
    between them is completed by the next one rather than reported as present.
    """
    organisation = ensure_organisation(session, ORGANISATION)
    case = session.exec(
        select(Case).where(Case.organisation_id == organisation.id, Case.reference == REFERENCE)
    ).first()
    if case is not None and _counts(session, case, created=False).documents:
        return _counts(session, case, created=False)
    if case is None:
        case = _new_case(session, organisation, today)
    if not session.exec(select(Stakeholder.id).where(Stakeholder.case_id == case.id)).first():
        import_stakeholders(
            session,
            Actor.system(ACTOR, organisation.id),
            case_id=case.id,
            table=("belanghebbenden.csv", (data_dir / "belanghebbenden.csv").read_bytes()),
        )
    inventory, documents = _inventory_with_pdfs(data_dir)
    import_inventory(
        session,
        Actor.system(ACTOR, organisation.id),
        case_id=case.id,
        inventory=("inventaris.csv", inventory),
        redactions=("lakvoorstel.csv", (data_dir / "lakvoorstel.csv").read_bytes()),
        documents=documents,
        upload_dir=upload_dir,
        max_bytes=MAX_PDF_BYTES,
    )
    return _counts(session, case, created=True)


def received_on(today: date) -> date:
    """The day the demo request arrived when the demo is loaded on ``today``: always a working day."""
    return working_days_before(today, RECEIVED_WORKING_DAYS_AGO)


def _new_case(session: Session, organisation, today: date) -> Case:
    if session.exec(select(User).where(User.email == HANDLER_EMAIL)).first() is None:
        add_user(
            session,
            email=HANDLER_EMAIL,
            organisation_name=ORGANISATION,
            password=HANDLER_PASSWORD,
            display_name="Demo Behandelaar",
            is_admin=True,
        )
    organisation.contact_email = "woo@demo.example.org"
    organisation.contact_phone = "070 000 00 00"
    organisation.objection_address = "Postbus 1000\n2500 AA Den Haag"
    received = received_on(today)
    case = Case(
        organisation_id=organisation.id,
        reference=REFERENCE,
        subject=SUBJECT,
        requester_name="Verzoeker (fictief)",
        received=received,
        decision_deadline=woo_decision_deadline(received),
        contact_name="Demo Behandelaar",
        contact_email="woo@demo.example.org",
    )
    session.add(case)
    session.flush()
    return case


def _inventory_with_pdfs(data_dir: Path) -> tuple[bytes, dict[str, bytes]]:
    """The inventory with a ``bestand`` column, and a real PDF under each of those names.

    The demo goes through the same import a handler uses, so what the demo shows is what an import gives.
    """
    texts = json.loads((data_dir / "documenten.json").read_text(encoding="utf-8"))
    with (data_dir / "inventaris.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = [*(reader.fieldnames or []), "bestand"]
    documents: dict[str, bytes] = {}
    for row in rows:
        number = int(row["nummer"])
        row["bestand"] = f"document-{number:03d}.pdf"
        documents[row["bestand"]] = text_pdf(row["omschrijving"], texts.get(str(number), [[row["omschrijving"]]]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8"), documents


def _counts(session: Session, case: Case, *, created: bool) -> DemoResult:
    document_ids = [d.id for d in session.exec(select(Document).where(Document.case_id == case.id))]
    in_case = col(ProposedRedaction.document_id).in_(document_ids)
    redactions = session.exec(select(ProposedRedaction).where(in_case)).all()
    stakeholders = session.exec(select(Stakeholder).where(Stakeholder.case_id == case.id)).all()
    return DemoResult(created, len(document_ids), len(redactions), len(stakeholders))
