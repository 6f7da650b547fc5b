"""Render-ahead: the pages of newly imported documents are rendered by the scheduler, not the first stakeholder.

Selected by the file store, not by a flag: a page whose image (for its current redactions) is in the
cache is skipped, so a run is idempotent, two processes at once only repeat a little work, and a run
after downtime catches up. Each run renders at most ``budget`` pages so it never holds the renderer long.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, or_, select

from zienswijze.db import Document, Ground, ProposedRedaction, StoredFile
from zienswijze.db.queries import redactions_by_document
from zienswijze.files.page_images import cache_path, marks_on, page_png
from zienswijze.files.pdfs import NotAPdf

logger = logging.getLogger(__name__)
# A document is "new" this long after it or its PDF arrived; older pages are rendered when first asked for.
NEW_FOR = timedelta(days=7)


def render_ahead(session: Session, *, upload_dir: Path, now: datetime, budget: int) -> int:
    """Renders up to ``budget`` missing page images of documents imported in the last week; returns how many."""
    since = now - NEW_FOR
    rows = session.exec(
        select(Document, StoredFile)
        .join(StoredFile, col(Document.file_sha256) == StoredFile.sha256)
        .where(or_(col(Document.created_at) >= since, col(StoredFile.created_at) >= since))
        .order_by(col(Document.case_id), col(Document.number))
    ).all()
    redactions: dict[int, dict[int, list[tuple[ProposedRedaction, Ground]]]] = {}
    rendered = 0
    for document, stored in rows:
        if document.case_id not in redactions:
            redactions[document.case_id] = redactions_by_document(session, document.case_id)
        for page in range(1, (stored.page_count or 0) + 1):
            if rendered >= budget:
                return rendered
            marks = marks_on(redactions[document.case_id].get(document.id, []), page)
            if cache_path(upload_dir, stored.sha256, page, marks).exists():
                continue
            try:
                page_png(upload_dir, stored.sha256, page, marks)
            except (NotAPdf, ValueError) as error:
                logger.warning("render-ahead: document %s page %d not rendered: %s", document.id, page, error)
                break
            rendered += 1
    return rendered
