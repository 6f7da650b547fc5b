"""A download written while it is sent, for an export that grows with the case (the audit trail).

The request's context is pushed again while the chunks are written, but its teardown has already
closed the request's database session: the chunks read on through that session, which opens a new
transaction, so that session is closed again once the last chunk is sent (or the download is cut off).
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, stream_with_context
from sqlmodel import Session

from zienswijze.db.session import get_session


def streamed(chunks: Iterator[str], mimetype: str, name: str | None) -> Response:
    """An attachment named ``name`` (inline when None) that no shared cache keeps."""
    response = Response(stream_with_context(_closing(chunks, get_session())), mimetype=mimetype)
    if name:
        response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _closing(chunks: Iterator[str], session: Session) -> Iterator[str]:
    """The chunks, and then the request's session (which they read through) closed: its teardown is past."""
    try:
        yield from chunks
    finally:
        session.close()
