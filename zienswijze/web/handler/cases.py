"""The handler's case pages; each query is scoped to the logged-in user's organisation.

The pages of a case's parts (documents, proposed redactions, stakeholders, rounds, invitations) are
blueprints nested in this one, so they share its login requirement and its answer to a case of
another organisation: 404, as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlmodel import col
from wtforms import StringField
from wtforms.widgets import DateInput

from zienswijze import clock
from zienswijze.db import Case, ConsultationRound, Document, Stakeholder
from zienswijze.db.invitation_rows import InvitationCounts, invitation_counts
from zienswijze.db.queries import (
    case_count,
    case_summaries,
    count_of,
    documents_of,
    redactions_by_document,
    rounds_of,
    stakeholders_of,
)
from zienswijze.db.session import get_session
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.limits import TextCap
from zienswijze.services.case_progress import standing
from zienswijze.services.cases import (
    case_by_reference,
    create_case,
    decision_deadline_of,
    is_decision_overdue,
    postpone_decision,
)
from zienswijze.services.documents import ground_catalogue
from zienswijze.services.errors import Invalid
from zienswijze.services.health import scheduler_status
from zienswijze.web.dates import long_date
from zienswijze.web.forms import Capped, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.status_matrix import PAGE_PARAMETER, StatusMatrix
from zienswijze.web.i18n import translated
from zienswijze.web.paging import Paged

bp = Blueprint("cases", __name__, url_prefix="/zaken")

# Documents on one page of the case overview; their proposed redactions are folded under each.
DOCUMENTS_PER_PAGE = 15
STAKEHOLDERS_PER_PAGE = 50
CASES_PER_PAGE = 50


class CaseForm(FlaskForm):
    reference = StringField(_l("Kenmerk"))
    subject = StringField(_l("Onderwerp"), validators=[Capped(TextCap.LINE)])
    received = StringField(_l("Datum van ontvangst"), widget=DateInput())
    requester_name = StringField(_l("Naam van de verzoeker (optioneel)"), validators=[Capped(TextCap.NAME)])


@bp.before_request
@login_required
def _require_login() -> None:
    """Every page of this blueprint, and of the blueprints nested in it, is for logged-in handlers only."""


def current_case(reference: str) -> Case:
    """The case with this reference in the user's organisation; NotFound (so 404) for any other."""
    return case_by_reference(get_session(), current_actor(), reference)


@bp.get("/")
def index():
    search = request.args.get("q", "").strip()
    status = request.args.get("status", "")
    chosen = CaseStatus(status) if status in CaseStatus._value2member_map_ else None
    session = get_session()
    organisation = current_user.organisation_id
    summaries = Paged.read(
        case_count(session, organisation, search=search, status=chosen),
        request.args.get("pagina"),
        CASES_PER_PAGE,
        lambda offset, limit: case_summaries(
            session, organisation, search=search, status=chosen, window=(offset, limit)
        ),
    )
    scheduler = scheduler_status(
        session, now=clock.now(), max_age_seconds=current_app.config["SCHEDULER_HEARTBEAT_MAX_AGE_SECONDS"]
    )
    today = clock.today()
    return render_template(
        "cases/index.html",
        summaries=summaries,
        overdue={s.case.id for s in summaries.items if is_decision_overdue(s.case, today)},
        search=search,
        status=chosen,
        statuses=list(CaseStatus),
        scheduler=scheduler,
    )


@bp.route("/nieuw", methods=["GET", "POST"])
def new():
    form = CaseForm()
    if form.validate_on_submit():
        try:
            case = create_case(
                get_session(),
                current_actor(),
                reference=form.reference.data,
                subject=form.subject.data,
                received=form.received.data,
                requester_name=form.requester_name.data,
            )
        except Invalid as invalid:
            show_errors(form, invalid)
        else:
            flash(_("Zaak %(reference)s aangemaakt.", reference=case.reference), "success")
            return redirect(url_for("cases.detail", reference=case.reference))
    status = 400 if request.method == "POST" else 200
    return render_template("cases/new.html", form=form), status


@bp.post("/<reference>/verdagen")
def postpone(reference: str):
    """Records that the decision term was postponed (Woo art. 4.4 lid 2) and when the requester was told."""
    case = current_case(reference)
    try:
        postpone_decision(
            get_session(), current_actor(), case_id=case.id, notice_sent=request.form.get("notice_sent", "")
        )
    except Invalid as invalid:
        flash(" ".join(str(translated(message)) for message in invalid.errors.values()), "error")
    else:
        flash(_("De beslistermijn is verdaagd tot %(date)s.", date=long_date(decision_deadline_of(case))), "success")
    return redirect(url_for("cases.detail", reference=case.reference))


@dataclass(frozen=True)
class ConsultationTerm:
    """How the stakeholders' deadlines relate to the decision deadline (Woo art. 4.4)."""

    decision_deadline: date
    last_stakeholder_deadline: date | None
    suspended_from: date | None

    @property
    def after_decision(self) -> bool:
        last = self.last_stakeholder_deadline
        return last is not None and self.suspended_from is None and last > self.decision_deadline

    @property
    def days_to_spare(self) -> int | None:
        if self.last_stakeholder_deadline is None:
            return None
        return (self.decision_deadline - self.last_stakeholder_deadline).days


def consultation_term(case: Case, rounds: list[ConsultationRound], counts: InvitationCounts) -> ConsultationTerm:
    deadlines = [r.deadline for r in rounds] + ([counts.last_open_deadline] if counts.last_open_deadline else [])
    notice = case.suspension_notice_sent
    # Woo art. 4.4 lid 3: the suspension runs from the day after the requester was told.
    suspended_from = date.fromordinal(notice.toordinal() + 1) if notice and not case.suspension_ended else None
    return ConsultationTerm(decision_deadline_of(case), max(deadlines, default=None), suspended_from)


@bp.get("/<reference>")
def detail(reference: str):
    """The case as one overview: its sections in the order of the work, the next step marked."""
    session = get_session()
    case = current_case(reference)
    counts = invitation_counts(session, case.id)
    rounds = rounds_of(session, case.id)
    documents = Paged.read(
        count_of(session, col(Document.case_id) == case.id),
        request.args.get("documenten"),
        DOCUMENTS_PER_PAGE,
        lambda offset, limit: documents_of(session, case.id, window=(offset, limit)),
    )
    stakeholders = Paged.read(
        count_of(session, col(Stakeholder.case_id) == case.id),
        request.args.get("belanghebbenden"),
        STAKEHOLDERS_PER_PAGE,
        lambda offset, limit: stakeholders_of(session, case.id, window=(offset, limit)),
    )
    matrix = StatusMatrix.read(
        session,
        case,
        counts,
        state=request.args.get("status", ""),
        page=request.args.get(PAGE_PARAMETER),
        today=clock.today(),
    )
    return render_template(
        "cases/detail.html",
        case=case,
        term=consultation_term(case, rounds, counts),
        overdue=is_decision_overdue(case, clock.today()),
        documents=documents,
        redactions=dict(redactions_by_document(session, case.id, [d.id for d in documents.items])),
        grounds=ground_catalogue(session, case.organisation_id),
        stakeholders=stakeholders,
        rounds=rounds,
        matrix=matrix,
        standing=standing(session, case, clock.today()),
    )
