"""Proposed redactions (lakvoorstel): add, edit and remove, with a check that the passage is on its page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

from sqlmodel import Session, select

from zienswijze.db import Case, Document, Ground, ProposedRedaction, ResponseItem, StoredFile
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.text import N_
from zienswijze.files.pdfs import passage_on_page
from zienswijze.files.store import path_for
from zienswijze.services import audit, locks
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound, require_text

ANSWERED = N_(
    "Een belanghebbende heeft op deze passage gereageerd; het lakvoorstel kan daarom worden gewijzigd, "
    "maar niet worden verwijderd."
)


@dataclass(frozen=True)
class RedactionResult:
    redaction: ProposedRedaction
    warning: str | None  # Dutch, when the PDF's text layer does not hold the passage on that page


class RedactionFields(TypedDict):
    """What adding and editing a proposed redaction take, as typed by the handler or sent to the API."""

    page: int | str | None
    passage: object
    ground: object
    reason: object
    upload_dir: Path  # where the document's PDF is, to look for the passage on its page


def document_of(session: Session, case: Case, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound(f"document {document_id}")
    return document


def redaction_of(session: Session, case: Case, redaction_id: int) -> tuple[ProposedRedaction, Document]:
    redaction = session.get(ProposedRedaction, redaction_id)
    if redaction is None:
        raise NotFound(f"lakvoorstel {redaction_id}")
    return redaction, document_of(session, case, redaction.document_id)


def add_redaction(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    document_id: int,
    **fields: Unpack[RedactionFields],
) -> RedactionResult:
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    document = document_of(session, case, document_id)
    redaction = ProposedRedaction(document_id=document.id, page=1, passage="", ground_id=0)
    warning = _apply(session, case, document, redaction, fields)
    session.add(redaction)
    session.flush()
    _record(session, case, actor, "redaction.added", redaction, document)
    session.commit()
    return RedactionResult(redaction, warning)


def edit_redaction(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    redaction_id: int,
    **fields: Unpack[RedactionFields],
) -> RedactionResult:
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    redaction, document = redaction_of(session, case, redaction_id)
    warning = _apply(session, case, document, redaction, fields)
    _record(session, case, actor, "redaction.edited", redaction, document)
    session.commit()
    return RedactionResult(redaction, warning)


def remove_redaction(session: Session, actor: Actor, *, case_id: int, redaction_id: int) -> None:
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    redaction, document = redaction_of(session, case, redaction_id)
    # The answer stays part of the submitted view, so the passage it is about must stay too.
    if session.exec(select(ResponseItem.id).where(ResponseItem.redaction_id == redaction.id)).first() is not None:
        raise Conflict(ANSWERED)
    _record(session, case, actor, "redaction.removed", redaction, document)
    session.delete(redaction)
    session.commit()


def _apply(
    session: Session, case: Case, document: Document, redaction: ProposedRedaction, fields: RedactionFields
) -> str | None:
    errors: dict[str, str] = {}
    stored = session.get(StoredFile, document.file_sha256) if document.file_sha256 else None
    try:
        page_number = int(fields["page"] or 0)
        if page_number < 1 or (stored and stored.page_count and page_number > stored.page_count):
            raise ValueError
    except (TypeError, ValueError):
        errors["page"] = (
            N_("Vul een bestaande pagina in (1 tot en met %(pages)s).", pages=stored.page_count)
            if stored and stored.page_count
            else N_("Vul een bestaande pagina in.")
        )
        page_number = 1
    passage_text = require_text(errors, "passage", fields["passage"], max_length=5000, label=N_("de passage"))
    ground = str(fields["ground"])
    ground_row = session.exec(
        select(Ground).where(Ground.organisation_id == case.organisation_id, Ground.code == normalize_code(ground))
    ).first()
    if ground_row is None:
        errors["ground"] = N_("%(ground)s staat niet in de lijst met weigeringsgronden.", ground=ground)
    if errors or ground_row is None:
        raise Invalid(errors)
    redaction.page, redaction.passage, redaction.ground_id = page_number, passage_text, ground_row.id
    redaction.reason = str(fields["reason"] or "").strip()
    if stored is None:
        return None
    found = passage_on_page(path_for(fields["upload_dir"], stored.sha256).read_bytes(), page_number, passage_text)
    if found is False:
        return N_(
            "De passage komt niet voor op pagina %(page)s van document %(number)s. Controleer de tekst.",
            page=page_number,
            number=document.number,
        )
    return None


def _record(
    session: Session, case: Case, actor: Actor, kind: str, redaction: ProposedRedaction, document: Document
) -> None:
    audit.record(
        session, actor, kind, case=case, document=document.number, page=redaction.page, redaction_id=redaction.id
    )
