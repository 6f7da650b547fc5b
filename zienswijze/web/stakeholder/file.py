"""The stakeholder's file (dossier): their documents, the response form, attachments and extension requests.

Every route works from the invitation held in the session, never from an id in the URL alone, so a
stakeholder cannot reach another's documents by changing a number.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from sqlmodel import select

from zienswijze import clock
from zienswijze.db import Ground, StoredFile
from zienswijze.db.session import get_session
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.domain.responses import submission_errors
from zienswijze.files.page_images import Mark, render_page
from zienswijze.files.store import path_for
from zienswijze.flask_extensions import limiter
from zienswijze.services import extension_requests, responses
from zienswijze.services.closed_days import explanation_of
from zienswijze.services.errors import Invalid, require_date
from zienswijze.services.stakeholder_access import LinkCheck, LinkStatus, dossier
from zienswijze.web.stakeholder.link import ERRORS, held_invitation, link_error, stakeholder_actor
from zienswijze.web.stakeholder.response_form import ParsedForm, parse, values_of

bp = Blueprint("stakeholder_file", __name__, url_prefix="/z/dossier")
FORM_LIMIT = "120 per minute"


@bp.before_request
def _require_invitation():
    invitation, status = held_invitation()
    if status in ERRORS:
        return link_error(LinkCheck(status, organisation=None))
    g.invitation, g.link_status = invitation, status
    return None


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("")
def file():
    view = _view()
    current = responses.current(get_session(), view.invitation)
    return _render(view, values_of(current.data), current)


@bp.post("")
@limiter.limit(FORM_LIMIT)
def save():
    view = _view()
    parsed = _parsed(view)
    action = request.form.get("action", "bewaar")
    try:
        responses.save_draft(get_session(), **_holder(view), data=parsed.data, now=clock.now())
    except responses.FormClosed:
        return _closed(view)
    except Invalid as error:
        return _render(view, request.form, errors=parsed.field_errors(error.errors)), 400
    if action == "extra_rij":
        values = dict(request.form)
        values["extra_rows"] = str(parsed.extra_rows + 1)
        return _render(view, values, focus=f"x{parsed.extra_rows}-passage")
    if action == "controleer":
        errors = submission_errors(
            parsed.data, responses.shown_to(get_session(), view.invitation, view.case.organisation_id)
        )
        if errors:
            return _render(view, request.form, errors=parsed.field_errors(errors)), 400
        return render_template(
            "stakeholder/confirm.html",
            view=view,
            data=parsed.data,
            attachments=responses.current(get_session(), view.invitation).attachments,
        )
    flash(_("Uw concept is bewaard. U kunt later verdergaan via dezelfde link."), "success")
    return redirect(url_for("stakeholder_file.file"), code=303)


@bp.post("/automatisch-bewaren")
@limiter.limit(FORM_LIMIT)
def autosave():
    """htmx saves the draft while the stakeholder types; nothing is lost when the browser closes."""
    view = _view()
    try:
        responses.save_draft(get_session(), **_holder(view), data=_parsed(view).data, now=clock.now())
    except (responses.FormClosed, Invalid):
        return render_template("stakeholder/_autosave.html", saved=False)
    return render_template("stakeholder/_autosave.html", saved=True, moment=clock.now())


@bp.post("/indienen")
@limiter.limit(FORM_LIMIT)
def submit():
    view = _view()
    db = get_session()
    current = responses.current(db, view.invitation)
    try:
        responses.submit(db, **_holder(view), data=current.data, now=clock.now(), today=clock.today())
    except responses.FormClosed:
        return _closed(view)
    except Invalid:
        flash(_("Uw zienswijze is nog niet compleet. Controleer de gemarkeerde onderdelen."), "error")
        return redirect(url_for("stakeholder_file.file"), code=303)
    return redirect(url_for("stakeholder_file.received"), code=303)


@bp.get("/ontvangen")
def received():
    view = _view()
    current = responses.current(get_session(), view.invitation)
    if current.submitted is None:
        return redirect(url_for("stakeholder_file.file"))
    return render_template(
        "stakeholder/received.html",
        view=view,
        version=current.submitted,
        deadline=format_date_nl(view.invitation.deadline),
    )


@bp.post("/bijlagen")
@limiter.limit(FORM_LIMIT)
def upload():
    view = _view()
    files = [f for f in request.files.getlist("attachment") if f and f.filename]
    if not files:
        flash(_("Kies een PDF-bestand om toe te voegen."), "error")
    for upload_file in files:
        try:
            responses.add_attachment(
                get_session(),
                **_holder(view),
                filename=upload_file.filename,
                data=upload_file.read(),
                upload_dir=Path(current_app.config["UPLOAD_DIR"]),
                max_bytes=current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024,
                now=clock.now(),
            )
        except responses.FormClosed:
            return _closed(view)
        except Invalid as error:
            flash(f"{upload_file.filename}: {error.errors['attachment']}", "error")
        else:
            flash(_("Bijlage %(name)s toegevoegd.", name=upload_file.filename), "success")
    return redirect(url_for("stakeholder_file.file") + "#bijlagen", code=303)


@bp.post("/bijlagen/<int:attachment_id>/verwijderen")
def remove_upload(attachment_id: int):
    view = _view()
    try:
        responses.remove_attachment(get_session(), **_holder(view), attachment_id=attachment_id, now=clock.now())
    except responses.FormClosed:
        return _closed(view)
    except Invalid:
        abort(404)
    flash(_("Bijlage verwijderd."), "success")
    return redirect(url_for("stakeholder_file.file") + "#bijlagen", code=303)


@bp.post("/verlenging")
@limiter.limit(FORM_LIMIT)
def extension():
    view = _view()
    errors: dict[str, str] = {}
    requested = require_date(errors, "requested_until", request.form.get("requested_until", ""))
    try:
        result = extension_requests.request_extension(
            get_session(),
            **_holder(view),
            requested=requested,
            reason=request.form.get("reason", ""),
            now=clock.now(),
            base_url=current_app.config["BASE_URL"],
        )
    except responses.FormClosed:
        return _closed(view)
    except Invalid as error:
        return _render(
            view,
            values_of(responses.current(get_session(), view.invitation).data),
            extension_errors=errors | error.errors,
            extension_values=request.form,
        ), 400
    if result.resulting_deadline:
        flash(
            _(
                "Uw verzoek is toegekend. De nieuwe uiterste datum is %(date)s.",
                date=format_date_nl(result.resulting_deadline),
            ),
            "success",
        )
    else:
        flash(_("Uw verzoek om verlenging is ontvangen. U krijgt bericht zodra erover is beslist."), "success")
    return redirect(url_for("stakeholder_file.file") + "#verlenging", code=303)


@bp.get("/documenten/<int:document_id>")
def document_pdf(document_id: int):
    view = _view()
    document = next((d for d in view.documents if d.id == document_id), None)
    if document is None or document.file_sha256 is None:
        abort(404)
    stored = get_session().get(StoredFile, document.file_sha256)
    return send_file(
        path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256),
        mimetype="application/pdf",
        as_attachment=request.args.get("download") == "1",
        download_name=document.file_name or f"document-{document.number}.pdf",
    )


@bp.get("/documenten/<int:document_id>/pagina/<int:page>.png")
def page_image(document_id: int, page: int):
    """A page with the proposed redactions drawn on it; the list on the page says the same in words."""
    view = _view()
    document = next((d for d in view.documents if d.id == document_id), None)
    stored = get_session().get(StoredFile, document.file_sha256) if document and document.file_sha256 else None
    if stored is None or not 1 <= page <= (stored.page_count or 0):
        abort(404)
    marks = [Mark(r.passage, g.code) for r, g in view.redactions.get(document.id, []) if r.page == page]
    data = path_for(Path(current_app.config["UPLOAD_DIR"]), stored.sha256).read_bytes()
    png, _found = render_page(data, page, marks)
    return Response(png, mimetype="image/png")


def _view():
    return dossier(get_session(), invitation_id=g.invitation.id)


def _holder(view) -> dict:
    """The stakeholder and invitation of this browser's session, as the use cases are told them."""
    return {"actor": stakeholder_actor(view.case), "invitation_id": view.invitation.id}


def _parsed(view) -> ParsedForm:
    redaction_documents = {r.id: doc_id for doc_id, rows in view.redactions.items() for r, _g in rows}
    return parse(request.form, redaction_documents=redaction_documents, document_ids=[d.id for d in view.documents])


def _render(view, values, current=None, *, errors=None, focus=None, extension_errors=None, extension_values=None):
    db = get_session()
    current = current or responses.current(db, view.invitation)
    explanation = explanation_of(db, view.invitation, view.case.organisation_id)
    return render_template(
        "stakeholder/dossier.html",
        view=view,
        values=values,
        current=current,
        errors=errors or {},
        read_only=g.link_status is LinkStatus.READ_ONLY,
        deadline=format_date_nl(view.invitation.deadline),
        explanation=explanation,
        focus=focus,
        all_grounds=_grounds(view.case.organisation_id),
        extension=extension_requests.latest_request(db, view.invitation),
        extension_errors=extension_errors or {},
        extension_values=extension_values or {},
    )


def _grounds(organisation_id: int) -> list[Ground]:
    return list(
        get_session().exec(select(Ground).where(Ground.organisation_id == organisation_id).order_by(Ground.code))
    )


def _closed(view):
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
    return render_template(
        "errors/error.html",
        status=403,
        title=_("De termijn is voorbij"),
        message=_(
            "U kunt niet meer reageren: de termijn voor uw zienswijze is verstreken. Wilt u toch nog "
            "reageren, neem dan contact op met %(organisation)s; de behandelaar kan de termijn verlengen.",
            organisation=organisation.name,
        ),
        contact=contact,
        show_home=False,
    ), 403
