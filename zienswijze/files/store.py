"""Files stored content-addressed: ``<upload dir>/<sha256[:2]>/<sha256>``, written once, never overwritten."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sqlmodel import Session

from zienswijze.db import StoredFile


def path_for(upload_dir: Path, sha256: str) -> Path:
    return upload_dir / sha256[:2] / sha256


def write_atomically(target: Path, data: bytes) -> None:
    """Writes ``data`` to ``target`` so that a reader finds the whole file or none: a crash leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, target)


def store_file(
    session: Session, *, upload_dir: Path, data: bytes, content_type: str, page_count: int | None = None
) -> StoredFile:
    """The stored file for these bytes; the file is written atomically before the row is added."""
    sha256 = hashlib.sha256(data).hexdigest()
    target = path_for(upload_dir, sha256)
    if not target.exists():
        write_atomically(target, data)
    stored = session.get(StoredFile, sha256)
    if stored is None:
        stored = StoredFile(sha256=sha256, size=len(data), content_type=content_type, page_count=page_count)
        session.add(stored)
        # Rows that point at the file may be flushed before it otherwise: there is no ORM relationship to order by.
        session.flush()
    return stored
