"""Reads an uploaded table, CSV or XLSX, into its header and rows of text with their line numbers.

The format is told from the bytes, not from the file name: handlers rename files, and Dutch Excel
writes CSV with semicolons. Line numbers are those the handler sees in their own program, so an
error can point at the row to fix.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from zienswijze.domain.errors import Invalid
from zienswijze.domain.text import N_

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the binary .xls of Excel 97-2003
# The OOXML content types of a workbook main part (.xlsx, and .xlsm as Excel saves it with macros).
_WORKBOOK_TYPES = (b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
_SAVE_AS = N_("Sla het op als CSV (UTF-8) of als Excel-werkmap (.xlsx).")


class TableError(Invalid):
    """The file is not a table this service can read; the message (Dutch) says what to do."""


@dataclass(frozen=True)
class Table:
    """Rows map the file's own column names to text; cells without a column name are under ""."""

    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, dict[str, str]], ...]


def read_table(data: bytes, file_name: str) -> Table:
    """The table in a CSV or XLSX file; TableError when the bytes are neither or hold no header."""
    if data.startswith(_ZIP_MAGIC):
        return _table(_xlsx_lines(data, file_name), file_name)
    if data.startswith(_OLE2_MAGIC):
        raise TableError(
            N_("%(name)s is in het oude Excel-formaat (.xls). %(save_as)s", name=file_name, save_as=_SAVE_AS)
        )
    if data.lstrip().startswith(b"%PDF-"):
        raise TableError(N_("%(name)s is een PDF-bestand, geen tabel. %(save_as)s", name=file_name, save_as=_SAVE_AS))
    return _table(_csv_lines(data, file_name), file_name)


def _csv_lines(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    if b"\x00" in data:
        raise TableError(N_("%(name)s is geen CSV- of XLSX-bestand. %(save_as)s", name=file_name, save_as=_SAVE_AS))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            N_(
                "%(name)s is geen CSV-bestand in UTF-8 en geen XLSX-bestand. %(save_as)s",
                name=file_name,
                save_as=_SAVE_AS,
            )
        ) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:  # a single column: no delimiter to find
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for values in reader:
            lines.append((start, values))
            start = reader.line_num + 1
    except csv.Error as error:
        raise TableError(
            N_(
                "%(name)s, regel %(line)s: deze regel is geen geldige CSV (%(error)s).",
                name=file_name,
                line=start,
                error=str(error),
            )
        ) from None
    return lines


def _xlsx_lines(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    """The first worksheet's rows, numbered as Excel numbers them; formulas give their saved values."""
    not_a_workbook = TableError(
        N_("%(name)s is geen Excel-werkmap (.xlsx) en geen CSV-bestand. %(save_as)s", name=file_name, save_as=_SAVE_AS)
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content_types = archive.read("[Content_Types].xml")
        if not any(kind in content_types for kind in _WORKBOOK_TYPES):
            raise not_a_workbook
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, OSError, ValueError):
        raise not_a_workbook from None
    try:
        if not workbook.worksheets:
            raise not_a_workbook
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(min_row=1, values_only=True)
        return [(line, [_cell_text(value) for value in values]) for line, values in enumerate(rows, start=1)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as the handler sees it: dates as ISO dates, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(lines: Iterable[tuple[int, list[str]]], file_name: str) -> Table:
    filled = [(line, values) for line, values in lines if any(value.strip() for value in values)]
    if not filled:
        raise TableError(N_("%(name)s is leeg: de eerste regel moet de kolomnamen bevatten.", name=file_name))
    (header_line, header), body = filled[0], filled[1:]
    names = [name.strip() for name in header]
    rows = []
    for line, values in body:
        row: dict[str, str] = {}
        unnamed = [value for name, value in zip(names, values, strict=False) if not name]
        unnamed += values[len(names) :]
        for name, value in zip(names, values, strict=False):
            if name:
                row[name] = value
        row[""] = " ".join(value.strip() for value in unnamed if value.strip())
        rows.append((line, row))
    return Table(tuple(names), header_line, tuple(rows))
