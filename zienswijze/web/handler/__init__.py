"""The handler's pages. A case's own pages live under /zaken/<reference>/: nested in the case blueprint they
share its login requirement and its 404 for another organisation's case. Nested once, at import, as Flask
requires."""

from zienswijze.web.handler import (
    attachments,
    cases,
    decision,
    decision_paragraph,
    document_view,
    documents,
    exports,
    invitations,
    publication,
    redactions,
    rounds,
    stakeholders,
    weighing,
)

for _part in (
    documents.bp,
    redactions.bp,
    document_view.bp,
    stakeholders.bp,
    rounds.bp,
    invitations.bp,
    weighing.bp,
    attachments.bp,
    decision.bp,
    decision_paragraph.bp,
    exports.bp,
    publication.bp,
):
    cases.bp.register_blueprint(_part)
