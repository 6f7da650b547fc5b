"""Files stored content-addressed: ``<upload dir>/<sha256[:2]>/<sha256>``, written once, never overwritten.

One file may be referred to by many rows (the same PDF attached to a draft and to the submission it
started from, or sent as a document too): a file goes only once no row refers to it any more, and the
database decides that, so a parallel request that refers to it again keeps it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, col, delete, exists, select

from zienswijze.db import Attachment, Case, Document, StoredFile

# Every column that refers to a stored file; a new one must be added here, or its files could be removed.
REFERENCES = (col(Attachment.file_sha256), col(Document.file_sha256), col(Case.decision_letter_sha256))

# A full disk and a used-up quota: the service cannot store a file now, but may once space is freed.
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
# Hashes per SELECT … IN: well within every database's limit on bound parameters.
_ROWS_PER_QUERY = 1000


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
    return store_files(session, upload_dir=upload_dir, files=[(data, content_type, page_count)])[0]


def store_files(
    session: Session, *, upload_dir: Path, files: Sequence[tuple[bytes, str, int | None]]
) -> list[StoredFile]:
    """The stored file for each (bytes, content type, page count), in order: the rows known already are
    read in one query per thousand and the new ones flushed together, so an import of thousands of PDFs
    costs a few statements, not one per file. Each file is written atomically before its row is added."""
    hashes = [hashlib.sha256(data).hexdigest() for data, _, _ in files]
    by_sha = dict(zip(hashes, files, strict=True))
    stored: dict[str, StoredFile] = {}
    distinct = list(by_sha)
    for start in range(0, len(distinct), _ROWS_PER_QUERY):
        # The rows are locked (PostgreSQL: FOR SHARE) before the files are looked for: a removal of the same
        # file waits for this transaction, or has finished and the file is written again.
        known = select(StoredFile).where(col(StoredFile.sha256).in_(distinct[start : start + _ROWS_PER_QUERY]))
        stored |= {row.sha256: row for row in session.exec(known.with_for_update(read=True))}
    for sha256, (data, content_type, page_count) in by_sha.items():
        target = path_for(upload_dir, sha256)
        if not target.exists():
            write_atomically(target, data)
        if sha256 not in stored:
            stored[sha256] = StoredFile(sha256=sha256, size=len(data), content_type=content_type, page_count=page_count)
            session.add(stored[sha256])
    # Rows that point at the files may be flushed before them otherwise: there is no ORM relationship to order by.
    session.flush()
    return [stored[sha256] for sha256 in hashes]


def remove_if_unreferenced(session: Session, *, upload_dir: Path, sha256: str) -> bool:
    """Removes the stored file when no row refers to it any more; True when it went.

    The row goes in one ``DELETE … WHERE NOT EXISTS`` in a savepoint, checked once more afterwards: a
    transaction that referred to the file meanwhile has committed by then (it held the row, see
    ``store_file``), and its reference keeps the file. The file is unlinked while this transaction still
    holds the deleted row, so no one can store the same bytes again in between; the caller commits.
    """
    savepoint = session.begin_nested()
    try:
        removed = session.exec(
            delete(StoredFile).where(col(StoredFile.sha256) == sha256, ~_referenced(sha256)),
            execution_options={"synchronize_session": False},
        ).rowcount
    except sa.exc.IntegrityError:  # a foreign key found a reference the statement's snapshot had not seen
        savepoint.rollback()
        return False
    if removed != 1 or session.exec(select(_referenced(sha256))).one():
        savepoint.rollback()
        return False
    savepoint.commit()
    path_for(upload_dir, sha256).unlink(missing_ok=True)
    return True


def _referenced(sha256: str) -> sa.ColumnElement[bool]:
    return sa.or_(*(exists().where(column == sha256) for column in REFERENCES))
