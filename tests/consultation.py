"""A case with a consultation round started, for tests of the stakeholder's side."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlmodel import select

from tests.helpers import csrf_token_from
from zienswijze import clock
from zienswijze.db import (
    Case,
    Concern,
    Contact,
    Document,
    Ground,
    Invitation,
    OutboxMessage,
    ProposedRedaction,
    Stakeholder,
)
from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.cases import Assessment, StakeholderKind
from zienswijze.files.store import store_file
from zienswijze.services.accounts import ensure_organisation
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.rounds import RoundSettings, start_round

LINK = re.compile(r"https?://[^/\s]+(/z/\S+)")


def start_consultation(app, settings: RoundSettings | None = None) -> dict[str, str]:
    """Stakeholders S1 (two contacts) and S2, each concerned by their own document with one proposed
    redaction on a real PDF; returns the path of each stakeholder's link by code."""
    with app.app_context(), new_session() as session:
        organisation = ensure_organisation(session, "Gemeente A")
        organisation.contact_email = "woo@gemeente-a.example.org"
        case = Case(
            organisation_id=organisation.id,
            reference="W-2024-1",
            subject="Dashboard",
            received=date(2024, 4, 8),
            requester_name="Geheime Verzoeker",
            contact_name="Mr. Behandelaar",
            contact_email="behandelaar@gemeente-a.example.org",
        )
        session.add(case)
        session.flush()
        privacy = session.exec(
            select(Ground).where(Ground.organisation_id == organisation.id, Ground.code == "5.1.2e")
        ).one()
        for number, code, emails in (
            (1, "S1", ["s1@example.com", "s1-juridisch@example.com"]),
            (2, "S2", ["s2@example.com"]),
        ):
            pdf = text_pdf(f"Document van {code}", [[f"Document van {code}.", f"Contactpersoon: P. van {code}."]])
            stored = store_file(
                session,
                upload_dir=Path(app.config["UPLOAD_DIR"]),
                data=pdf,
                content_type="application/pdf",
                page_count=1,
            )
            document = Document(
                case_id=case.id,
                number=number,
                title=f"Document van {code}",
                assessment=Assessment.DEELS_OPENBAAR,
                ground_codes=["5.1.2e"],
                file_sha256=stored.sha256,
                file_name=f"document-{number}.pdf",
            )
            stakeholder = Stakeholder(case_id=case.id, code=code, name=f"Bedrijf {code}", kind=StakeholderKind.BEDRIJF)
            session.add_all([document, stakeholder])
            session.flush()
            session.add(
                ProposedRedaction(
                    document_id=document.id,
                    page=1,
                    passage=f"P. van {code}",
                    ground_id=privacy.id,
                    reason="Naam van een medewerker.",
                )
            )
            session.add(Concern(stakeholder_id=stakeholder.id, document_id=document.id))
            session.add_all(Contact(stakeholder_id=stakeholder.id, email=email) for email in emails)
        session.commit()
        start_round(
            session,
            Actor.user(case.organisation_id, None),
            case_id=case.id,
            settings=settings or RoundSettings(),
            links=LinkSettings.from_config(app.config, clock.today()),
        )
        bodies = {m.to_address: m.body_text for m in session.exec(select(OutboxMessage))}
    return {code: LINK.search(bodies[f"{code.lower()}@example.com"]).group(1) for code in ("S1", "S2")}


def open_file(app, link: str):
    """A test client that followed a stakeholder's link and so holds their file in its session."""
    client = app.test_client()
    landing = client.get(link)
    client.post(link, data={"csrf_token": csrf_token_from(landing.text)})
    return client


def ids(app, code: str) -> dict[str, int]:
    """The stakeholder, invitation, document and redaction ids of a stakeholder."""
    with app.app_context(), new_session() as session:
        invitation, stakeholder = session.exec(
            select(Invitation, Stakeholder).join(Stakeholder).where(Stakeholder.code == code)
        ).one()
        document_id = session.exec(select(Concern.document_id).where(Concern.stakeholder_id == stakeholder.id)).one()
        redaction_id = session.exec(
            select(ProposedRedaction.id).where(ProposedRedaction.document_id == document_id)
        ).one()
    return {
        "stakeholder": stakeholder.id,
        "invitation": invitation.id,
        "document": document_id,
        "redaction": redaction_id,
    }
