"""Uploaded files as the services take them: (file name, bytes), read once from the request."""

from __future__ import annotations

from werkzeug.datastructures import FileStorage
from wtforms import Field


def uploaded(field: Field) -> tuple[str, bytes] | None:
    """The one file of a file field, or None when none was chosen (a browser then sends an empty part)."""
    storage = field.data
    if not isinstance(storage, FileStorage) or not storage.filename:
        return None
    return storage.filename, storage.read()


def uploaded_many(field: Field) -> dict[str, bytes]:
    """The files of a multiple file field by their names; a name chosen twice keeps its last file."""
    return {
        storage.filename: storage.read()
        for storage in field.data or []
        if isinstance(storage, FileStorage) and storage.filename
    }
