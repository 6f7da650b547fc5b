"""What the body publishes and keeps: the inventory list, the productierapport and the audit trail.

Each export is built from the same rows, so the CSV, the XLSX and the printable page never differ.
Spreadsheet cells that start like a formula are prefixed so that no spreadsheet runs them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlmodel import Session, col, select

from zienswijze.db import AuditEvent, Case, StoredFile
from zienswijze.domain import production_report as production_report_rules
from zienswijze.domain.cases import Assessment
from zienswijze.services import audit, disclosure

INVENTORY_COLUMNS = (
    "Nummer",
    "Datum",
    "Omschrijving",
    "Beoordeling",
    "Weigeringsgronden",
    "Link",
    "Zienswijze gevraagd",
    "Uitkomst zienswijze",
    "Vroegste openbaarmaking",
)
PRODUCTION_COLUMNS = (
    "ID",
    "Matter",
    "Family ID",
    "Email Thread ID",
    "Document",
    "File type",
    "Datum",
    "Beoordeling",
    "Opgeschort",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke link",
    "Gerelateerd ID",
    "Zaaknummer",
)
AUDIT_COLUMNS = ("id", "occurred_at", "actor", "kind", "invitation_id", "details", "previous_hash", "hash")
# The publication platform knows four assessments; a duplicate is "Niet openbaar" with the ground "dubbel",
# and documents outside the scope are left out of the productierapport.
PLATFORM_ASSESSMENT = {
    Assessment.OPENBAAR: "Openbaar",
    Assessment.DEELS_OPENBAAR: "Deels openbaar",
    Assessment.NIET_OPENBAAR: "Niet openbaar",
    Assessment.REEDS_OPENBAAR: "Reeds openbaar",
    Assessment.DUBBEL: "Niet openbaar",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DUTCH_DATE = "dd-mm-yyyy"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


# A cell keeps its type: the XLSX writes numbers and dates as such, the CSV and the page as the platform's text.
Cell = str | int | date | None


@dataclass(frozen=True)
class Sheet:
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    @property
    def text_rows(self) -> list[tuple[str, ...]]:
        """The rows in the platform's formats: whole numbers, ISO dates, empty for nothing."""
        return [tuple(_text(cell) for cell in row) for row in self.rows]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell.isoformat() if isinstance(cell, date) else str(cell)


def inventory(session: Session, case: Case, today: date) -> Sheet:
    """The inventory list (inventarislijst) with the consultation's outcome per document (SPEC §7)."""
    rows: list[tuple[Cell, ...]] = []
    for row in disclosure.plan(session, case, today):
        document, final = row.document, row.final
        link = document.link or ""
        if final.assessment is Assessment.DUBBEL and document.duplicate_of_number:
            link = f"dubbel van document {document.duplicate_of_number}"
        rows.append(
            (
                document.number,
                document.document_date,
                document.title,
                final.assessment.value,
                "; ".join(final.grounds),
                link,
                "ja" if row.view_asked else "nee",
                row.outcome,
                row.disclosure,
            )
        )
    return Sheet(INVENTORY_COLUMNS, rows)


def production_report(session: Session, case: Case, today: date) -> Sheet:
    """The productierapport in the column layout the Woo publication platform imports.

    Documents outside the scope of the request are left out; a duplicate carries the platform's
    ground "dubbel"; the File type follows the stored file (``domain.production_report``). A case
    whose reference the platform would refuse as Matter or Zaaknummer is refused here, with why.
    """
    production_report_rules.check_identifiers(case.reference, case.reference)
    plan = [row for row in disclosure.plan(session, case, today) if row.final.assessment is not Assessment.BUITEN_SCOPE]
    content_types = _content_types(session, [row.document.file_sha256 for row in plan])
    rows: list[tuple[Cell, ...]] = []
    for row in plan:
        document, final = row.document, row.final
        duplicate = final.assessment is Assessment.DUBBEL
        rows.append(
            (
                document.number,
                case.reference,
                "",
                "",
                document.title,
                production_report_rules.file_type(content_types.get(document.file_sha256 or ""), document.file_name),
                document.document_date,
                PLATFORM_ASSESSMENT[final.assessment],
                "yes" if row.held_back else "no",
                (
                    production_report_rules.DUPLICATE_GROUND
                    if duplicate
                    else production_report_rules.platform_grounds(final.grounds)
                ),
                "Dubbel document" if duplicate else "",
                document.link or "",
                document.duplicate_of_number,
                case.reference,
            )
        )
    return Sheet(PRODUCTION_COLUMNS, rows)


def _content_types(session: Session, hashes: list[str | None]) -> dict[str, str]:
    wanted = [h for h in hashes if h]
    query = select(StoredFile.sha256, StoredFile.content_type).where(col(StoredFile.sha256).in_(wanted))
    return dict(session.exec(query).all()) if wanted else {}


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte order mark and semicolons, as Dutch Excel opens it without asking."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(sheet.columns)
    writer.writerows(tuple(_safe(cell) for cell in row) for row in sheet.text_rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(sheet: Sheet, title: str) -> bytes:
    """A workbook with a bold, frozen header row, a filter on every column and widths that fit.

    Numbers are number cells and dates date cells shown the Dutch way, so a filter sorts 1, 2, 10
    and dates by time, not as text.
    """
    workbook = openpyxl.Workbook(write_only=True)  # rows go straight to the file: five times faster, less memory
    worksheet = workbook.create_sheet(title[:31])
    # A write-only sheet takes its layout before its rows.
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"
    text_rows = sheet.text_rows
    for index, column in enumerate(sheet.columns, start=1):
        longest = max([len(column), *(len(row[index - 1]) for row in text_rows)])
        worksheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 80)
    worksheet.append([_header(worksheet, column) for column in sheet.columns])
    for row in sheet.rows:
        worksheet.append([_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(worksheet: WriteOnlyWorksheet, text: str) -> XlsxCell:
    header = WriteOnlyCell(worksheet, text)
    header.font = Font(bold=True)
    return header


def _cell(worksheet: WriteOnlyWorksheet, value: Cell) -> XlsxCell | Cell:
    if isinstance(value, date):
        written = WriteOnlyCell(worksheet, datetime.combine(value, time.min))  # a date cell is a day number
        written.number_format = DUTCH_DATE
        return written
    # A control character (other than tab and line breaks) has no place in the XML of a workbook.
    return ILLEGAL_CHARACTERS_RE.sub("", _safe(value)) if isinstance(value, str) else value


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _event_dict(event: AuditEvent) -> dict[str, object]:
    return {
        "id": event.id,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor,
        "kind": event.kind,
        "invitation_id": event.invitation_id,
        "details": event.details,
        "previous_hash": event.previous_hash,
        "hash": event.hash,
    }


def audit_json(session: Session, case: Case) -> Iterator[str]:
    """The case's trail in order, with each hash, and then whether the chain holds: written as the events
    are read, so a trail of 100,000 events is never one document in memory."""
    check = audit.ChainCheck()
    yield f'{{\n  "case": {json.dumps(case.reference, ensure_ascii=False)},\n  "events": ['
    for event in audit.streamed_events(session, case.id):
        yield ("," if check.events else "") + "\n    " + json.dumps(_event_dict(event), ensure_ascii=False)
        check.add(event)
    verification = check.verification(session, case.id)
    outcome = {
        "events_recorded": verification.recorded,
        "intact": verification.intact,
        "first_broken_event": verification.first_broken,
    }
    yield "\n  ],\n" + ",\n".join(f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in outcome.items())
    yield "\n}\n"


def audit_csv(session: Session, case: Case) -> Iterator[str]:
    """The case's trail as CSV, a line per event, written as the events are read."""
    line = _CsvLine()
    yield "\ufeff" + line(AUDIT_COLUMNS)
    for event in audit.streamed_events(session, case.id):
        values = _event_dict(event)
        values["details"] = json.dumps(event.details, ensure_ascii=False, sort_keys=True)
        yield line(_safe("" if values[c] is None else str(values[c])) for c in AUDIT_COLUMNS)


class _CsvLine:
    """One CSV line at a time, with the semicolons and line ends Dutch Excel expects."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, delimiter=";", lineterminator="\r\n")

    def __call__(self, cells: Iterable[str]) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()


def filename(case: Case, name: str, extension: str) -> str:
    """A download name with only safe characters, whatever the case's reference holds."""
    return f"{name}-{_SAFE.sub('-', case.reference)}.{extension}"
