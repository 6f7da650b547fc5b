"""Rate limits hold for the whole service: gunicorn's workers count in one shared store, not each on its own."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def key_prefix():
    """A prefix of this test's own in the shared redis, whose keys are removed afterwards."""
    prefix = f"test-{uuid.uuid4().hex}"
    yield prefix
    store = redis.Redis.from_url(REDIS)
    for key in store.scan_iter(f"*{prefix}*"):
        store.delete(key)


def _worker(database_url: str, tmp_path: Path, key_prefix: str, attempts: int) -> list[int]:
    """One worker process, configured as a deployment is, that tries ``attempts`` logins."""
    environ = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "ZIENSWIJZE_ENV": "testing",
        "ZIENSWIJZE_DATABASE_URL": database_url,
        "ZIENSWIJZE_UPLOAD_DIR": str(tmp_path / "uploads"),
        "ZIENSWIJZE_RATELIMIT_STORAGE_URI": REDIS,
        "TEST_RATELIMIT_KEY_PREFIX": key_prefix,
        "TEST_ATTEMPTS": str(attempts),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "login_worker.py")],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [int(line) for line in result.stdout.split()]


def test_two_workers_sharing_redis_allow_ten_login_attempts_a_minute_together(database_url, tmp_path, key_prefix):
    first = _worker(database_url, tmp_path, key_prefix, 6)
    second = _worker(database_url, tmp_path, key_prefix, 6)
    assert first == [400] * 6
    assert second == [400] * 4 + [429] * 2
