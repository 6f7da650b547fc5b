"""Downloads over the API: the inventory list, the productierapport, the audit trail and the paragraph.

These answer with a file, not with JSON; ``download`` documents them in the OpenAPI document beside
the JSON routes, with the same bearer token and the same problems.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import date
from io import BytesIO

from flask import current_app, request, send_file
from spectree import Response as Responses
from sqlmodel import Session

from zienswijze import clock
from zienswijze.api.blueprint import bp, own_case
from zienswijze.api.openapi import spec
from zienswijze.api.problems import ApiProblem
from zienswijze.api.schemas import Problem
from zienswijze.db import Case
from zienswijze.db.session import get_session
from zienswijze.domain.decision_paragraph import DETAILED, SHORT
from zienswijze.services import exports, paragraph
from zienswijze.web.downloads import streamed

TAG = "exports"
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(*, tag: str, media_type: str, problems: tuple[int, ...] = ()) -> Callable:
    """Documents a route that returns a file of ``media_type`` (its bytes, or its text as it is written), or one
    of the ``problems``."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def send(**kwargs):
            body, name = view(**kwargs)
            if isinstance(body, Iterator):
                return streamed(body, media_type, name)
            if not name:
                return current_app.response_class(body, 200, content_type=media_type)
            # send_file writes the name as RFC 6266 wants, also when it has quotes or is not ASCII.
            response = send_file(BytesIO(body), mimetype=media_type, as_attachment=True, download_name=name)
            response.content_type = media_type  # send_file would add a second charset to a text type
            response.direct_passthrough = False  # the OpenAPI layer reads the body it answers
            return response

        send.__doc__ = f"{view.__doc__} Answers {media_type.partition(';')[0]}."
        return spec.validate(
            resp=Responses(
                HTTP_200=None,
                HTTP_401=Problem,
                HTTP_404=Problem,
                HTTP_503=Problem,
                **{f"HTTP_{status}": Problem for status in problems},
            ),
            tags=[tag],
            skip_validation=True,
            operation_id=view.__name__,
            validation_error_status=401,
        )(send)

    return decorate


@bp.get("/cases/<int:case_id>/inventory.csv")
@download(tag=TAG, media_type=CSV)
def inventory_csv(case_id: int):
    """The inventory list (inventarislijst) with the consultation's outcome, as CSV with semicolons."""
    case = own_case(case_id)
    sheet = exports.inventory(get_session(), case, clock.today())
    return exports.csv_bytes(sheet), exports.filename(case, "inventarislijst", "csv")


@bp.get("/cases/<int:case_id>/inventory.xlsx")
@download(tag=TAG, media_type=XLSX)
def inventory_xlsx(case_id: int):
    """The inventory list as an Excel workbook with a header row, filters and column widths."""
    return _workbook(case_id, exports.inventory, "Inventarislijst")


@bp.get("/cases/<int:case_id>/productierapport.xlsx")
@download(tag=TAG, media_type=XLSX, problems=(422,))
def production_report(case_id: int):
    """The productierapport in the column layout the Woo publication platform imports; refused (422) when the
    case's reference breaks the platform's rules for Matter or Zaaknummer."""
    return _workbook(case_id, exports.production_report, "Productierapport")


@bp.get("/cases/<int:case_id>/audit.json")
@download(tag=TAG, media_type="application/json")
def audit_json(case_id: int):
    """The case's audit trail in order, each event with its hash and the previous one's, and whether it holds."""
    case = own_case(case_id)
    return exports.audit_json(get_session(), case), None


@bp.get("/cases/<int:case_id>/audit.csv")
@download(tag=TAG, media_type=CSV)
def audit_csv(case_id: int):
    """The case's audit trail as CSV."""
    case = own_case(case_id)
    return exports.audit_csv(get_session(), case), exports.filename(case, "audittrail", "csv")


@bp.get("/cases/<int:case_id>/decision-paragraph")
@download(tag="besluit", media_type="text/plain; charset=utf-8", problems=(422,))
def decision_paragraph(case_id: int):
    """The paragraph "Zienswijze derde-belanghebbende(n)" for the decision, in Dutch, from the record:
    `?form=detailed` (the default) per stakeholder, or `?form=short` in the seed decision's three sentences."""
    case = own_case(case_id)
    form = request.args.get("form", DETAILED)
    if form not in (DETAILED, SHORT):
        raise ApiProblem(422, errors=[("form", f"Kies {DETAILED} of {SHORT}.")])
    return paragraph.text(get_session(), case, form).encode(), None


def _workbook(case_id: int, sheet_of: Callable[[Session, Case, date], exports.Sheet], title: str) -> tuple[bytes, str]:
    """One sheet of the case as an Excel workbook, its tab and its file named after ``title``."""
    case = own_case(case_id)
    sheet = sheet_of(get_session(), case, clock.today())
    return exports.xlsx_bytes(sheet, title), exports.filename(case, title.lower(), "xlsx")
