"""A web worker for the shared rate-limit test: tries to log in with guessed addresses and prints each status.

Configured like a deployment, by ``ZIENSWIJZE_*`` environment variables, plus ``TEST_RATELIMIT_KEY_PREFIX``
(so a test's counts stay apart from any other's in the shared store) and ``TEST_ATTEMPTS``. Run it with
the repository as working directory and on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import uuid

from config import load_config
from tests.helpers import log_in
from zienswijze import create_app


def main() -> None:
    config = load_config()
    config.RATELIMIT_KEY_PREFIX = os.environ["TEST_RATELIMIT_KEY_PREFIX"]  # type: ignore[attr-defined]  # a Flask-Limiter setting the service leaves unset
    client = create_app(config).test_client()
    for _ in range(int(os.environ["TEST_ATTEMPTS"])):
        print(log_in(client, f"gok-{uuid.uuid4().hex}@example.org", "een geraden wachtwoord").status_code)


if __name__ == "__main__":
    main()
