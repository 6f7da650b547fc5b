"""The organisation's privacy statement (AVG art. 13 and 14), public: linked from every invitation and every
page of the stakeholder's file, so a stakeholder can read it before and after opening their link."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from zienswijze.db import Organisation
from zienswijze.db.session import get_session

bp = Blueprint("privacy", __name__)


@bp.get("/privacyverklaring/<int:organisation_id>")
def statement(organisation_id: int):
    organisation = get_session().get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    return render_template("privacy/statement.html", body=organisation)
