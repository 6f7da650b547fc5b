"""PostgreSQL-only: a stored file nobody refers to is removed, unless a parallel transaction refers to it again."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import Session

from zienswijze.db import Case, StoredFile
from zienswijze.files.store import path_for, remove_if_unreferenced, store_file

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)

LETTER = b"%PDF-1.4 een besluitbrief"


def test_a_removal_waits_for_a_parallel_reference_and_then_keeps_the_file(engine, case_ids, tmp_path: Path):
    _organisation_id, case_id = case_ids
    with Session(engine) as session:
        sha256 = store_file(session, upload_dir=tmp_path, data=LETTER, content_type="application/pdf").sha256
        session.commit()

    def remove() -> bool:
        with Session(engine) as session:
            removed = remove_if_unreferenced(session, upload_dir=tmp_path, sha256=sha256)
            session.commit()
            return removed

    with Session(engine) as referring, ThreadPoolExecutor(1) as pool:
        store_file(referring, upload_dir=tmp_path, data=LETTER, content_type="application/pdf")
        referring.get_one(Case, case_id).decision_letter_sha256 = sha256
        referring.flush()
        removal = pool.submit(remove)
        time.sleep(0.5)
        assert not removal.done()  # it waits for the row this transaction holds
        referring.commit()
        assert removal.result(timeout=10) is False

    with Session(engine) as session:
        assert session.get(StoredFile, sha256) is not None
    assert path_for(tmp_path, sha256).exists()


def test_a_file_no_row_refers_to_is_removed_with_its_row(engine, tmp_path: Path):
    with Session(engine) as session:
        sha256 = store_file(session, upload_dir=tmp_path, data=LETTER, content_type="application/pdf").sha256
        session.commit()
        assert remove_if_unreferenced(session, upload_dir=tmp_path, sha256=sha256) is True
        session.commit()
        assert session.get(StoredFile, sha256) is None
    assert not path_for(tmp_path, sha256).exists()
