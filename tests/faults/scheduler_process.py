"""The scheduler in a process of its own, as ``flask --app app scheduler`` runs it, so a test can kill it.

``TEST_CONFIG`` (JSON) overrides settings that have no environment variable, such as the lease.
"""

from __future__ import annotations

import json
import os

from zienswijze import create_app
from zienswijze.jobs import build_scheduler

if __name__ == "__main__":
    app = create_app()
    app.config.update(json.loads(os.environ.get("TEST_CONFIG", "{}")))
    build_scheduler(app).start()
