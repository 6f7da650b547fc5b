"""Documents of a case and their PDFs: checked by content, stored content-addressed with their page count.

These are building blocks: they add to the session and flush, and the use case that calls them (a
page, the API, the import) records the audit event and commits once.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from zienswijze.db import Case, Document, Ground, StoredFile
from zienswijze.domain.cases import Assessment
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.inventory import document_problems
from zienswijze.domain.text import N_
from zienswijze.files.pdfs import NotAPdf, PdfInfo, inspect_pdf
from zienswijze.files.store import store_file
from zienswijze.services import audit, locks
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, NotFound

PDF = "application/pdf"
# "007 notitie.pdf", "document-007.pdf", "doc_7.pdf": at most one word before the document number.
_LEADING_NUMBER = re.compile(r"(?:[^\W\d_]+[\s_-]*)?(\d+)(?!\d)")


class DocumentError(Invalid):
    """A document or PDF that cannot be accepted, with a Dutch message per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages

    def problems(self) -> list[tuple[str, str]]:
        return [("", message) for message in self.messages]


@dataclass(frozen=True)
class AttachReport:
    matched: dict[str, int]  # file name → number of the document it was attached to
    unmatched: dict[str, str]  # file name → why it was not attached (Dutch)


def ground_catalogue(session: Session, organisation_id: int) -> dict[str, Ground]:
    """The organisation's grounds by their catalogue spelling (SPEC §6)."""
    grounds = session.exec(select(Ground).where(Ground.organisation_id == organisation_id))
    return {normalize_code(ground.code): ground for ground in grounds}


def check_pdf(data: bytes, *, max_bytes: int) -> PdfInfo:
    """The PDF's page count, or DocumentError when it is too large or not a readable PDF."""
    if len(data) > max_bytes:
        raise DocumentError([N_("Het bestand is groter dan %(megabytes)s MB.", megabytes=_megabytes(max_bytes))])
    try:
        return inspect_pdf(data)
    except NotAPdf as error:
        raise DocumentError([error.errors[""]]) from None


def store_pdf(
    session: Session, *, document: Document, data: bytes, info: PdfInfo, file_name: str | None, upload_dir: Path
) -> None:
    """Stores a checked PDF and points the document at it."""
    stored = store_file(session, upload_dir=upload_dir, data=data, content_type=PDF, page_count=info.page_count)
    point_at(document, stored, file_name)


def point_at(document: Document, stored: StoredFile, file_name: str | None) -> None:
    """The document's PDF is the stored file; the name is kept to show and to match uploads."""
    document.file_sha256 = stored.sha256
    document.file_name = base_name(file_name) if file_name else f"document-{document.number:03d}.pdf"


def add_document(
    session: Session,
    *,
    case_id: int,
    number: int,
    title: str,
    document_date: date | None,
    assessment: Assessment | str,
    ground_codes: Iterable[str],
    link: str | None = None,
    duplicate_of_number: int | None = None,
    pdf: bytes | None,
    file_name: str | None,
    upload_dir: Path,
    max_bytes: int,
) -> Document:
    """A new document in a case the caller has already found in the user's organisation."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"zaak {case_id}")
    numbers = set(session.exec(select(Document.number).where(Document.case_id == case_id)))
    codes = [normalize_code(code) for code in ground_codes if code.strip()]
    errors: list[str] = []
    try:
        chosen = Assessment(" ".join(str(assessment).lower().split()))
    except ValueError:
        errors.append(f"'{assessment}' is geen beoordeling; kies {', '.join(Assessment)}.")
        chosen = None
    link = (link or "").strip() or None
    problems = document_problems(
        number=number,
        title=title,
        assessment=chosen,
        ground_codes=codes,
        link=link,
        duplicate_of_number=duplicate_of_number,
        known_grounds=ground_catalogue(session, case.organisation_id),
        taken_numbers=numbers,
        referable_numbers=numbers,
    )
    errors += [message for _, message in problems]
    info = None
    if pdf is not None:
        try:
            info = check_pdf(pdf, max_bytes=max_bytes)
        except DocumentError as error:
            errors += error.messages
    if errors or chosen is None:
        raise DocumentError(errors)
    document = Document(
        case_id=case_id,
        number=number,
        title=title.strip(),
        document_date=document_date,
        assessment=chosen,
        ground_codes=codes,
        link=link,
        duplicate_of_number=duplicate_of_number,
        # Without its PDF yet, the name is kept so a later upload of that file finds its document.
        file_name=base_name(file_name) if file_name else None,
    )
    if pdf is not None and info is not None:
        store_pdf(session, document=document, data=pdf, info=info, file_name=file_name, upload_dir=upload_dir)
    session.add(document)
    session.flush()
    return document


def attach_pdf(
    session: Session, *, document: Document, data: bytes, file_name: str | None, upload_dir: Path, max_bytes: int
) -> Document:
    """Gives a document its PDF, replacing an earlier one."""
    info = check_pdf(data, max_bytes=max_bytes)
    store_pdf(session, document=document, data=data, info=info, file_name=file_name, upload_dir=upload_dir)
    session.flush()
    return document


def attach_pdfs_by_name(
    session: Session, *, case_id: int, files: Mapping[str, bytes], upload_dir: Path, max_bytes: int
) -> AttachReport:
    """Attaches each uploaded PDF to the document the inventory names it for, or whose number it starts with."""
    documents = {d.number: d for d in session.exec(select(Document).where(Document.case_id == case_id))}
    named = {d.file_name.casefold(): d.number for d in documents.values() if d.file_name}
    matched, unmatched = match_files(files, named=named, numbers=documents.keys())
    for name, number in list(matched.items()):
        try:
            attach_pdf(
                session,
                document=documents[number],
                data=files[name],
                file_name=name,
                upload_dir=upload_dir,
                max_bytes=max_bytes,
            )
        except DocumentError as error:
            unmatched[name] = " ".join(error.messages)
            del matched[name]
    return AttachReport(matched, unmatched)


def match_files(
    file_names: Iterable[str], *, named: Mapping[str, int], numbers: Collection[int]
) -> tuple[dict[str, int], dict[str, str]]:
    """Which document each file belongs to: by the name the inventory gives (``named``, casefolded), else by
    the number it starts with; a file that fits no document, or a document with two files, is left out."""
    matched: dict[str, int] = {}
    unmatched: dict[str, str] = {}
    for name in file_names:
        number = named.get(base_name(name).casefold())
        if number is None:
            found = _LEADING_NUMBER.match(Path(base_name(name)).stem)
            if found is None:
                unmatched[name] = N_("De naam staat niet in de inventaris en begint niet met een documentnummer.")
                continue
            number = int(found.group(1))
            if number not in numbers:
                unmatched[name] = N_("Er is geen document %(number)s om het bij te voegen.", number=number)
                continue
        matched[name] = number
    by_number: dict[int, list[str]] = {}
    for name, number in matched.items():
        by_number.setdefault(number, []).append(name)
    for number, names in by_number.items():
        if len(names) > 1:
            names.sort()
            for name in names:
                unmatched[name] = N_(
                    "Meer bestanden horen bij document %(number)s: %(names)s.", number=number, names=", ".join(names)
                )
                del matched[name]
    return matched, unmatched


def base_name(file_name: str) -> str:
    """The file's own name, without a folder a browser or archive may put before it."""
    return file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()[-300:]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",")


def register_document(session: Session, actor: Actor, *, case_id: int, **document: Any) -> Document:
    """The use case: ``add_document`` with its audit event, committed."""
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    added = add_document(session, case_id=case.id, **document)
    audit.record(session, actor, "document.added", case=case, document=added.number, sha256=added.file_sha256)
    session.commit()
    return added


def upload_pdfs(
    session: Session, actor: Actor, *, case_id: int, files: Mapping[str, bytes], upload_dir: Path, max_bytes: int
) -> AttachReport:
    """The use case: ``attach_pdfs_by_name`` with its audit event, committed; allowed after the decision too."""
    case = case_by_id(session, actor, case_id)
    report = attach_pdfs_by_name(session, case_id=case.id, files=files, upload_dir=upload_dir, max_bytes=max_bytes)
    audit.record(
        session, actor, "documents.uploaded", case=case, attached=report.matched, refused=sorted(report.unmatched)
    )
    session.commit()
    return report
