"""Reading a spreadsheet's rows (CSV or XLSX) by column name, with an error per cell.

Rows arrive as text with the line they stood on, so every error can point the handler at one cell of
their own spreadsheet. What each kind of file holds is in ``inventory``; this is how any of them is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from zienswijze.domain.dates import parse_date
from zienswijze.domain.text import N_

Row = tuple[int, Mapping[str, str]]
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

WHOLE_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Checked(Generic[T]):
    """The records of a file, usable only when ``errors`` is empty: a bad file imports nothing."""

    records: tuple[T, ...]
    errors: tuple[RowError, ...]


def split_list(text: str) -> list[str]:
    """The ``;``-separated parts of a cell, trimmed, each once, in their order."""
    return list(dict.fromkeys(part.strip() for part in text.split(";") if part.strip()))


def column_key(name: str) -> str:
    """Column names match regardless of case and surrounding spaces, as handlers type them."""
    return " ".join(name.strip().lower().split())


def check_rows(
    header: Sequence[str],
    rows: Sequence[Row],
    header_line: int,
    expected: Sequence[str],
    required: Sequence[str],
    read: Callable[[Cells], T | None],
) -> Checked[T]:
    """Reads every row, keeping a record only from a row without errors; a bad header stops at the header.

    ``read`` returns None for a row whose missing value it has already reported as an error.
    """
    columns, errors = header_columns(header, header_line, expected, required)
    if errors:
        return Checked((), tuple(errors))
    records: list[T] = []
    for line, row in rows:
        cells = Cells(line, row, columns)
        record = read(cells)
        if cells.errors or record is None:
            # In the order of the columns, as the handler reads the row from left to right.
            errors += sorted(cells.errors, key=lambda e: expected.index(e.column) if e.column in expected else -1)
        else:
            records.append(record)
    return Checked(tuple(records), tuple(errors))


def header_columns(
    header: Sequence[str], line: int, expected: Sequence[str], required: Sequence[str]
) -> tuple[dict[str, str], list[RowError]]:
    """The file's own name of each expected column, or errors that name the expected columns."""
    optional = [name for name in expected if name not in required]
    wanted = (
        N_(
            "verwacht: %(required)s (en eventueel %(optional)s)",
            required=", ".join(required),
            optional=", ".join(optional),
        )
        if optional
        else N_("verwacht: %(required)s", required=", ".join(required))
    )
    columns: dict[str, str] = {}
    errors: list[RowError] = []
    for name in header:
        key = column_key(name)
        if not key:
            continue
        if key in columns:
            errors.append(
                RowError(line, name.strip(), N_("De kolom '%(column)s' staat er twee keer in.", column=name.strip()))
            )
        elif key not in expected:
            errors.append(
                RowError(
                    line,
                    name.strip(),
                    N_("Onbekende kolom '%(column)s'; %(wanted)s.", column=name.strip(), wanted=wanted),
                )
            )
        columns[key] = name
    missing = [name for name in required if name not in columns]
    if missing:
        names = ", ".join(missing)
        if len(missing) == 1:
            message = N_("Kolom ontbreekt: %(names)s; %(wanted)s.", names=names, wanted=wanted)
        else:
            message = N_("Kolommen ontbreken: %(names)s; %(wanted)s.", names=names, wanted=wanted)
        errors.append(RowError(line, "", message))
    return columns, errors


class Cells:
    """One row's cells by expected column name, collecting the row's errors."""

    def __init__(self, line: int, row: Mapping[str, str], columns: Mapping[str, str]) -> None:
        self.line, self.row, self.columns = line, row, columns
        self.errors: list[RowError] = []
        if row.get("", "").strip():
            self.error("", N_("Deze regel heeft een waarde in een kolom zonder naam."))

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def text(self, column: str, *, missing: str | None = None, max_length: int | None = None) -> str:
        text = self.row.get(self.columns[column], "").strip() if column in self.columns else ""
        if not text and missing:
            self.error(column, missing)
        elif max_length and len(text) > max_length:
            self.error(column, N_("Deze waarde mag hoogstens %(max_length)s tekens lang zijn.", max_length=max_length))
        return text

    def once(self, column: str, key: object, seen: dict[object, int], what: str) -> None:
        """Records where a value first stood, or reports the earlier line of a repeated one."""
        if key and key in seen:
            self.error(column, N_("%(what)s staat ook op regel %(line)s.", what=what, line=seen[key]))
        elif key:
            seen[key] = self.line

    def positive_int(self, column: str, *, missing: str | None = None) -> int | None:
        text = self.text(column, missing=missing)
        if text and (not WHOLE_NUMBER.fullmatch(text) or int(text) < 1):
            self.error(column, N_("'%(text)s' is geen positief geheel getal.", text=text))
            return None
        return int(text) if text else None

    def date(self, column: str) -> date | None:
        text = self.text(column)
        try:
            return parse_date(text) if text else None
        except ValueError:
            self.error(column, N_("'%(text)s' is geen geldige datum; schrijf JJJJ-MM-DD of D-M-JJJJ.", text=text))
            return None

    def choice(self, column: str, enum: type[E]) -> E | None:
        choices = [member.value for member in enum]
        listed = N_("%(choices)s of %(last)s", choices=", ".join(choices[:-1]), last=choices[-1])
        text = self.text(column)
        if column_key(text) in choices:
            return enum(column_key(text))
        if text:
            self.error(
                column, N_("'%(text)s' is geen %(column)s; kies %(listed)s.", text=text, column=column, listed=listed)
            )
        else:
            self.error(column, N_("Vul een %(column)s in: %(listed)s.", column=column, listed=listed))
        return None
