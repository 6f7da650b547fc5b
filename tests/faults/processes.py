"""The service's processes for the fault tests: the web process and the scheduler, each killable.

Each is configured like a deployment, by ``ZIENSWIJZE_*`` environment variables, and runs with the
repository as working directory and on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def environment(database_url: str, tmp_path: Path, smtp_port: int | None = None, **extra: str) -> dict[str, str]:
    """The environment of a process that shares the test's database, secret key, upload folder and SMTP server."""
    smtp = {"ZIENSWIJZE_SMTP_HOST": "127.0.0.1", "ZIENSWIJZE_SMTP_PORT": str(smtp_port)} if smtp_port else {}
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ZIENSWIJZE_ENV": "testing",
        "ZIENSWIJZE_DATABASE_URL": database_url,
        "ZIENSWIJZE_SECRET_KEY": "test-secret-key-that-is-long-enough-000",
        "ZIENSWIJZE_BASE_URL": "http://zienswijze.test",
        "ZIENSWIJZE_UPLOAD_DIR": str(tmp_path / "uploads"),
        **smtp,
        **extra,
    }


def start_web(environ: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """A web process serving the application; returns it and its base URL once it listens."""
    process = subprocess.Popen(
        [sys.executable, str(HERE / "web_process.py")], cwd=ROOT, env=environ, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    with process.stdout:
        base_url = process.stdout.readline().strip()
    assert base_url.startswith("http://"), "the web process did not start"
    return process, base_url


def start_scheduler(environ: dict[str, str], **config: float) -> subprocess.Popen:
    """A scheduler process running every job on its interval, as ``flask --app app scheduler`` does.

    ``config`` overrides settings that have no environment variable, such as ``OUTBOX_LEASE_SECONDS``,
    so a test need not wait five minutes for a lease to run out.
    """
    return subprocess.Popen(
        [sys.executable, str(HERE / "scheduler_process.py")],
        cwd=ROOT,
        env={**environ, "TEST_CONFIG": json.dumps(config)},
    )


def wait_for(condition: Callable[[], object], timeout: float, what: str = "the condition") -> None:
    limit = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < limit, f"timed out waiting for {what}"
        time.sleep(0.02)
