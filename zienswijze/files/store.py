"""Files stored content-addressed: ``<upload dir>/<sha256[:2]>/<sha256>``, written once, never overwritten."""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path

from sqlmodel import Session

from zienswijze.db import StoredFile

# A full disk and a used-up quota: the service cannot store a file now, but may once space is freed.
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


def path_for(upload_dir: Path, sha256: str) -> Path:
    return upload_dir / sha256[:2] / sha256


def write_atomically(target: Path, data: bytes) -> None:
    """Writes ``data`` to ``target`` so that a reader finds the whole file or none: a crash leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    except BaseException:
        # A full disk fails the write halfway: the half file would take space no row points at.
        Path(name).unlink(missing_ok=True)
        raise


def is_disk_full(error: OSError) -> bool:
    """Whether storing failed for want of space, which a person can be told to retry later."""
    return error.errno in _NO_SPACE


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
