"""Rules for imported rows: the inventory list, the proposed redactions and the stakeholders.

Each file is read with ``rows``, which points every error at one cell of the handler's own
spreadsheet. Nothing here reads files or the database: what already exists in the case is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from zienswijze.domain.cases import Assessment, StakeholderKind
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.rows import WHOLE_NUMBER, Cells, Checked, Row, check_rows, header_columns, split_list
from zienswijze.domain.text import N_

INVENTORY_COLUMNS = (
    *("nummer", "datum", "omschrijving", "beoordeling", "gronden", "link", "belanghebbenden", "dubbel_van"),
    "bestand",  # optional: the PDF's file name, to match uploaded files to their document
)
INVENTORY_REQUIRED = ("nummer", "omschrijving", "beoordeling")
REDACTION_COLUMNS = ("document", "pagina", "passage", "grond", "toelichting")
REDACTION_REQUIRED = ("document", "pagina", "passage", "grond")
STAKEHOLDER_COLUMNS = ("code", "naam", "soort", "email")

# SPEC §7: these assessments withhold something, so the inventory must say on which ground.
NEEDS_GROUND = {Assessment.DEELS_OPENBAAR, Assessment.NIET_OPENBAAR}
_EMAIL = re.compile(r"[^@\s;,]+@[^@\s;,.]+(\.[^@\s;,.]+)+")


@dataclass(frozen=True)
class InventoryRow:
    line: int
    number: int
    title: str
    document_date: date | None
    assessment: Assessment
    ground_codes: tuple[str, ...]
    link: str | None
    duplicate_of_number: int | None
    stakeholder_codes: tuple[str, ...]
    file_name: str | None


@dataclass(frozen=True)
class RedactionRow:
    line: int
    document_number: int
    page: int
    passage: str
    ground_code: str
    reason: str


@dataclass(frozen=True)
class StakeholderRow:
    line: int
    code: str
    name: str
    kind: StakeholderKind
    emails: tuple[str, ...]


def document_problems(
    *,
    number: int | None,
    title: str,
    assessment: Assessment | None,
    ground_codes: Sequence[str],
    link: str | None,
    duplicate_of_number: int | None,
    known_grounds: Collection[str],
    taken_numbers: Collection[int],
    referable_numbers: Collection[int],
) -> list[tuple[str, str]]:
    """(column, message) for each rule of SPEC §3 and §7 a document breaks; shared by import and form.

    A number or assessment of None could not be read; the rules that need it are left to that error.
    """
    problems: list[tuple[str, str]] = []
    if number is not None and number < 1:
        problems.append(("nummer", N_("%(number)s is geen positief geheel getal.", number=number)))
    elif number is not None and number in taken_numbers:
        problems.append(("nummer", N_("Document %(number)s bestaat al in dit verzoek.", number=number)))
    if not title.strip():
        problems.append(("omschrijving", N_("Vul een omschrijving in.")))
    elif len(title.strip()) > 500:
        problems.append(("omschrijving", N_("De omschrijving mag hoogstens 500 tekens lang zijn.")))
    problems += [
        ("gronden", N_("'%(code)s' staat niet in de lijst met weigeringsgronden.", code=code))
        for code in ground_codes
        if code not in known_grounds
    ]
    if assessment in NEEDS_GROUND and not ground_codes:
        problems.append(
            (
                "gronden",
                N_("Een document dat %(assessment)s is, heeft ten minste één grond nodig.", assessment=assessment),
            )
        )
    if link and not is_web_link(link):
        problems.append(("link", N_("'%(link)s' is geen geldige link; begin met http:// of https://.", link=link)))
    elif link and len(link) > 1000:
        problems.append(("link", N_("De link mag hoogstens 1000 tekens lang zijn.")))
    elif assessment is Assessment.REEDS_OPENBAAR and not link:
        problems.append(("link", N_("Een document dat reeds openbaar is, heeft een link nodig.")))
    if assessment is Assessment.DUBBEL and duplicate_of_number is None:
        problems.append(("dubbel_van", N_("Een dubbel document noemt het nummer van het behouden exemplaar.")))
    elif assessment not in (Assessment.DUBBEL, None) and duplicate_of_number is not None:
        problems.append(("dubbel_van", N_("Een nummer in dubbel_van hoort alleen bij de beoordeling dubbel.")))
    elif duplicate_of_number is not None and duplicate_of_number == number:
        problems.append(("dubbel_van", N_("Een document kan geen dubbel van zichzelf zijn.")))
    elif duplicate_of_number is not None and duplicate_of_number not in referable_numbers:
        problems.append(
            (
                "dubbel_van",
                N_("Document %(number)s staat niet in de inventaris of in dit verzoek.", number=duplicate_of_number),
            )
        )
    return problems


def check_inventory(
    header: Sequence[str],
    rows: Sequence[Row],
    *,
    known_grounds: Collection[str],
    taken_numbers: Collection[int],
    stakeholder_codes: Collection[str],
    header_line: int = 1,
) -> Checked[InventoryRow]:
    referable = set(taken_numbers) | declared_numbers(header, rows)
    seen_numbers: dict[object, int] = {}
    seen_files: dict[object, int] = {}

    def read(cells: Cells) -> InventoryRow | None:
        number = cells.positive_int("nummer", missing=N_("Vul een nummer in."))
        cells.once("nummer", number, seen_numbers, N_("Nummer %(number)s", number=number))
        document_date = cells.date("datum")
        assessment = cells.choice("beoordeling", Assessment)
        duplicate_of = cells.positive_int("dubbel_van")
        codes = tuple(normalize_code(code) for code in split_list(cells.text("gronden")))
        link = cells.text("link") or None
        title = cells.text("omschrijving")
        for column, message in document_problems(
            number=number,
            title=title,
            assessment=assessment,
            ground_codes=codes,
            link=link,
            duplicate_of_number=duplicate_of,
            known_grounds=known_grounds,
            taken_numbers=taken_numbers,
            referable_numbers=referable,
        ):
            cells.error(column, message)
        stakeholders = tuple(split_list(cells.text("belanghebbenden")))
        for code in stakeholders:
            if code not in stakeholder_codes:
                cells.error("belanghebbenden", N_("Belanghebbende '%(code)s' bestaat niet in dit verzoek.", code=code))
        file_name = cells.text("bestand", max_length=300) or None
        cells.once("bestand", file_name and file_name.casefold(), seen_files, N_("Bestand '%(name)s'", name=file_name))
        if number is None or assessment is None:
            return None
        return InventoryRow(
            cells.line, number, title, document_date, assessment, codes, link, duplicate_of, stakeholders, file_name
        )

    return check_rows(header, rows, header_line, INVENTORY_COLUMNS, INVENTORY_REQUIRED, read)


def declared_numbers(header: Sequence[str], rows: Sequence[Row]) -> set[int]:
    """Every number the inventory declares, also on rows with other errors, so other rows may refer to it."""
    columns, _ = header_columns(header, 0, INVENTORY_COLUMNS, INVENTORY_REQUIRED)
    texts = (row.get(columns["nummer"], "").strip() for _, row in rows) if "nummer" in columns else ()
    return {int(text) for text in texts if WHOLE_NUMBER.fullmatch(text) and int(text) > 0}


def check_redactions(
    header: Sequence[str],
    rows: Sequence[Row],
    *,
    known_grounds: Collection[str],
    document_numbers: Collection[int],
    header_line: int = 1,
) -> Checked[RedactionRow]:
    """``document_numbers``: the documents of the case and of the inventory imported with these rows."""

    def read(cells: Cells) -> RedactionRow | None:
        number = cells.positive_int("document", missing=N_("Vul het nummer van het document in."))
        if number is not None and number not in document_numbers:
            cells.error(
                "document", N_("Document %(number)s staat niet in de inventaris of in dit verzoek.", number=number)
            )
        page = cells.positive_int("pagina", missing=N_("Vul een pagina in."))
        passage = cells.text("passage", missing=N_("Vul de passage in."), max_length=5000)
        ground = normalize_code(cells.text("grond", missing=N_("Vul een grond in.")))
        if ground and ground not in known_grounds:
            cells.error("grond", f"'{cells.text('grond')}' staat niet in de lijst met weigeringsgronden.")
        if number is None or page is None:
            return None
        return RedactionRow(cells.line, number, page, passage, ground, cells.text("toelichting"))

    return check_rows(header, rows, header_line, REDACTION_COLUMNS, REDACTION_REQUIRED, read)


def check_stakeholders(
    header: Sequence[str], rows: Sequence[Row], *, taken_codes: Collection[str], header_line: int = 1
) -> Checked[StakeholderRow]:
    seen_codes: dict[object, int] = {}

    def read(cells: Cells) -> StakeholderRow | None:
        code = cells.text("code", missing=N_("Vul een code in."), max_length=40)
        if code in taken_codes:
            cells.error("code", N_("Belanghebbende %(code)s bestaat al in dit verzoek.", code=code))
        cells.once("code", code, seen_codes, N_("Code %(code)s", code=code))
        name = cells.text("naam", missing=N_("Vul een naam in."), max_length=300)
        kind = cells.choice("soort", StakeholderKind)
        emails = tuple(split_list(cells.text("email", missing=N_("Vul ten minste één e-mailadres in."))))
        for email in emails:
            if not looks_like_email(email):
                cells.error("email", f"'{email}' is geen geldig e-mailadres.")
        if kind is None:
            return None
        return StakeholderRow(cells.line, code, name, kind, emails)

    return check_rows(header, rows, header_line, STAKEHOLDER_COLUMNS, STAKEHOLDER_COLUMNS, read)


def is_web_link(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in text)


def looks_like_email(text: str) -> bool:
    """A cheap syntax check; the service validates addresses properly before storing them."""
    return len(text) <= 320 and _EMAIL.fullmatch(text) is not None
