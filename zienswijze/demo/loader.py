"""Loads the fictional demo case: documents as real PDFs, proposed redactions, stakeholders, a handler."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from zienswijze.db import Case, Concern, Contact, Document, Ground, ProposedRedaction, Stakeholder, User
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.cases import Assessment, StakeholderKind
from zienswijze.domain.deadlines import woo_decision_deadline
from zienswijze.domain.grounds import normalize_code
from zienswijze.services.accounts import add_user, ensure_organisation
from zienswijze.services.files import store_file

DEMO_DATA = Path(__file__).resolve().parent / "data"
ORGANISATION = "Statistiekbureau Voorbeeldland (demo)"
REFERENCE = "DEMO-2024-136"
SUBJECT = "Informatie over het dashboard Zicht op risico's"
RECEIVED = date(2024, 4, 8)
# Development only: printed by `make run` so a newcomer can log in.
HANDLER_EMAIL = "behandelaar@demo.example.org"
HANDLER_PASSWORD = "demo-wachtwoord-2024"


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


def load_demo(session: Session, *, data_dir: Path, upload_dir: Path) -> DemoResult:
    """Creates the demo case once; a second call finds it and changes nothing."""
    organisation = ensure_organisation(session, ORGANISATION)
    existing = session.exec(
        select(Case).where(Case.organisation_id == organisation.id, Case.reference == REFERENCE)
    ).first()
    if existing is not None:
        return _counts(session, existing, created=False)

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
    case = Case(
        organisation_id=organisation.id,
        reference=REFERENCE,
        subject=SUBJECT,
        requester_name="Verzoeker (fictief)",
        received=RECEIVED,
        decision_deadline=woo_decision_deadline(RECEIVED),
        contact_name="Demo Behandelaar",
        contact_email="woo@demo.example.org",
    )
    session.add(case)
    session.flush()

    texts = json.loads((data_dir / "documenten.json").read_text(encoding="utf-8"))
    documents: dict[int, Document] = {}
    concerned: dict[str, list[Document]] = {}
    for row in _rows(data_dir / "inventaris.csv"):
        number = int(row["nummer"])
        pages = texts.get(str(number), [[row["omschrijving"]]])
        stored = store_file(
            session,
            upload_dir=upload_dir,
            data=text_pdf(row["omschrijving"], pages),
            content_type="application/pdf",
            page_count=len(pages),
        )
        document = Document(
            case_id=case.id,
            number=number,
            title=row["omschrijving"],
            document_date=date.fromisoformat(row["datum"]),
            assessment=Assessment(row["beoordeling"]),
            ground_codes=_codes(row["gronden"]),
            link=row["link"] or None,
            duplicate_of_number=int(row["dubbel_van"]) if row["dubbel_van"] else None,
            file_sha256=stored.sha256,
            file_name=f"document-{number:03d}.pdf",
        )
        session.add(document)
        documents[number] = document
        for code in _split(row["belanghebbenden"]):
            concerned.setdefault(code, []).append(document)
    session.flush()

    grounds = {g.code: g for g in session.exec(select(Ground).where(Ground.organisation_id == organisation.id))}
    for row in _rows(data_dir / "lakvoorstel.csv"):
        session.add(
            ProposedRedaction(
                document_id=documents[int(row["document"])].id,
                page=int(row["pagina"]),
                passage=row["passage"],
                ground_id=grounds[normalize_code(row["grond"])].id,
                reason=row["toelichting"],
            )
        )

    for row in _rows(data_dir / "belanghebbenden.csv"):
        stakeholder = Stakeholder(
            case_id=case.id, code=row["code"], name=row["naam"], kind=StakeholderKind(row["soort"])
        )
        session.add(stakeholder)
        session.flush()
        session.add(Contact(stakeholder_id=stakeholder.id, email=row["email"]))
        session.add_all(
            Concern(stakeholder_id=stakeholder.id, document_id=d.id) for d in concerned.get(row["code"], [])
        )
    session.commit()
    return _counts(session, case, created=True)


def _counts(session: Session, case: Case, *, created: bool) -> DemoResult:
    document_ids = [d.id for d in session.exec(select(Document).where(Document.case_id == case.id))]
    redactions = session.exec(select(ProposedRedaction).where(ProposedRedaction.document_id.in_(document_ids))).all()
    stakeholders = session.exec(select(Stakeholder).where(Stakeholder.case_id == case.id)).all()
    return DemoResult(created, len(document_ids), len(redactions), len(stakeholders))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(";") if part.strip()]


def _codes(raw: str) -> list[str]:
    return [normalize_code(code) for code in _split(raw)]
