"""The publication set: after the decision, the redacted PDFs of what is disclosed, with the lists that refer to them.

Each document's redactions come from its final outcome (``domain.outcome``), so what is published is
what the decision says. The archive is what the Woo publication platform takes in one upload: one
PDF per disclosed document, named by its ID in the productierapport, plus the productierapport and
the inventory list.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from zienswijze.db import Case, Document
from zienswijze.db.queries import documents_of
from zienswijze.domain.errors import Conflict, NotFound
from zienswijze.domain.outcome import Outcome
from zienswijze.domain.text import N_
from zienswijze.files.publication import NotRedactable, Withheld, cached, publication_pdf
from zienswijze.files.store import path_for
from zienswijze.services import exports, outcomes
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor


@dataclass(frozen=True)
class Entry:
    """A document of the set, or why it is not in it."""

    document: Document
    final: Outcome
    problem: str = ""

    @property
    def published(self) -> bool:
        return self.final.disclosed and not self.problem


def entries(session: Session, case: Case) -> list[Entry]:
    """Every document that the decision discloses, in inventory order, with what stands in its way."""
    final = outcomes.of_case(session, case)
    result = []
    for document in documents_of(session, case.id):
        if not final[document.id].disclosed:
            continue
        problem = (
            ""
            if document.file_sha256
            else N_("Van document %(number)s is nog geen PDF opgeslagen.", number=document.number)
        )
        result.append(Entry(document, final[document.id], problem))
    return result


def document_pdf(
    session: Session, actor: Actor, *, case_id: int, document_id: int, upload_dir: Path
) -> tuple[bytes, str]:
    """The publication PDF of one disclosed document and its file name."""
    case = _decided(session, actor, case_id)
    entry = next((e for e in entries(session, case) if e.document.id == document_id), None)
    if entry is None:
        if session.get(Document, document_id) is None:
            raise NotFound(f"document {document_id}")
        raise Conflict(N_("Dit document wordt niet openbaar gemaakt; er is geen publicatieversie van."))
    return _pdf(entry, upload_dir), f"{entry.document.number}.pdf"


def archive(session: Session, actor: Actor, *, case_id: int, upload_dir: Path, today: date) -> tuple[bytes, str]:
    """The zip for the publication platform; refused as a whole while a document cannot be redacted safely."""
    case = _decided(session, actor, case_id)
    files: dict[str, bytes] = {}
    problems = []
    for entry in entries(session, case):
        if entry.problem:
            problems.append(entry.problem)
            continue
        try:
            files[f"{entry.document.number}.pdf"] = _pdf(entry, upload_dir)
        except NotRedactable as refused:
            problems.append(str(refused))
    if problems:
        raise Conflict(" ".join(problems))
    files["productierapport.xlsx"] = exports.xlsx_bytes(
        exports.production_report(session, case, today), "Productierapport"
    )
    files["inventarislijst.xlsx"] = exports.xlsx_bytes(exports.inventory(session, case, today), "Inventarislijst")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return buffer.getvalue(), exports.filename(case, "publicatie", "zip")


def _decided(session: Session, actor: Actor, case_id: int) -> Case:
    case = case_by_id(session, actor, case_id)
    if case.decision_date is None:
        raise Conflict(N_("Het publicatiepakket volgt uit het besluit; leg eerst het besluit vast."))
    return case


def _pdf(entry: Entry, upload_dir: Path) -> bytes:
    if entry.problem or entry.document.file_sha256 is None:
        raise Conflict(entry.problem)
    sha256 = entry.document.file_sha256
    withheld = [Withheld(p.page, p.text, p.ground) for p in entry.final.redactions]
    label = f"Document {entry.document.number}"
    return cached(
        upload_dir,
        sha256,
        withheld,
        lambda: publication_pdf(path_for(upload_dir, sha256).read_bytes(), withheld, label=label),
    )
