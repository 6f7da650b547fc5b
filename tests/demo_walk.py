"""The demo case walked to a decision with every kind of outcome, through the services and the API.

S1 gives no view; S2 objects to the whole of document 7 (honoured on 5.1.2f) and consents to the
disclosure of a passage of document 24 (honoured); S3 asks for an extra passage of document 40
(honoured); S4 asks for an extra passage of document 10 (partly honoured: a shorter passage); S5
objects to the whole of document 41 (refused).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import col, select

from tests.api.calls import token_for
from zienswijze import clock
from zienswijze.db import Case, Document, Invitation, ProposedRedaction, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.demo.loader import DEMO_DATA, ORGANISATION, REFERENCE, load_demo
from zienswijze.domain.deadlines import deadline_moment
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput
from zienswijze.files.letters import letter_pdf
from zienswijze.services import responses
from zienswijze.services.context import Actor
from zienswijze.services.stakeholder_access import open_invitation

START = date(2024, 7, 16)
EXTRA_40 = (2, "Toelichting en vervolgstappen.")
ASKED_10 = (1, "Dit stuk gaat over het dashboard dat gemeenten inzicht geeft in risico's op ondermijning.")
MARKED_10 = (1, "risico's op ondermijning")


def _submit(app, code: str, position: Position, items) -> None:
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case).where(Case.reference == REFERENCE)).one()
        stakeholder = session.exec(select(Stakeholder).where(Stakeholder.code == code)).one()
        invitation = session.exec(select(Invitation).where(Invitation.stakeholder_id == stakeholder.id)).one()
        actor = Actor.stakeholder(case.organisation_id)
        open_invitation(session, actor, invitation_id=invitation.id, now=clock.now())
        data = ResponseInput(position=position, items=tuple(items(session)), email_consent=True)
        responses.submit(session, actor, invitation_id=invitation.id, data=data, now=clock.now(), today=clock.today())


def _document(session, number: int) -> int:
    return session.exec(select(Document.id).where(Document.number == number)).one()


def _redaction(session, number: int, starting: str) -> int:
    return session.exec(
        select(ProposedRedaction.id)
        .join(Document)
        .where(Document.number == number, col(ProposedRedaction.passage).startswith(starting))
    ).one()


def _extra(number: int, where: tuple[int, str], reasons: str):
    """A request to withhold one more passage of a document, on 5.1.2f."""
    page, passage = where
    return lambda s: [
        ItemInput(
            ItemKind.EXTRA_LAKKING,
            _document(s, number),
            page=page,
            passage=passage,
            ground_code="5.1.2f",
            reasons=reasons,
        )
    ]


def _views(app) -> None:
    _submit(
        app,
        "S2",
        Position.GEDEELTELIJK_BEZWAAR,
        lambda s: [
            ItemInput(ItemKind.BEZWAAR, _document(s, 7), reasons="Het hele advies is vertrouwelijk."),
            ItemInput(ItemKind.TOESTEMMING, _document(s, 24), _redaction(s, 24, "De beheeromgeving")),
        ],
    )
    _submit(app, "S3", Position.GEDEELTELIJK_BEZWAAR, _extra(40, EXTRA_40, "Hieruit blijkt onze aanpak."))
    _submit(app, "S4", Position.GEDEELTELIJK_BEZWAAR, _extra(10, ASKED_10, "Dit verraadt ons product."))
    _submit(
        app,
        "S5",
        Position.BEZWAAR,
        lambda s: [ItemInput(ItemKind.BEZWAAR, _document(s, 41), reasons="Beveiliging van het rekencentrum.")],
    )


WEIGHING = {
    ("S1", None): {"outcome": "niet gehonoreerd", "motivation": "Geen belang dat zwaarder weegt."},
    ("S2", 7): {"outcome": "gehonoreerd", "motivation": "Bedrijfsgevoelig advies.", "ground": "5.1.2f"},
    ("S2", 24): {"outcome": "gehonoreerd", "motivation": "Geen ander belang verzet zich."},
    ("S3", 40): {"outcome": "gehonoreerd", "motivation": "Concurrentiegevoelig.", "ground": "5.1.2f"},
    ("S4", 10): {
        "outcome": "deels gehonoreerd",
        "motivation": "Alleen het onderwerp van het product.",
        "ground": "5.1.2f",
        "marked": [{"page": MARKED_10[0], "passage": MARKED_10[1]}],
    },
    ("S5", 41): {"outcome": "niet gehonoreerd", "motivation": "De passage over back-ups is al weggelakt."},
}


def walk_to_decision(app, client, make_handler, clock_at):
    """The demo case, consulted, every view weighed via the API, the decision recorded after the terms and its
    letter uploaded; returns the client, the API headers, the case id and the decision's answer."""
    clock_at(deadline_moment(START) - timedelta(hours=12))
    with app.app_context(), new_session() as session:
        load_demo(session, data_dir=DEMO_DATA, upload_dir=Path(app.config["UPLOAD_DIR"]), today=clock.today())
        case_id = session.exec(select(Case.id).where(Case.reference == REFERENCE)).one()
    auth = token_for(app, make_handler("walk@demo.example.org", ORGANISATION))
    started = client.post(
        f"/api/v1/cases/{case_id}/rounds",
        json={"term_days": 9, "extension_max_days": 0, "auto_grant_extensions": False},
        headers=auth,
    )
    assert started.status_code == 201, started.json
    _views(app)
    clock_at(deadline_moment(date(2024, 7, 26)))
    items = client.get(f"/api/v1/cases/{case_id}/weighing", headers=auth).json["items"]
    for item in items:
        body = WEIGHING[(item["stakeholder_code"], item["document_number"])]
        recorded = client.put(f"/api/v1/weighing-items/{item['id']}", json=body, headers=auth)
        assert recorded.status_code == 200, recorded.json
    decided = client.post(
        f"/api/v1/cases/{case_id}/decision",
        json={"decided_on": "2024-07-26", "announced_on": "2024-07-26"},
        headers=auth,
    )
    assert decided.status_code == 201, decided.json
    letter = client.put(
        f"/api/v1/cases/{case_id}/decision/letter",
        data={"file": (io.BytesIO(letter_pdf("Besluit", f"Besluit op het Woo-verzoek {REFERENCE}")), "besluit.pdf")},
        headers=auth,
        content_type="multipart/form-data",
    )
    assert letter.status_code == 200, letter.json
    return client, auth, case_id, decided.json
