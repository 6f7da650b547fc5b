"""The decision paragraph "Zienswijze derde-belanghebbende(n)" from the record, as text and as .docx."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from zienswijze.db import (
    Case,
    ConsultationRound,
    Document,
    Invitation,
    Organisation,
    ResponseVersion,
    Stakeholder,
    StakeholderResponse,
)
from zienswijze.db.queries import case_invitations
from zienswijze.domain import decision_paragraph as paragraph
from zienswijze.domain import weighing as rules
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.deadlines import AMSTERDAM
from zienswijze.domain.decision_gate import early_decision_note
from zienswijze.domain.grounds import GroundKind, formal_citation
from zienswijze.domain.responses import Channel, Position, VersionStatus
from zienswijze.files.word import word_document
from zienswijze.services import exports, weighing_items
from zienswijze.services.requester_notices import extensions_granted


def facts(session: Session, case: Case, overview: weighing_items.Overview | None = None) -> paragraph.ParagraphFacts:
    """``overview``, when the caller has read the weighing already, is not read again."""
    organisation = session.get_one(Organisation, case.organisation_id)
    overview = overview or weighing_items.overview(session, case)
    rounds = []
    for round_ in session.exec(
        select(ConsultationRound).where(ConsultationRound.case_id == case.id).order_by(col(ConsultationRound.number))
    ):
        invited = session.exec(
            select(Invitation.id).where(
                Invitation.round_id == round_.id, Invitation.state != InvitationState.INGETROKKEN
            )
        ).all()
        sent = (round_.sent_at or round_.created_at).astimezone(AMSTERDAM).date()
        rounds.append(
            paragraph.RoundFacts(sent, round_.deadline, round_.allow_extensions, len(invited), round_.extension_reason)
        )
    answered = _answered(session, case)
    per_stakeholder: dict[int, list[weighing_items.Item]] = defaultdict(list)
    for item in sorted(overview.items, key=lambda i: i.sort_key):
        if item.subject is rules.Subject.GEEN_ZIENSWIJZE and item.stakeholder.id in answered:
            continue  # invited again after answering: they gave a view, in another round
        per_stakeholder[item.stakeholder.id].append(item)
    stakeholders = tuple(_stakeholder(items, overview) for items in per_stakeholder.values())
    stakeholders += _agreeing(answered, set(per_stakeholder))
    held = any(rules.holds_disclosure(i.subject, i.weighing.outcome) for i in overview.items)
    provisional = session.exec(
        select(Document.id).where(Document.case_id == case.id, Document.provisional_measure_pending)
    ).first()
    return paragraph.ParagraphFacts(
        body=organisation.name,
        wording="uiterlijk" if organisation.deadline_wording == "uiterlijk" else "voor",
        rounds=tuple(rounds),
        stakeholders=stakeholders,
        extensions_granted=extensions_granted(session, case),
        disclosure_held=held,
        provisional_measure=provisional is not None,
        announced=case.announced_date,
        notes=(early_decision_note(case.early_decision_reason),) if case.early_decision_reason else (),
    )


def _stakeholder(items: list[weighing_items.Item], overview: weighing_items.Overview) -> paragraph.StakeholderFacts:
    first = items[0]
    if first.subject is rules.Subject.GEEN_ZIENSWIJZE:
        return paragraph.StakeholderFacts(
            first.stakeholder.code, responded=False, own_weighing=first.weighing.motivation
        )
    objections = [i for i in items if i.subject in (rules.Subject.BEZWAAR, rules.Subject.EXTRA_LAKKING)]
    return paragraph.StakeholderFacts(
        first.stakeholder.code,
        responded=True,
        objected=bool(objections),  # a consent to disclose is never an objection
        channel=(first.channel or Channel.ONLINE).value,
        items=tuple(
            paragraph.ItemFacts(
                extra_redaction=i.subject is rules.Subject.EXTRA_LAKKING,
                document_number=i.document.number,
                outcome=i.weighing.outcome,
                ground=_ground(overview, i.weighing.ground_id or _invoked(i)),
                motivation=i.weighing.motivation,
            )
            for i in objections
            if i.document is not None  # always, for an item of a view
        ),
    )


def _invoked(item: weighing_items.Item) -> int | None:
    """The ground the stakeholder invoked, or that the proposed redaction they objected about applies."""
    if item.asked_ground is not None:
        return item.asked_ground.id
    return item.redaction.ground_id if item.redaction is not None else None


def _ground(overview: weighing_items.Overview, ground_id: int | None) -> paragraph.GroundFacts | None:
    """The ground as the paragraph names it: its label inside a sentence and its formal citation."""
    ground = overview.grounds.get(ground_id) if ground_id else None
    if ground is None:
        return None
    label = ground.label
    if label[1:2].islower():  # "Eerbiediging …" but not "AVG …"
        label = label[0].lower() + label[1:]
    return paragraph.GroundFacts(
        label, formal_citation(ground.code, ground.article), absolute=ground.kind is GroundKind.ABSOLUUT
    )


def _answered(session: Session, case: Case) -> dict[int, tuple[Stakeholder, Channel, ResponseVersion]]:
    """Per stakeholder who gave a view in any round, their latest submitted version and how it came."""
    rows = session.exec(
        case_invitations(Stakeholder, StakeholderResponse.channel, ResponseVersion, case_id=case.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .join(StakeholderResponse, col(StakeholderResponse.invitation_id) == Invitation.id)
        .join(ResponseVersion, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .where(col(ResponseVersion.status) == VersionStatus.INGEDIEND)
        .order_by(col(ConsultationRound.number), col(ResponseVersion.number))
    ).all()
    return {stakeholder.id: (stakeholder, channel, version) for stakeholder, channel, version in rows}


def _agreeing(
    answered: dict[int, tuple[Stakeholder, Channel, ResponseVersion]], weighed: set[int]
) -> tuple[paragraph.StakeholderFacts, ...]:
    """Stakeholders who gave a view without anything to weigh: they agreed, or objected in general terms."""
    return tuple(
        paragraph.StakeholderFacts(
            stakeholder.code,
            responded=True,
            objected=version.position is not Position.GEEN_BEZWAAR,
            channel=channel.value,
            general_objection=version.explanation,
        )
        for stakeholder, channel, version in answered.values()
        if stakeholder.id not in weighed
    )


def text(
    session: Session, case: Case, form: str = paragraph.DETAILED, overview: weighing_items.Overview | None = None
) -> str:
    return "\n\n".join([paragraph.TITLE, *paragraphs(session, case, form, overview)]) + "\n"


def paragraphs(
    session: Session, case: Case, form: str = paragraph.DETAILED, overview: weighing_items.Overview | None = None
) -> list[str]:
    """The paragraphs of the chosen form; once the case's personal data are erased, as they stood then."""
    if case.retained_paragraphs is not None:
        return case.retained_paragraphs[form]
    return paragraph.paragraphs(facts(session, case, overview), form)


def docx(session: Session, case: Case, form: str = paragraph.DETAILED) -> bytes:
    """A Word document with the title as a heading and one paragraph per paragraph of text.

    Its author is the body that decides.
    """
    body = session.get_one(Organisation, case.organisation_id).name
    return word_document(paragraph.TITLE, paragraphs(session, case, form), author=body)


def filename(case: Case, extension: str, today: date) -> str:
    return exports.filename(case, f"zienswijze-derde-belanghebbenden-{today.isoformat()}", extension)
