"""Prometheus metrics at ``/metrics``, only for the networks ``ZIENSWIJZE_METRICS_ALLOW`` names.

Request latency is measured in each process; with several gunicorn workers set
``PROMETHEUS_MULTIPROC_DIR`` to an empty directory, so a scrape of any worker sums them all. Mail,
invitations and job runs are read from the database at each scrape (``services.monitoring``).
Anyone else gets a 404: the figures say how busy a body is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from ipaddress import ip_address

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from zienswijze.db.session import new_session
from zienswijze.services import monitoring

bp = Blueprint("metrics", __name__)
PROCESS = CollectorRegistry()
REQUEST_SECONDS = Histogram(
    "zienswijze_request_seconds",
    "How long requests took, by route and status.",
    ["method", "route", "status"],
    registry=PROCESS,
)


class _Database(Collector):
    """The figures every instance reads alike from the database."""

    def collect(self) -> Iterator[Metric]:
        with new_session() as session:
            figures = monitoring.snapshot(session)
        outbox = GaugeMetricFamily("zienswijze_outbox_messages", "Mail in the outbox, by state.", labels=["state"])
        for state, count in figures.outbox.items():
            outbox.add_metric([state.value], count)
        invitations = GaugeMetricFamily("zienswijze_invitations", "Invitations, by state.", labels=["state"])
        for invitation_state, count in figures.invitations.items():
            invitations.add_metric([invitation_state.value], count)
        last_run = GaugeMetricFamily(
            "zienswijze_job_last_run_timestamp_seconds", "When each job last ran.", labels=["job"]
        )
        seconds = GaugeMetricFamily("zienswijze_job_last_run_seconds", "How long its last run took.", labels=["job"])
        failed = GaugeMetricFamily("zienswijze_job_last_run_failed", "1 when its last run failed.", labels=["job"])
        for job in figures.jobs:
            last_run.add_metric([job.name], job.ran_at.timestamp())
            seconds.add_metric([job.name], job.seconds)
            failed.add_metric([job.name], float(job.failed))
        yield from (outbox, invitations, last_run, seconds, failed)


@bp.get("/metrics")
def metrics() -> Response:
    address = ip_address(request.remote_addr or "0.0.0.0")
    if not any(address in network for network in current_app.config["METRICS_ALLOW"]):
        abort(404)
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(PROCESS)
    registry.register(_Database())
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.get("request_started")  # set by web.logs, which times each request for its log line
        if started is not None:
            route = request.url_rule.rule if request.url_rule else "unmatched"
            REQUEST_SECONDS.labels(request.method, route, str(response.status_code)).observe(
                time.perf_counter() - started
            )
        return response
