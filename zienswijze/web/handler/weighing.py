"""The weighing page: every objection and request per document and passage, and each one's record.

Each item has its own small form, so a handler weighs one item at a time and sees what is left.
Views given orally or on paper (Awb 4:9) are recorded on a page of their own.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlmodel import col, select
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice as C  # type: ignore[attr-defined]  # types-wtforms 3.2 predates it (wtforms 3.3)
from wtforms.widgets import NumberInput

from zienswijze import clock
from zienswijze.db import Case, Stakeholder
from zienswijze.db.queries import documents_of
from zienswijze.db.session import get_session
from zienswijze.db.weighing_rows import WeighingFilter, weighed_invitations, weighing_count, weighing_ids
from zienswijze.domain.limits import TextCap
from zienswijze.domain.responses import Channel, ItemInput, ItemKind, Position, ResponseInput, WeighingOutcome
from zienswijze.domain.weighing import Subject
from zienswijze.services import oral_views, weighing, weighing_items
from zienswijze.services.documents import ground_catalogue
from zienswijze.services.errors import Invalid
from zienswijze.web.forms import Capped, WholeNumberField, show_errors
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.labels import ground_label
from zienswijze.web.paging import Paged

bp = Blueprint("weighing", __name__, url_prefix="/<reference>/afweging")

# Each item is a form of its own, so a page holds fewer of them than a table holds rows.
ITEMS_PER_PAGE = 25
FILTERS = ("belanghebbende", "document", "status", "soort", "zoek")
STATES = {"ongewogen": False, "gewogen": True}

OUTCOMES = [
    C(WeighingOutcome.GEHONOREERD.value, _l("Gehonoreerd")),
    C(WeighingOutcome.DEELS_GEHONOREERD.value, _l("Deels gehonoreerd")),
    C(WeighingOutcome.NIET_GEHONOREERD.value, _l("Niet gehonoreerd")),
]


class WeighingForm(FlaskForm):
    outcome = RadioField(_l("Uitkomst"), choices=OUTCOMES, validate_choice=False)
    ground = SelectField(_l("Toegepaste weigeringsgrond"), validate_choice=False)
    interests = TextAreaField(_l("Gewogen belangen"), validators=[Capped(TextCap.LONG)])
    motivation = TextAreaField(_l("Motivering"), validators=[Capped(TextCap.LONG)])
    marked = TextAreaField(
        _l("Alsnog weg te lakken passages"),
        description=_l("Bij deels gehonoreerd: één passage per regel, als pagina: passage (bijv. 2: J. de Vries)."),
        validators=[Capped(TextCap.LONG)],
    )
    override_reason = TextAreaField(
        _l("Reden om nu al af te wegen"),
        description=_l("Alleen nodig zolang de belanghebbende nog een zienswijze kan geven; komt in de audittrail."),
        validators=[Capped(TextCap.SENTENCE)],
    )


MARKED_LINE = re.compile(r"^\s*(\d+)\s*:\s*(.+?)\s*$")


def marked_passages(text: str) -> list[tuple[int | None, str]]:
    """Each line 'page: passage' as a pair; a line without a page number keeps None so the service refuses it."""
    result: list[tuple[int | None, str]] = []
    for line in text.splitlines():
        match = MARKED_LINE.match(line)
        if match:
            result.append((int(match.group(1)), match.group(2)))
        elif line.strip():
            result.append((None, line.strip()))
    return result


def _form(item: weighing_items.Item, grounds, formdata=None) -> WeighingForm:
    current = item.weighing
    code = grounds.get(current.ground_id).code if current.ground_id in grounds else ""
    if not code and item.asked_ground is not None:
        code = item.asked_ground.code
    elif not code and item.redaction is not None and item.redaction.ground_id in grounds:
        code = grounds[item.redaction.ground_id].code
    form = WeighingForm(
        formdata=formdata,
        prefix=f"w{item.id}",
        data={
            "outcome": current.outcome.value if current.outcome else None,
            "ground": code,
            "interests": current.interests,
            "motivation": current.motivation,
            "marked": "\n".join(f"{m.page}: {m.passage}" for m in item.marked),
        },
    )
    form.ground.choices = _grounds(grounds)
    return form


def _grounds(grounds: dict) -> list[C]:
    return [C("", _("Geen grond"))] + [C(g.code, f"{g.code} {ground_label(g)}") for g in grounds.values()]


def _chosen() -> WeighingFilter:
    """The filters of the page's query string; a value that names nothing filters on nothing."""
    args = request.args
    stakeholder, number, kind = args.get("belanghebbende", ""), args.get("document", "").strip(), args.get("soort", "")
    return WeighingFilter(
        stakeholder_id=int(stakeholder) if stakeholder.isdigit() and len(stakeholder) < 10 else None,
        document_number=int(number) if number.isdigit() and len(number) < 10 else None,
        subject=Subject(kind) if kind in Subject._value2member_map_ else None,
        weighed=STATES.get(args.get("status", "")),
        search=args.get("zoek", "").strip()[:200],
    )


def _kept() -> dict[str, Any]:
    """The filters and page of the query string, kept by the page's forms and their redirect."""
    return {name: request.args[name] for name in (*FILTERS, "pagina") if request.args.get(name)}


def _page(case: Case, posted: int | None = None, status: int = 200, refused: WeighingForm | Invalid | None = None):
    """One page of the chosen items, a form for each; the ``posted`` item's form shows what was typed with the
    messages of the ``refused`` form or service."""
    session, chosen = get_session(), _chosen()
    paged = Paged.read(
        weighing_count(session, case.id, chosen),
        request.args.get("pagina"),
        ITEMS_PER_PAGE,
        lambda offset, limit: weighing_ids(session, case.id, chosen, offset=offset, limit=limit),
    )
    shown = [*paged.items]
    if posted is not None and posted not in shown:  # weighed out of the filter meanwhile: still shown with its errors
        shown.insert(0, weighing_items.one(session, case, posted)[0].id)
    overview = weighing_items.of_ids(session, case, shown)
    forms = {
        item.id: _form(item, overview.grounds, request.form if item.id == posted else None) for item in overview.items
    }
    if isinstance(refused, Invalid) and posted is not None:
        show_errors(forms[posted], refused)
    elif isinstance(refused, WeighingForm) and posted is not None:
        for field in refused:
            forms[posted][field.short_name].errors = field.errors
    return render_template(
        "weighing/index.html",
        case=case,
        overview=overview,
        forms=forms,
        paged=paged,
        progress=weighing_items.progress(session, case),
        chosen=chosen,
        filtered=any(request.args.get(name) for name in FILTERS),
        stakeholders=session.exec(
            select(Stakeholder).where(Stakeholder.case_id == case.id).order_by(col(Stakeholder.code))
        ).all(),
        kept=_kept(),
    ), status


@bp.get("/")
def index(reference: str):
    return _page(current_case(reference))


@bp.post("/<int:weighing_id>")
def record(reference: str, weighing_id: int):
    case = current_case(reference)
    form = WeighingForm(prefix=f"w{weighing_id}")
    if form.validate_on_submit():
        try:
            weighing.record(
                get_session(),
                current_actor(),
                case_id=case.id,
                weighing_id=weighing_id,
                outcome=form.outcome.data,
                motivation=form.motivation.data or "",
                interests=form.interests.data or "",
                ground_code=form.ground.data or "",
                marked=marked_passages(form.marked.data or ""),
                override_reason=form.override_reason.data or "",
                now=clock.now(),
            )
        except Invalid as invalid:
            return _page(case, posted=weighing_id, status=400, refused=invalid)
        flash(_("Afweging vastgelegd."), "success")
        return redirect(url_for(".index", reference=case.reference, **_kept(), _anchor=f"item-{weighing_id}"))
    return _page(case, posted=weighing_id, status=400, refused=form)


class OralViewForm(FlaskForm):
    invitation = SelectField(_l("Belanghebbende"), validate_choice=False)
    channel = RadioField(
        _l("Hoe is de zienswijze gegeven?"),
        choices=[
            C(Channel.MONDELING.value, _l("Mondeling")),
            C(Channel.SCHRIFTELIJK.value, _l("Schriftelijk, op papier")),
        ],
        default=Channel.MONDELING.value,
        validate_choice=False,
    )
    position = RadioField(
        _l("Standpunt"),
        choices=[
            C(Position.GEEN_BEZWAAR.value, _l("Geen bezwaar")),
            C(Position.GEDEELTELIJK_BEZWAAR.value, _l("Gedeeltelijk bezwaar")),
            C(Position.BEZWAAR.value, _l("Bezwaar")),
        ],
        validate_choice=False,
    )
    explanation = TextAreaField(_l("Weergave van de zienswijze"), validators=[Capped(TextCap.LONG)])
    document = SelectField(_l("Bezwaar tegen document (optioneel)"), validate_choice=False)
    kind = RadioField(
        _l("Soort bezwaar"),
        choices=[
            C(ItemKind.BEZWAAR.value, _l("Bezwaar tegen openbaarmaking")),
            C(ItemKind.EXTRA_LAKKING.value, _l("Verzoek om extra lakking")),
        ],
        default=ItemKind.BEZWAAR.value,
        validate_choice=False,
    )
    page = WholeNumberField(_l("Pagina"), message=_l("Vul een paginanummer in."), widget=NumberInput(min=1))
    passage = TextAreaField(_l("Passage"), validators=[Capped(TextCap.PASSAGE)])
    ground = SelectField(_l("Grond"), validate_choice=False)
    reasons = TextAreaField(_l("Redenen"), validators=[Capped(TextCap.LONG)])


@bp.route("/zienswijze-vastleggen", methods=["GET", "POST"])
def oral_view(reference: str):
    case = current_case(reference)
    session = get_session()
    form = OralViewForm()
    form.invitation.choices = [
        C(str(invitation.id), f"{stakeholder.code} {stakeholder.name}")
        for invitation, stakeholder in weighed_invitations(session, case.id)
    ]
    documents = documents_of(session, case.id)
    form.document.choices = [C("", _("Geen afzonderlijk document"))] + [
        C(str(d.id), _("Document %(number)s: %(title)s", number=d.number, title=d.title)) for d in documents
    ]
    form.ground.choices = _grounds(ground_catalogue(session, case.organisation_id))
    if form.validate_on_submit():
        page = form.page.data
        try:
            oral_views.record_view(
                session,
                current_actor(),
                invitation_id=_number(form.invitation.data),
                channel=Channel(form.channel.data)
                if form.channel.data in Channel._value2member_map_
                else Channel.ONLINE,
                data=_view(form, page),
                now=clock.now(),
            )
        except Invalid as invalid:
            show_errors(form, invalid, {f"items.0.{name}": name for name in ITEM_FIELDS})
        else:
            flash(_("Zienswijze vastgelegd."), "success")
            return redirect(url_for(".index", reference=case.reference))
    status = 400 if form.is_submitted() else 200
    return render_template("weighing/oral_view.html", case=case, form=form), status


ITEM_FIELDS = ("document", "page", "passage", "ground", "reasons")


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _view(form: OralViewForm, page: int | None) -> ResponseInput:
    position = Position(form.position.data) if form.position.data in Position._value2member_map_ else None
    items: tuple[ItemInput, ...] = ()
    if _number(form.document.data):
        kind = ItemKind(form.kind.data) if form.kind.data in ItemKind._value2member_map_ else ItemKind.BEZWAAR
        items = (
            ItemInput(
                kind=kind,
                document_id=_number(form.document.data),
                page=page,
                passage=form.passage.data or "",
                ground_code=form.ground.data or "",
                reasons=form.reasons.data or "",
            ),
        )
    return ResponseInput(position=position, explanation=form.explanation.data or "", items=items)
