"""The stakeholder's file (dossier): the response form and extension requests, with its parts nested.

Every route works from the invitation held in the session (``holder``); the documents and the
attachments are blueprints nested in this one, so they share its check of that invitation.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.domain.responses import submission_errors
from zienswijze.flask_extensions import limiter
from zienswijze.services import extension_requests, responses
from zienswijze.services.errors import Invalid, require_date
from zienswijze.services.stakeholder_access import LinkCheck
from zienswijze.web.dates import long_date
from zienswijze.web.stakeholder import attachments, documents
from zienswijze.web.stakeholder.holder import FORM_LIMIT, current_view, holder, term_over
from zienswijze.web.stakeholder.link import ERRORS, held_invitation, link_error
from zienswijze.web.stakeholder.page import posted_form, render
from zienswijze.web.stakeholder.response_form import values_of

bp = Blueprint("stakeholder_file", __name__, url_prefix="/z/dossier")
bp.register_blueprint(documents.bp)
bp.register_blueprint(attachments.bp)


@bp.before_request
def _require_invitation():
    invitation, status = held_invitation()
    if status in ERRORS:
        return link_error(LinkCheck(status, organisation=None))
    g.invitation, g.link_status = invitation, status
    return None


@bp.after_request
def _no_store(response):
    if not response.cache_control.private:  # a page image keeps its private, revalidated caching
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("")
def file():
    view = current_view()
    current = responses.current(get_session(), view.invitation)
    return render(view, values_of(current.data), current)


@bp.post("")
@limiter.limit(FORM_LIMIT)
def save():
    view = current_view()
    parsed = posted_form(view)
    action = request.form.get("action", "bewaar")
    try:
        responses.save_draft(get_session(), **holder(view), data=parsed.data, now=clock.now())
    except responses.FormClosed:
        return term_over(view)
    except Invalid as error:
        return render(view, request.form, errors=parsed.field_errors(error.errors)), 400
    if action == "extra_rij":
        values = dict(request.form)
        values["extra_rows"] = str(parsed.extra_rows + 1)
        return render(view, values, focus=f"x{parsed.extra_rows}-passage")
    if action == "controleer":
        errors = submission_errors(
            parsed.data, responses.shown_to(get_session(), view.invitation, view.case.organisation_id)
        )
        if errors:
            return render(view, request.form, errors=parsed.field_errors(errors)), 400
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
    view = current_view()
    try:
        responses.save_draft(get_session(), **holder(view), data=posted_form(view).data, now=clock.now())
    except (responses.FormClosed, Invalid):
        return render_template("stakeholder/_autosave.html", saved=False)
    return render_template("stakeholder/_autosave.html", saved=True, moment=clock.now())


@bp.post("/indienen")
@limiter.limit(FORM_LIMIT)
def submit():
    view = current_view()
    db = get_session()
    current = responses.current(db, view.invitation)
    try:
        responses.submit(
            db,
            **holder(view),
            data=current.data,
            now=clock.now(),
            today=clock.today(),
            confirmed_id=current.version.id if current.version else None,
        )
    except responses.AlreadySubmitted:
        # A second click, or a request sent twice: the receipt page of the submission already made.
        return redirect(url_for("stakeholder_file.received"), code=303)
    except responses.FormClosed:
        return term_over(view)
    except Invalid:
        flash(_("Uw zienswijze is nog niet compleet. Controleer de gemarkeerde onderdelen."), "error")
        return redirect(url_for("stakeholder_file.file"), code=303)
    return redirect(url_for("stakeholder_file.received"), code=303)


@bp.get("/ontvangen")
def received():
    view = current_view()
    current = responses.current(get_session(), view.invitation)
    if current.submitted is None:
        return redirect(url_for("stakeholder_file.file"))
    return render_template(
        "stakeholder/received.html",
        view=view,
        version=current.submitted,
        deadline=long_date(view.invitation.deadline),
    )


@bp.post("/verlenging")
@limiter.limit(FORM_LIMIT)
def extension():
    view = current_view()
    errors: dict[str, str] = {}
    requested = require_date(errors, "requested_until", request.form.get("requested_until", ""))
    try:
        result = extension_requests.request_extension(
            get_session(),
            **holder(view),
            requested=requested,
            reason=request.form.get("reason", ""),
            now=clock.now(),
            base_url=current_app.config["BASE_URL"],
        )
    except responses.FormClosed:
        return term_over(view)
    except Invalid as error:
        return render(
            view,
            values_of(responses.current(get_session(), view.invitation).data),
            extension_errors=errors | error.errors,
            extension_values=request.form,
        ), 400
    if result.resulting_deadline:
        flash(
            _(
                "Uw verzoek is toegekend. De nieuwe uiterste datum is %(date)s.",
                date=long_date(result.resulting_deadline),
            ),
            "success",
        )
    else:
        flash(_("Uw verzoek om verlenging is ontvangen. U krijgt bericht zodra erover is beslist."), "success")
    return redirect(url_for("stakeholder_file.file"), code=303)
