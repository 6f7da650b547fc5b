"""Downloads of a case: the inventory list (CSV, XLSX, printable), the productierapport, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO

from flask import Blueprint, render_template, request, send_file
from sqlmodel import Session

from zienswijze import clock
from zienswijze.db import Case
from zienswijze.db.session import get_session
from zienswijze.flask_extensions import htmx
from zienswijze.services import audit, audit_timeline, exports
from zienswijze.web.downloads import streamed
from zienswijze.web.handler.audit_timeline import sentence
from zienswijze.web.handler.cases import current_case
from zienswijze.web.paging import Paged

bp = Blueprint("exports", __name__, url_prefix="/<reference>/export")

CSV = "text/csv"
# Events on one page of the timeline; the chain is checked whole whatever page is shown.
EVENTS_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SheetOf = Callable[[Session, Case, date], exports.Sheet]


def download(body: bytes, mimetype: str, name: str):
    """An attachment whose name is quoted safely, never cached by a shared proxy."""
    response = send_file(BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/")
def index(reference: str):
    case = current_case(reference)
    return render_template("exports/index.html", case=case)


@bp.get("/inventaris")
def inventory_page(reference: str):
    case = current_case(reference)
    sheet = exports.inventory(get_session(), case, clock.today())
    return render_template("exports/inventory.html", case=case, sheet=sheet)


@bp.get("/inventaris.csv")
def inventory_csv(reference: str):
    case = current_case(reference)
    sheet = exports.inventory(get_session(), case, clock.today())
    return download(exports.csv_bytes(sheet), CSV, exports.filename(case, "inventarislijst", "csv"))


@bp.get("/inventaris.xlsx")
def inventory_xlsx(reference: str):
    return _workbook(reference, exports.inventory, "Inventarislijst")


@bp.get("/productierapport.xlsx")
def production_report(reference: str):
    return _workbook(reference, exports.production_report, "Productierapport")


@bp.get("/audit")
def audit_trail(reference: str):
    """The timeline; the case page loads it as a fragment, and it is a page of its own without JavaScript."""
    case = current_case(reference)
    session = get_session()
    entries = Paged.read(
        audit_timeline.event_count(session, case.id),
        request.args.get("pagina"),
        EVENTS_PER_PAGE,
        lambda offset, limit: audit_timeline.timeline(session, case.id, offset=offset, limit=limit),
    )
    # The whole chain is checked, not only the page shown: a break anywhere is what the jurist must see.
    verification = audit.verification(session, case.id, audit.streamed_events(session, case.id))
    template = "exports/_audit.html" if htmx else "exports/audit.html"
    lines = [(entry.event.occurred_at, sentence(entry)) for entry in entries.items]
    return render_template(
        template, case=case, lines=lines, entries=entries, entries_per_page=EVENTS_PER_PAGE, verification=verification
    )


@bp.get("/audit.csv")
def audit_csv(reference: str):
    case = current_case(reference)
    return streamed(exports.audit_csv(get_session(), case), CSV, exports.filename(case, "audittrail", "csv"))


@bp.get("/audit.json")
def audit_json(reference: str):
    case = current_case(reference)
    return streamed(
        exports.audit_json(get_session(), case), "application/json", exports.filename(case, "audittrail", "json")
    )


def _workbook(reference: str, sheet_of: SheetOf, title: str):
    """One sheet of the case as an Excel workbook, its tab and its file named after ``title``."""
    case = current_case(reference)
    sheet = sheet_of(get_session(), case, clock.today())
    return download(exports.xlsx_bytes(sheet, title), XLSX, exports.filename(case, title.lower(), "xlsx"))
