"""The decision notice to each stakeholder (Woo art. 4.4 lid 6) and the facts the disclosure hold reads.

Notices go out once the decision is recorded and its signed letter uploaded, in either order: one
``DecisionNotice`` per stakeholder whose information is disclosed. With consent (Awb 2:14) it goes
by e-mail to every contact with the letter attached, and reaches the stakeholder the day a mail is
accepted; without, the handler prints a letter, posts it and records the posting date. A notice
whose every mail bounced keeps the hold and tells the handler (``record_result``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from zienswijze.db import Case, Contact, DecisionNotice, Invitation, Organisation, OutboxMessage, Stakeholder
from zienswijze.db.queries import case_invitations, documents_by_stakeholder
from zienswijze.domain.deadlines import AMSTERDAM, earliest_disclosure, format_date_nl
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.notices import NoticeChannel, channel_for, objection_end, outcome_in_words
from zienswijze.domain.text import N_
from zienswijze.files.letters import letter_pdf
from zienswijze.files.store import path_for, store_file
from zienswijze.mail.links import case_url
from zienswijze.mail.queue import File, queue_mail, queue_to_handlers, render
from zienswijze.services import audit, disclosure, outcomes
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.documents import PDF, base_name, check_pdf
from zienswijze.services.errors import Invalid, NotFound, require_date
from zienswijze.services.response_versions import latest_submissions

KIND = "decision_notice"
BOUNCED_KIND = "decision_notice_undeliverable"


def upload_letter(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    data: bytes,
    file_name: str | None,
    upload_dir: Path,
    max_bytes: int,
    today: date,
) -> int:
    """Stores the signed decision letter; sends the notices if the decision is recorded. Returns mails queued."""
    case = case_by_id(session, actor, case_id)
    if has_notices(session, case):
        raise Invalid({"file": N_("De belanghebbenden zijn al bericht met de eerdere besluitbrief.")})
    info = check_pdf(data, max_bytes=max_bytes)
    stored = store_file(session, upload_dir=upload_dir, data=data, content_type=PDF, page_count=info.page_count)
    case.decision_letter_sha256 = stored.sha256
    case.decision_letter_name = base_name(file_name) if file_name else f"besluit-{case.reference}.pdf"
    sent = send_when_ready(session, case, upload_dir=upload_dir, today=today)
    audit.record(session, actor, "decision.letter_uploaded", case=case, sha256=stored.sha256, notices=sent)
    session.commit()
    return sent


def has_notices(session: Session, case: Case) -> bool:
    return session.exec(select(DecisionNotice.id).where(DecisionNotice.case_id == case.id)).first() is not None


def send_when_ready(session: Session, case: Case, *, upload_dir: Path, today: date) -> int:
    """Once both the decision and its letter exist, one notice per stakeholder concerned; returns mails queued."""
    if case.decision_date is None or case.decision_letter_sha256 is None or has_notices(session, case):
        return 0
    letter = File(
        case.decision_letter_name or "besluit.pdf", PDF, path_for(upload_dir, case.decision_letter_sha256).read_bytes()
    )
    consent = _email_consent(session, case)
    contacts: dict[int, list[str]] = {}
    for stakeholder_id, email in session.exec(
        select(Contact.stakeholder_id, Contact.email)
        .join(Stakeholder, col(Contact.stakeholder_id) == Stakeholder.id)
        .where(Stakeholder.case_id == case.id)
        .order_by(col(Contact.id))
    ):
        contacts.setdefault(stakeholder_id, []).append(email)
    count = 0
    for stakeholder_id in sorted(_notified_stakeholders(session, case)):
        addresses = contacts.get(stakeholder_id, [])
        channel = channel_for(email_consent=stakeholder_id in consent and bool(addresses))
        notice = DecisionNotice(case_id=case.id, stakeholder_id=stakeholder_id, channel=channel)
        session.add(notice)
        session.flush()
        if channel is NoticeChannel.POST:
            continue
        notice.objection_end = objection_end(today)
        context = notice_context(session, case, notice, today)
        for address in addresses:
            queue_mail(
                session,
                organisation_id=case.organisation_id,
                to=address,
                subject=f"Besluit op het Woo-verzoek ({case.reference})",
                template=KIND,
                context=context,
                kind=KIND,
                case_id=case.id,
                decision_notice_id=notice.id,
                attachments=[letter],
            )
            count += 1
    return count


def _notified_stakeholders(session: Session, case: Case) -> set[int]:
    """Woo art. 4.4 lid 6: every stakeholder whose information is disclosed, whether or not they answered."""
    disclosed = {document_id for document_id, outcome in outcomes.of_case(session, case).items() if outcome.disclosed}
    return {s for s, documents in documents_by_stakeholder(session, case.id).items() if documents & disclosed}


def _email_consent(session: Session, case: Case) -> set[int]:
    """Stakeholders whose latest submitted view agrees to electronic notice (Awb 2:14)."""
    invitations = dict(session.exec(case_invitations(Invitation.id, Invitation.stakeholder_id, case_id=case.id)).all())
    latest: dict[int, tuple[datetime, bool]] = {}
    for invitation_id, (version, _) in latest_submissions(session, list(invitations)).items():
        stakeholder_id, submitted = invitations[invitation_id], version.submitted_at or version.created_at
        if stakeholder_id not in latest or latest[stakeholder_id][0] < submitted:
            latest[stakeholder_id] = (submitted, version.email_consent)
    return {stakeholder_id for stakeholder_id, (_, agreed) in latest.items() if agreed}


def notice_context(session: Session, case: Case, notice: DecisionNotice, notified_on: date) -> dict[str, Any]:
    """What the notice says to one stakeholder, sent or posted on ``notified_on``."""
    plan = {row.document.id: row for row in disclosure.plan(session, case, notified_on)}
    rows = []
    for document_id in sorted(documents_by_stakeholder(session, case.id)[notice.stakeholder_id]):
        row = plan[document_id]
        final = row.final
        rows.append((row.document, outcome_in_words(final.assessment, final.grounds, _when(row, case, notified_on))))
    rows.sort(key=lambda pair: pair[0].number)
    decided, announced = case.decision_date, case.announced_date
    if decided is None or announced is None:
        raise ValueError("a notice needs a recorded decision")
    return {
        "organisation": session.get(Organisation, case.organisation_id),
        "case": case,
        "stakeholder": session.get(Stakeholder, notice.stakeholder_id),
        "decided": format_date_nl(decided, weekday=False),
        "announced": format_date_nl(announced, weekday=False),
        "notified_on": format_date_nl(notified_on, weekday=False),
        "objection_end": format_date_nl(objection_end(notified_on), weekday=False),
        "letter_name": case.decision_letter_name,
        "rows": rows,
    }


def _when(row: disclosure.DocumentDisclosure, case: Case, notified_on: date) -> str:
    """When a disclosed document becomes public, as far as it is known the day the notice goes."""
    if row.document.provisional_measure_pending:
        return "niet zolang een voorlopige voorziening loopt"
    if not row.held and case.announced_date is not None:
        return f"vanaf {format_date_nl(case.announced_date, weekday=False)}"
    return f"niet eerder dan {format_date_nl(earliest_disclosure(notified_on), weekday=False)}"


def _notice(session: Session, case: Case, stakeholder_id: int) -> DecisionNotice:
    notice = session.exec(
        select(DecisionNotice).where(DecisionNotice.case_id == case.id, DecisionNotice.stakeholder_id == stakeholder_id)
    ).first()
    if notice is None:
        raise NotFound(f"decision notice to stakeholder {stakeholder_id}")
    return notice


def record_posting(
    session: Session, actor: Actor, *, case_id: int, stakeholder_id: int, posted_on: object, today: date
) -> DecisionNotice:
    """The day the handler posted the printed notice: the hold and the objection term count from it."""
    case = case_by_id(session, actor, case_id)
    notice = _notice(session, case, stakeholder_id)
    errors: dict[str, str] = {}
    posted = require_date(errors, "posted_on", posted_on)
    if posted is not None and case.decision_date is not None and posted < case.decision_date:
        errors["posted_on"] = N_("De brief kan niet vóór het besluit zijn verstuurd.")
    if posted is not None and posted > today:
        errors["posted_on"] = N_("Leg de verzending vast op of na de dag waarop de brief is gepost.")
    if notice.channel is NoticeChannel.EMAIL and not notice.bounced:
        errors["posted_on"] = N_("Dit bericht is per e-mail verstuurd.")
    if errors or posted is None:
        raise Invalid(errors)
    notice.reached_on, notice.bounced, notice.objection_end = posted, False, objection_end(posted)
    audit.record(session, actor, "decision.notice_posted", case=case, stakeholder=stakeholder_id, posted_on=posted)
    session.commit()
    return notice


def printable_letter(session: Session, actor: Actor, *, case_id: int, stakeholder_id: int, today: date) -> bytes:
    """The notice as a letter to post, dated the recorded posting day or else today."""
    case = case_by_id(session, actor, case_id)
    notice = _notice(session, case, stakeholder_id)
    context = notice_context(session, case, notice, notice.reached_on or today)
    return letter_pdf(f"Besluit op het Woo-verzoek {case.reference}", render("email/decision_notice.txt", context))


def set_no_objection_expected(
    session: Session, actor: Actor, *, case_id: int, stakeholder_id: int, expected: bool
) -> Stakeholder:
    """Woo art. 4.4 lid 5: the handler records that a stakeholder who gave no view will not object."""
    case = case_by_id(session, actor, case_id)
    stakeholder = session.get(Stakeholder, stakeholder_id)
    if stakeholder is None or stakeholder.case_id != case.id:
        raise NotFound(f"stakeholder {stakeholder_id}")
    stakeholder.no_objection_expected = expected
    audit.record(
        session, actor, "stakeholder.no_objection_expected", case=case, stakeholder=stakeholder.code, expected=expected
    )
    session.commit()
    return stakeholder


@dataclass(frozen=True)
class NoticeRow:
    """One stakeholder's notice as the decision page shows it."""

    stakeholder: Stakeholder
    notice: DecisionNotice


def notices_of(session: Session, case: Case) -> list[NoticeRow]:
    return [
        NoticeRow(stakeholder, notice)
        for notice, stakeholder in session.exec(
            select(DecisionNotice, Stakeholder)
            .join(Stakeholder, col(DecisionNotice.stakeholder_id) == Stakeholder.id)
            .where(DecisionNotice.case_id == case.id)
            .order_by(col(Stakeholder.code))
        )
    ]


def record_result(session: Session, message: OutboxMessage, *, now: datetime, base_url: str) -> None:
    """A notice mail accepted reaches the stakeholder that day; once every one bounced, the handler is told."""
    notice = session.exec(
        select(DecisionNotice).where(DecisionNotice.id == message.decision_notice_id).with_for_update()
    ).one()
    if message.state is OutboxState.SENT:
        day = now.astimezone(AMSTERDAM).date()
        notice.reached_on = min(notice.reached_on or day, day)
        notice.bounced = False
        return
    alive = session.exec(
        select(OutboxMessage.id).where(
            OutboxMessage.decision_notice_id == notice.id,
            OutboxMessage.state != OutboxState.FAILED,
            OutboxMessage.id != message.id,
        )
    ).first()
    # Already bounced: the handler was told by another mail of the notice recorded in the same batch.
    if message.state is not OutboxState.FAILED or alive is not None or notice.reached_on is not None or notice.bounced:
        return
    notice.bounced = True
    case = session.exec(select(Case).where(Case.id == notice.case_id)).one()
    queue_to_handlers(
        session,
        case=case,
        subject=f"Besluit niet bezorgd ({case.reference})",
        template=BOUNCED_KIND,
        context={
            "organisation": session.get(Organisation, case.organisation_id),
            "case": case,
            "stakeholder": session.get(Stakeholder, notice.stakeholder_id),
            "case_url": case_url(base_url, case),
            "address": message.to_address,
            "reason": message.last_error,
        },
        kind=BOUNCED_KIND,
    )
