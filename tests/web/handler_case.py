"""A small case built through the services, for the tests of the handler's pages.

Organisation "Gemeente A" (the organisation of ``logged_in_client``) gets case A-2024-1 with three
documents (document 1 with a real two-page PDF), two proposed redactions and two stakeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import select

from zienswijze.db import Case, Document, Invitation, Organisation, ProposedRedaction, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.cases import create_case
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.documents import add_document
from zienswijze.services.redactions import add_redaction
from zienswijze.services.rounds import RoundSettings, start_round
from zienswijze.services.stakeholders import add_stakeholder

RECEIVED = date(2024, 4, 8)
PAGES = [["Verslag van het overleg.", "Aanwezig: J. de Vries en T. Bos."], ["Actiepunten: niets."]]


@dataclass(frozen=True)
class CaseIds:
    case: int
    reference: str
    documents: dict[int, int]  # number -> id
    stakeholders: dict[str, int]  # name -> id
    redactions: list[int]


def build_case(app, *, organisation: str = "Gemeente A", reference: str = "A-2024-1") -> CaseIds:
    upload_dir = Path(app.config["UPLOAD_DIR"])
    with app.app_context(), new_session() as session:
        actor = Actor.system("test", ensure_organisation(session, organisation).id)
        session.commit()
        case = create_case(
            session,
            actor,
            reference=reference,
            subject=f"Dashboard van {organisation}",
            received=RECEIVED,
            requester_name="Verzoeker",
        )
        specs = [
            (1, "Verslag overleg", "deels openbaar", ["5.1.2e"], text_pdf("Verslag overleg", PAGES)),
            (2, "Projectplan", "openbaar", [], None),
            (3, "Nieuwsbericht", "openbaar", [], None),
        ]
        documents = {}
        for number, title, assessment, grounds, pdf in specs:
            document = add_document(
                session,
                case_id=case.id,
                number=number,
                title=title,
                document_date=date(2020, 1, number),
                assessment=assessment,
                ground_codes=grounds,
                pdf=pdf,
                file_name=None,
                upload_dir=upload_dir,
                max_bytes=10_000_000,
            )
            documents[number] = document.id
        session.commit()
        redactions = [
            add_redaction(
                session,
                actor,
                case_id=case.id,
                document_id=documents[1],
                page=1,
                passage=passage,
                ground="5.1.2e",
                reason="Naam van een medewerker.",
                upload_dir=upload_dir,
            ).redaction.id
            for passage in ("J. de Vries", "T. Bos")
        ]
        stakeholders = {}
        for name, emails, numbers in (
            ("Adviesbureau Analyse B.V.", ["juridisch@analyse.example.com"], [1]),
            ("Gemeente Voorbeeldstad", ["woo@voorbeeldstad.example.org", "jurist@voorbeeldstad.example.org"], [1, 2]),
        ):
            stakeholder = add_stakeholder(
                session,
                actor,
                case_id=case.id,
                name=name,
                kind="bedrijf",
                emails=emails,
                document_ids=[documents[n] for n in numbers],
            )
            stakeholders[name] = stakeholder.id
        return CaseIds(case.id, reference, documents, stakeholders, redactions)


def start_a_round(app, ids: CaseIds, *, today: date, term_days: int = 14, user_id: int | None = None) -> list[int]:
    """Starts a round for every stakeholder of the case; returns the invitation ids."""
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids.case)
        round_ = start_round(
            session,
            Actor.user(case.organisation_id, user_id),
            case_id=case.id,
            settings=RoundSettings(term_days=term_days),
            links=LinkSettings.from_config(app.config, today),
        )
        return list(session.exec(select(Invitation.id).where(Invitation.round_id == round_.id).order_by(Invitation.id)))


def redaction_count(app, ids: CaseIds) -> int:
    with app.app_context(), new_session() as session:
        return len(session.exec(select(ProposedRedaction).join(Document).where(Document.case_id == ids.case)).all())


def organisation_id(app, name: str = "Gemeente A") -> int:
    with app.app_context(), new_session() as session:
        return session.exec(select(Organisation.id).where(Organisation.name == name)).one()


def stakeholder_names(app, ids: CaseIds) -> list[str]:
    with app.app_context(), new_session() as session:
        return list(
            session.exec(select(Stakeholder.name).where(Stakeholder.case_id == ids.case).order_by(Stakeholder.id))
        )
