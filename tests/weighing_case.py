"""A consulted case for the weighing, decision and export tests, built through the real services.

``start_consultation`` sends the round (stakeholders S1 and S2, each with one document and one
proposed redaction); stakeholders open their link and submit through ``services.responses.submit``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import select

from tests.consultation import ids, start_consultation
from zienswijze import clock
from zienswijze.db import Case, ConsultationRound, DecisionNotice, Invitation, User
from zienswijze.db.session import new_session
from zienswijze.demo.pdfs import text_pdf
from zienswijze.domain.limits import AttachmentLimits
from zienswijze.domain.notices import NoticeChannel
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput
from zienswijze.files.letters import letter_pdf
from zienswijze.services import attachments, notices, responses, weighing, weighing_items
from zienswijze.services.accounts import register_user
from zienswijze.services.context import Actor
from zienswijze.services.rounds import RoundSettings
from zienswijze.services.stakeholder_access import open_invitation

# The handler of Gemeente A who weighs the views in the browser tests of a consulted case.
WEIGHER = "afweger@gemeente-a.example.org"

HANDLER = "weger@gemeente-a.example.org"


def submit_view(
    app, code: str, position: Position, items=(), explanation: str = "", *, email_consent: bool = False
) -> None:
    """The stakeholder opens the link and submits, as the dossier page does."""
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, code)["invitation"])
        case = session.exec(select(Case)).one()
        stakeholder = Actor.stakeholder(case.organisation_id)
        open_invitation(session, stakeholder, invitation_id=invitation.id, now=clock.now())
        data = ResponseInput(
            position=position, explanation=explanation, items=tuple(items), email_consent=email_consent
        )
        responses.submit(
            session, stakeholder, invitation_id=invitation.id, data=data, now=clock.now(), today=clock.today()
        )


def objection_of(app, code: str = "S1") -> tuple[ItemInput, ItemInput]:
    """An objection to disclosing a passage and a request for one extra redaction."""
    own = ids(app, code)
    return (
        ItemInput(
            ItemKind.BEZWAAR, own["document"], page=1, passage=f"Omzet van {code}.", reasons="Onze bedrijfsgegevens."
        ),
        ItemInput(
            ItemKind.EXTRA_LAKKING,
            own["document"],
            page=1,
            passage=f"Document van {code}.",
            ground_code="5.1.2f",
            reasons="Concurrentiegevoelig.",
        ),
    )


def consulted_case(
    app, settings: RoundSettings | None = None, *, s2_view: Position | None = None, s1_consent: bool = False
) -> dict:
    """S1 objects and asks for an extra redaction, agreeing to e-mail only if ``s1_consent``; S2 gives
    no view unless ``s2_view`` is given."""
    links = start_consultation(app, settings)
    submit_view(app, "S1", Position.GEDEELTELIJK_BEZWAAR, objection_of(app), email_consent=s1_consent)
    if s2_view is not None:
        submit_view(app, "S2", s2_view)
    with app.app_context(), new_session() as session:
        if session.exec(select(User).where(User.email == HANDLER)).first() is None:
            register_user(session, email=HANDLER, organisation_name="Gemeente A", password="x" * 16)
        user = session.exec(select(User).where(User.email == HANDLER)).one()
        case = session.exec(select(Case)).one()
    return {"links": links, "case": case.id, "reference": case.reference, "user": user.id}


ATTACHMENT_PDF = text_pdf("Onderbouwing", [["Onze onderbouwing van het bezwaar."]])
ATTACHMENT_NAME = 'onderbouwing "bezwaar" – S2.pdf'


def attach_to_view(app, code: str, *, submit: bool) -> int:
    """The stakeholder adds a PDF to a draft with an objection, and submits it if ``submit``."""
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, code)["invitation"])
        case = session.exec(select(Case)).one()
        actor = Actor.stakeholder(case.organisation_id)
        open_invitation(session, actor, invitation_id=invitation.id, now=clock.now())
        item = ItemInput(ItemKind.BEZWAAR, ids(app, code)["document"], reasons="Zie de bijlage.")
        data = ResponseInput(
            position=Position.BEZWAAR, contact_name="M. Jurist", contact_phone="030 123 45 67", items=(item,)
        )
        responses.save_draft(session, actor, invitation_id=invitation.id, data=data, now=clock.now())
        attachment = attachments.add_attachment(
            session,
            actor,
            invitation_id=invitation.id,
            filename=ATTACHMENT_NAME,
            data=ATTACHMENT_PDF,
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            max_bytes=10 * 1024 * 1024,
            limits=AttachmentLimits(max_count=20, max_bytes=100 * 1024 * 1024),
            now=clock.now(),
        )
        attachment_id = attachment.id
        if submit:
            responses.submit(
                session, actor, invitation_id=invitation.id, data=data, now=clock.now(), today=clock.today()
            )
    return attachment_id


def answered_redaction(app) -> dict:
    """``consulted_case`` in which S1 then agrees with its proposed redaction: an answer that refers to it."""
    consulted = consulted_case(app)
    own = ids(app, "S1")
    agreed = ItemInput(ItemKind.AKKOORD, own["document"], redaction_id=own["redaction"])
    submit_view(app, "S1", Position.GEEN_BEZWAAR, [agreed])
    return consulted | own


# The round goes out on Monday 3 June 2024 (two weeks: until 17 June); on Monday 1 July every term has ended.
ROUND_SENT = datetime(2024, 6, 3, 9, tzinfo=UTC)
TERMS_ENDED = datetime(2024, 7, 1, 9, tzinfo=UTC)


def consulted_after_the_terms(app, clock_at, **options) -> dict:
    """``consulted_case`` with its round sent in June 2024 and the clock at 1 July: nothing more can come in,
    so the unanswered invitation can be weighed and the decision taken."""
    clock_at(ROUND_SENT)
    consulted = consulted_case(app, **options)
    clock_at(TERMS_ENDED)
    return consulted


def weigh_all(app, ids_: dict, outcome: str = "niet gehonoreerd") -> None:
    """Weighs every item with one outcome, naming the privacy ground."""
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids_["case"])
        for item in weighing_items.overview(session, case).items:
            weighing.record(
                session,
                Actor.user(case.organisation_id, ids_["user"]),
                case_id=case.id,
                weighing_id=item.id,
                outcome=outcome,
                motivation="Het belang van openbaarheid weegt zwaarder.",
                interests="Bedrijfsbelang tegenover openbaarheid.",
                ground_code="" if item.subject == "geen zienswijze" else "5.1.2e",
                now=clock.now(),
            )


def rounds_sent_at(app, moment: datetime | None) -> None:
    """Dates every round as sent at ``moment`` (None: never sent); the requester's notices check it."""
    with app.app_context(), new_session() as session:
        for round_ in session.exec(select(ConsultationRound)):
            round_.sent_at = moment
        session.commit()


def letter_posted(app, ids_: dict, day: date) -> None:
    """The signed decision letter uploaded on ``day``, and every notice to post posted that day."""
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids_["case"])
        handler = Actor.user(case.organisation_id, ids_["user"])
        notices.upload_letter(
            session,
            handler,
            case_id=case.id,
            data=letter_pdf("Besluit", f"Besluit op het Woo-verzoek {case.reference}"),
            file_name="besluit.pdf",
            upload_dir=Path(app.config["UPLOAD_DIR"]),
            max_bytes=10_000_000,
            today=day,
        )
        for notice in session.exec(select(DecisionNotice).where(DecisionNotice.channel == NoticeChannel.POST)):
            notices.record_posting(
                session, handler, case_id=case.id, stakeholder_id=notice.stakeholder_id, posted_on=day, today=day
            )
