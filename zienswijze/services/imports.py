"""Bulk imports: what every import shares, and the stakeholders of a case.

All or nothing: every row of every file is checked before anything is added, and a rejected import
lists every error with its file, line and column, so the handler fixes their spreadsheet once and
tries again. The inventory with its redactions and PDFs is imported by ``inventory_import``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, select

from zienswijze.db import Contact, Stakeholder
from zienswijze.domain.inventory import StakeholderRow, check_stakeholders
from zienswijze.domain.rows import Checked
from zienswijze.domain.text import N_
from zienswijze.files.tabular import Table, TableError, read_table
from zienswijze.services import audit
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid

T = TypeVar("T")


@dataclass(frozen=True)
class ImportIssue:
    """What is wrong (or, as a warning, doubtful) and where: the file, its line and column when known."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", regel {self.line}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


class ImportRejected(Invalid):
    """Nothing was imported; ``issues`` lists every problem found, in file and line order."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues

    def problems(self) -> list[tuple[str, str]]:
        return [("", str(issue)) for issue in self.issues]


@dataclass(frozen=True)
class StakeholderImportResult:
    stakeholders: int
    contacts: int


def import_stakeholders(
    session: Session, actor: Actor, *, case_id: int, table: tuple[str, bytes]
) -> StakeholderImportResult:
    """Adds the stakeholders (with code, name, kind and e-mail addresses) of a table, or none of them."""
    case = case_by_id(session, actor, case_id)
    taken = set(session.exec(select(Stakeholder.code).where(Stakeholder.case_id == case.id)))
    errors: list[ImportIssue] = []
    rows: tuple[StakeholderRow, ...] = ()
    addresses: dict[int, list[str]] = {}
    read = read_upload(table, errors)
    if read is not None:
        checked = check_stakeholders(read.header, read.rows, taken_codes=taken, header_line=read.header_line)
        rows = checked_records(table[0], checked, errors)
        if not read.rows:
            errors.append(ImportIssue(table[0], None, "", N_("Het bestand bevat geen belanghebbenden.")))
    for row in rows:
        for email in row.emails:
            try:
                normalized = validate_email(email, check_deliverability=False).normalized
            except EmailNotValidError:
                errors.append(ImportIssue(table[0], row.line, "email", f"'{email}' is geen geldig e-mailadres."))
                continue
            if normalized.casefold() not in {known.casefold() for known in addresses.get(row.line, [])}:
                addresses.setdefault(row.line, []).append(normalized)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line or 0))

    added = [Stakeholder(case_id=case.id, code=row.code, name=row.name, kind=row.kind) for row in rows]
    session.add_all(added)
    session.flush()
    contacts = [
        Contact(stakeholder_id=stakeholder.id, email=email)
        for stakeholder, row in zip(added, rows, strict=True)
        for email in addresses[row.line]
    ]
    session.add_all(contacts)
    codes = [row.code for row in rows]
    audit.record(
        session, actor, "stakeholders.imported", case=case, stakeholders=len(added), contacts=len(contacts), codes=codes
    )
    session.commit()
    return StakeholderImportResult(len(added), len(contacts))


def read_upload(file: tuple[str, bytes], errors: list[ImportIssue]) -> Table | None:
    """The uploaded table (name, content), or None with the reason added to ``errors``."""
    name, data = file
    try:
        return read_table(data, name)
    except TableError as error:
        errors.append(ImportIssue(name, None, "", error.errors[""]))
        return None


def checked_records(file_name: str, checked: Checked[T], errors: list[ImportIssue]) -> tuple[T, ...]:
    """The rows the domain accepted; its complaints join ``errors`` under the file's name."""
    errors += [ImportIssue(file_name, error.line, error.column, error.message) for error in checked.errors]
    return checked.records
