"""Each document's final outcome, read from the record and derived by ``domain.outcome``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from zienswijze.db import Case, Document, Ground, ProposedRedaction
from zienswijze.domain import outcome as rules
from zienswijze.domain.weighing import Subject
from zienswijze.services import weighing_items


def of_case(
    session: Session,
    case: Case,
    overview: weighing_items.Overview | None = None,
    documents: Sequence[Document] | None = None,
) -> dict[int, rules.Outcome]:
    """The outcome per document id, for every document of the case or for ``documents`` of it (a page of them)."""
    if documents is None:
        documents = session.exec(select(Document).where(Document.case_id == case.id)).all()
        overview = overview or weighing_items.overview(session, case)
    else:
        overview = overview or weighing_items.of_documents(session, case, [d.id for d in documents])
    codes = {g.id: g.code for g in session.exec(select(Ground).where(Ground.organisation_id == case.organisation_id))}
    proposed: dict[int, list[rules.ProposedPassage]] = defaultdict(list)
    for redaction in session.exec(
        select(ProposedRedaction).where(col(ProposedRedaction.document_id).in_([d.id for d in documents]))
    ):
        passage = rules.Passage(redaction.page, redaction.passage, codes.get(redaction.ground_id, ""))
        proposed[redaction.document_id].append(rules.ProposedPassage(redaction.id, passage))
    weighed: dict[int, list[rules.Weighed]] = defaultdict(list)
    for item in overview.items:
        if item.document is not None:
            weighed[item.document.id].append(_weighed(item, codes))
    return {
        document.id: rules.derive(
            rules.Proposal(document.assessment, tuple(document.ground_codes), tuple(proposed[document.id])),
            weighed[document.id],
        )
        for document in documents
    }


def _weighed(item: weighing_items.Item, codes: dict[int, str]) -> rules.Weighed:
    """The weighed ground, else the one the stakeholder asked for; the passage an item names, if any."""
    ground_id = item.weighing.ground_id or (item.asked_ground.id if item.asked_ground else None)
    ground = codes.get(ground_id, "") if ground_id else ""
    source = item.response_item
    passage = None
    if item.subject is not Subject.TOESTEMMING and source is not None and (source.passage.strip() or source.page):
        passage = rules.Passage(source.page or 1, source.passage.strip(), ground)
    return rules.Weighed(
        item.subject,
        item.weighing.outcome,
        ground,
        redaction_id=source.redaction_id if source else None,
        passage=passage,
        marked=tuple(rules.Passage(m.page, m.passage, ground) for m in item.marked),
    )
