"""A download written while it is sent, for an export that grows with the case (the audit trail).

The request's context, and so its database session, stays open until the last chunk is sent.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, stream_with_context


def streamed(chunks: Iterator[str], mimetype: str, name: str | None) -> Response:
    """An attachment named ``name`` (inline when None) that no shared cache keeps."""
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    if name:
        response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
