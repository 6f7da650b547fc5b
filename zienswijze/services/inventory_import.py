"""Importing an inventory list with its proposed redactions and PDFs, all or nothing (see ``imports``).

Every row and every PDF is checked before anything is added. A passage that cannot be found in a
PDF's text only warns: the text layer of a PDF is not always what the reader sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from zienswijze.db import Concern, Document, Ground, ProposedRedaction, Stakeholder, StoredFile
from zienswijze.domain.inventory import (
    InventoryRow,
    RedactionRow,
    check_inventory,
    check_redactions,
    declared_numbers,
)
from zienswijze.domain.text import N_
from zienswijze.files.pdfs import NotAPdf, PdfInfo, page_texts, text_contains
from zienswijze.files.store import path_for, store_files
from zienswijze.services import audit, locks
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.documents import (
    PDF,
    DocumentError,
    base_name,
    check_pdf,
    ground_catalogue,
    match_files,
    point_at,
)
from zienswijze.services.imports import ImportIssue, ImportRejected, checked_records, read_upload


@dataclass(frozen=True)
class ImportResult:
    documents: int
    redactions: int
    concerns: int
    files: int
    warnings: tuple[ImportIssue, ...]


def import_inventory(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    inventory: tuple[str, bytes],
    redactions: tuple[str, bytes] | None,
    documents: Mapping[str, bytes],
    upload_dir: Path,
    max_bytes: int,
) -> ImportResult:
    """Adds the inventory's documents with their PDFs, concerns and proposed redactions, or nothing at all."""
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    existing = {d.number: d for d in session.exec(select(Document).where(Document.case_id == case.id))}
    stakeholders = {s.code: s for s in session.exec(select(Stakeholder).where(Stakeholder.case_id == case.id))}
    grounds = ground_catalogue(session, case.organisation_id)
    errors: list[ImportIssue] = []
    warnings: list[ImportIssue] = []

    table = read_upload(inventory, errors)
    rows: tuple[InventoryRow, ...] = ()
    new_numbers: set[int] = set()
    if table is not None:
        checked = check_inventory(
            table.header,
            table.rows,
            known_grounds=grounds.keys(),
            taken_numbers=existing.keys(),
            stakeholder_codes=stakeholders.keys(),
            header_line=table.header_line,
        )
        rows = checked_records(inventory[0], checked, errors)
        new_numbers = declared_numbers(table.header, table.rows)
        if not table.rows:
            errors.append(ImportIssue(inventory[0], None, "", N_("Het bestand bevat geen documenten.")))
    pdfs = _pdfs(documents, rows, new_numbers, inventory[0], max_bytes, errors, warnings)

    redaction_rows: tuple[RedactionRow, ...] = ()
    table = read_upload(redactions, errors) if redactions else None
    if redactions is not None and table is not None:
        checked_redactions = check_redactions(
            table.header,
            table.rows,
            known_grounds=grounds.keys(),
            document_numbers=existing.keys() | new_numbers,
            header_line=table.header_line,
        )
        redaction_rows = checked_records(redactions[0], checked_redactions, errors)
        _check_passages(redactions[0], redaction_rows, pdfs, existing, upload_dir, errors, warnings)
    if errors:
        raise ImportRejected(errors)

    files = [(data, PDF, info.page_count) for _, data, info in pdfs.values()]
    stored = dict(zip(pdfs, store_files(session, upload_dir=upload_dir, files=files), strict=True))
    added = [_document(case.id, row, pdfs.get(row.number), stored) for row in rows]
    session.add_all(added)
    session.flush()
    by_number = existing | {document.number: document for document in added}
    concerns = [
        Concern(stakeholder_id=stakeholders[code].id, document_id=by_number[row.number].id)
        for row in rows
        for code in row.stakeholder_codes
    ]
    session.add_all(concerns)
    session.add_all(_redaction(row, by_number, grounds) for row in redaction_rows)
    audit.record(
        session,
        actor,
        "documents.imported",
        case=case,
        documents=len(added),
        redactions=len(redaction_rows),
        concerns=len(concerns),
        files=len(pdfs),
        warnings=len(warnings),
        inventory=inventory[0],
    )
    session.commit()
    return ImportResult(len(added), len(redaction_rows), len(concerns), len(pdfs), tuple(warnings))


def _pdfs(
    files: Mapping[str, bytes],
    rows: tuple[InventoryRow, ...],
    numbers: set[int],
    inventory_name: str,
    max_bytes: int,
    errors: list[ImportIssue],
    warnings: list[ImportIssue],
) -> dict[int, tuple[str, bytes, PdfInfo]]:
    """The checked PDF for each new document that one of the files belongs to, by name or by number."""
    checked: dict[str, PdfInfo] = {}
    for name, data in files.items():
        try:
            checked[name] = check_pdf(data, max_bytes=max_bytes)
        except DocumentError as error:
            errors += [ImportIssue(name, None, "", message) for message in error.messages]
    named = {row.file_name.casefold(): row.number for row in rows if row.file_name}
    matched, unmatched = match_files(checked, named=named, numbers=numbers)
    warnings += [
        ImportIssue(name, None, "", f"{reason} Het bestand is overgeslagen.") for name, reason in unmatched.items()
    ]
    given = {base_name(name).casefold() for name in files}
    warnings += [
        ImportIssue(
            inventory_name, row.line, "bestand", N_("Bestand '%(name)s' is niet meegestuurd.", name=row.file_name)
        )
        for row in rows
        if files and row.file_name and row.file_name.casefold() not in given
    ]
    return {number: (name, files[name], checked[name]) for name, number in matched.items()}


def _check_passages(
    file_name: str,
    rows: tuple[RedactionRow, ...],
    pdfs: Mapping[int, tuple[str, bytes, PdfInfo]],
    existing: Mapping[int, Document],
    upload_dir: Path,
    errors: list[ImportIssue],
    warnings: list[ImportIssue],
) -> None:
    """A page beyond the PDF is an error; a passage not in the page's text layer is a warning."""
    texts: dict[int, list[str] | None] = {}
    for row in rows:
        number = row.document_number
        if number not in texts:
            texts[number] = _texts(pdfs.get(number), existing.get(number), upload_dir)
        pages = texts[number]
        if pages is None:
            continue
        if row.page > len(pages):
            errors.append(
                ImportIssue(
                    file_name,
                    row.line,
                    "pagina",
                    N_("Document %(number)s heeft %(pages)s pagina's.", number=number, pages=len(pages)),
                )
            )
        elif text_contains(pages[row.page - 1], row.passage) is False:
            message = N_(
                "De passage staat niet op pagina %(page)s van document %(number)s; controleer de tekst.",
                page=row.page,
                number=number,
            )
            warnings.append(ImportIssue(file_name, row.line, "passage", message))


def _texts(new: tuple[str, bytes, PdfInfo] | None, existing: Document | None, upload_dir: Path) -> list[str] | None:
    """The page texts of the document's PDF, from the import or from storage; None when it has none."""
    if new is not None:
        return page_texts(new[1])
    if existing is None or existing.file_sha256 is None:
        return None
    try:
        return page_texts(path_for(upload_dir, existing.file_sha256).read_bytes())
    except NotAPdf:
        return None


def _document(
    case_id: int, row: InventoryRow, pdf: tuple[str, bytes, PdfInfo] | None, stored: Mapping[int, StoredFile]
) -> Document:
    document = Document(
        case_id=case_id,
        number=row.number,
        title=row.title,
        document_date=row.document_date,
        assessment=row.assessment,
        ground_codes=list(row.ground_codes),
        link=row.link,
        duplicate_of_number=row.duplicate_of_number,
        file_name=row.file_name,
    )
    if pdf is not None:
        point_at(document, stored[row.number], pdf[0])
    return document


def _redaction(
    row: RedactionRow, documents: Mapping[int, Document], grounds: Mapping[str, Ground]
) -> ProposedRedaction:
    return ProposedRedaction(
        document_id=documents[row.document_number].id,
        page=row.page,
        passage=row.passage,
        ground_id=grounds[row.ground_code].id,
        reason=row.reason,
    )
