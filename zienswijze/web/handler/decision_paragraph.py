"""The decision-letter paragraph on the derde-belanghebbenden, as text or Word, in the form the handler chose."""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice as C  # type: ignore[attr-defined]  # types-wtforms 3.2 predates it

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.domain.decision_paragraph import DETAILED, SHORT
from zienswijze.services import paragraph
from zienswijze.web.handler.cases import current_case
from zienswijze.web.handler.exports import download

bp = Blueprint("paragraph", __name__, url_prefix="/<reference>/besluit")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The paragraph's two forms as the page's address names them; detailed unless chosen otherwise.
PARAGRAPH_FORMS = {"uitgebreid": DETAILED, "kort": SHORT}


class ParagraphChoice(FlaskForm):
    """Which form of the paragraph to show and download; read from the address, so no CSRF token."""

    class Meta:
        csrf = False

    vorm = RadioField(
        _l("Vorm van de paragraaf"),
        choices=[
            C("uitgebreid", _l("Uitgebreid: met de aantallen en per belanghebbende hoe de zienswijze is gewogen")),
            C("kort", _l("Kort: drie zinnen, zoals in een standaardbesluit")),
        ],
        default="uitgebreid",
    )


def paragraph_choice() -> ParagraphChoice:
    """The chosen form; an unknown one is a bad request, never a silent default."""
    choice = ParagraphChoice(formdata=request.args)
    if not choice.validate():
        abort(400)
    return choice


@bp.get("/zienswijze-derde-belanghebbenden.txt")
def paragraph_text(reference: str):
    case = current_case(reference)
    body = paragraph.text(get_session(), case, PARAGRAPH_FORMS[paragraph_choice().vorm.data]).encode()
    return download(body, "text/plain", paragraph.filename(case, "txt", clock.today()))


@bp.get("/zienswijze-derde-belanghebbenden.docx")
def paragraph_docx(reference: str):
    case = current_case(reference)
    body = paragraph.docx(get_session(), case, PARAGRAPH_FORMS[paragraph_choice().vorm.data])
    return download(body, DOCX, paragraph.filename(case, "docx", clock.today()))
