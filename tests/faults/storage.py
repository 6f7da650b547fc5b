"""A small upload folder that fills up: a tmpfs of its own, and PDFs big enough to fill it."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from zienswijze.demo.pdfs import text_pdf

FILLER = "vulling"


@contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs mounted on ``folder``; skips the test where mounting is not permitted (not root)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for the upload folder (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill_leaving(folder: Path, free_bytes: int) -> None:
    """Takes all but about ``free_bytes`` of the disk, as another program or a log might."""
    stats = os.statvfs(folder)
    with (folder / FILLER).open("wb") as handle:
        handle.write(b"\0" * max(stats.f_bavail * stats.f_frsize - free_bytes, 0))


def free_space(folder: Path) -> None:
    (folder / FILLER).unlink()


def bulky_pdf(label: str, kilobytes: int = 50) -> bytes:
    """A real one-page PDF of about ``kilobytes``, different for every label: a comment pads it, and the
    trailer is repeated after it, so a reader that looks for the last ``startxref`` still finds the table."""
    pdf = text_pdf(label, [[label]])
    seed = hashlib.sha256(label.encode()).digest()
    padding = b"".join(hashlib.sha256(seed + number.to_bytes(4, "big")).digest() for number in range(kilobytes * 32))
    return pdf + b"%" + padding.hex().encode()[: kilobytes * 1024] + b"\n" + pdf[pdf.rindex(b"startxref") :]


def stored_files(folder: Path) -> dict[str, bytes]:
    """Every file the store left in the folder, by name, except the filler."""
    return {path.name: path.read_bytes() for path in folder.rglob("*") if path.is_file() and path.name != FILLER}


def is_whole(files: dict[str, bytes]) -> bool:
    """Whether every stored file is complete: named for the SHA-256 of its content, with no temporary file left."""
    return all(hashlib.sha256(data).hexdigest() == name for name, data in files.items())
