"""The dossier page as rendered: the answer form with its overview, from whichever route shows it.

The save, attachment and extension routes all show this page again with what was posted and its errors,
so its rendering lives here, apart from the routes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import g, render_template, request
from sqlmodel import select

from zienswijze.db import Ground
from zienswijze.db.session import get_session
from zienswijze.domain.consultation import LinkStatus
from zienswijze.domain.grounds import offered_to_stakeholders
from zienswijze.domain.responses import ItemKind
from zienswijze.services import extension_requests, responses
from zienswijze.services.closed_days import explanation_of
from zienswijze.services.stakeholder_access import Dossier
from zienswijze.web.dates import long_date
from zienswijze.web.stakeholder.response_form import ParsedForm, parse

ANSWERS = (ItemKind.AKKOORD.value, ItemKind.TOESTEMMING.value)


@dataclass(frozen=True)
class Progress:
    """How many proposed redactions have an answer: for the overview, and per document for its summary."""

    answered: int
    total: int


def progress(view: Dossier, values: Mapping[str, str]) -> dict[int | None, Progress]:
    """Per document id, and for the whole file under ``None``."""
    counts: dict[int | None, Progress] = {
        document.id: Progress(
            sum(values.get(f"r{r.id}") in ANSWERS for r, _g in view.redactions.get(document.id, [])),
            len(view.redactions.get(document.id, [])),
        )
        for document in view.documents
    }
    counts[None] = Progress(sum(p.answered for p in counts.values()), sum(p.total for p in counts.values()))
    return counts


def open_documents(view: Dossier, counts: dict[int | None, Progress], errors: Mapping[str, str]) -> set[int]:
    """The documents shown unfolded: those with a passage still to answer or a mistake to correct.

    A document without proposed redactions stays unfolded too: the stakeholder may still object to it.
    """
    unfolded = set()
    for document in view.documents:
        names = {f"d{document.id}"} | {f"r{r.id}" for r, _g in view.redactions.get(document.id, [])}
        count = counts[document.id]
        if count.answered < count.total or count.total == 0 or any(key.split("-")[0] in names for key in errors):
            unfolded.add(document.id)
    return unfolded


def posted_form(view: Dossier) -> ParsedForm:
    """The answer form as posted, read against this stakeholder's own documents and passages."""
    redaction_documents = {r.id: doc_id for doc_id, rows in view.redactions.items() for r, _g in rows}
    return parse(request.form, redaction_documents=redaction_documents, document_ids=[d.id for d in view.documents])


def render(
    view: Dossier, values, current=None, *, errors=None, focus=None, extension_errors=None, extension_values=None
):
    db = get_session()
    current = current or responses.current(db, view.invitation)
    counts = progress(view, values)
    return render_template(
        "stakeholder/dossier.html",
        view=view,
        values=values,
        current=current,
        errors=errors or {},
        progress=counts,
        unfolded=open_documents(view, counts, errors or {}),
        read_only=g.link_status is LinkStatus.READ_ONLY,
        deadline=long_date(view.invitation.deadline),
        explanation=explanation_of(db, view.invitation, view.case.organisation_id),
        focus=focus,
        all_grounds=_grounds(view.case.organisation_id),
        extension=extension_requests.latest_request(db, view.invitation),
        extension_errors=extension_errors or {},
        extension_values=extension_values or {},
    )


def _grounds(organisation_id: int) -> list[Ground]:
    """The grounds a stakeholder may name for an extra redaction: not 8.8 and not "buiten scope"."""
    rows = get_session().exec(select(Ground).where(Ground.organisation_id == organisation_id).order_by(Ground.code))
    return [ground for ground in rows if offered_to_stakeholders(ground.code)]
