"""The web application in a process of its own, so a test can kill it: prints its base URL, then serves."""

from __future__ import annotations

import threading

from tests.live_server import serve
from zienswijze import create_app

if __name__ == "__main__":
    base_url, _stop = serve(create_app())
    print(base_url, flush=True)
    threading.Event().wait()
