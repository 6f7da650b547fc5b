"""The invitation this browser holds, as every page of the stakeholder's file works from it.

Never an id in the URL alone: the file is the one of the invitation in the session, so a stakeholder
cannot reach another's documents by changing a number.
"""

from __future__ import annotations

from typing import Any

from flask import g, render_template
from flask_babel import gettext as _

from zienswijze.db.session import get_session
from zienswijze.services.stakeholder_access import Dossier, dossier
from zienswijze.web.stakeholder.link import stakeholder_actor

# How often one browser may post to its file: enough for htmx's autosave while typing.
FORM_LIMIT = "120 per minute"
# How many page images (and PDFs) one browser may fetch: without JavaScript every page loads at once.
PAGE_LIMIT = "300 per minute"


def current_view() -> Dossier:
    """The file of the invitation that the blueprint's before_request found in the session."""
    return dossier(get_session(), invitation_id=g.invitation.id)


def holder(view: Dossier) -> dict[str, Any]:
    """The stakeholder and invitation of this browser's session, as the use cases are told them."""
    return {"actor": stakeholder_actor(view.case), "invitation_id": view.invitation.id}


def term_over(view: Dossier):
    """The page for a change after the term ran out or the decision was taken, naming whom to contact."""
    organisation = view.organisation
    contact = " · ".join(
        p
        for p in (
            view.case.contact_name,
            view.case.contact_email or organisation.contact_email,
            view.case.contact_phone or organisation.contact_phone,
        )
        if p
    )
    if view.case.decision_date is not None:
        title = _("Er is al besloten")
        message = _(
            "U kunt niet meer reageren: %(organisation)s heeft op het verzoek al besloten. Hebt u vragen, "
            "neem dan contact met ons op.",
            organisation=organisation.name,
        )
    else:
        title = _("De termijn is voorbij")
        message = _(
            "U kunt niet meer reageren: de termijn voor uw zienswijze is verstreken. Wilt u toch nog "
            "reageren, neem dan contact op met %(organisation)s; de behandelaar kan de termijn verlengen.",
            organisation=organisation.name,
        )
    return render_template(
        "errors/error.html", status=403, title=title, message=message, contact=contact, show_home=False
    ), 403
