"""The container image and the compose file, read as an operator's tools would: no container runtime runs here.

Each service runs a command the image has, migrations run once in their own step, every variable set is
one the service reads, and production's required settings are all given.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from config import ProductionConfig
from tests.helpers import make_config
from zienswijze import create_app

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
CONTAINERFILE = (ROOT / "Containerfile").read_text()
APP_SERVICES = ("migrate", "web", "scheduler")


@pytest.fixture(scope="module")
def flask_commands(tmp_path_factory) -> set[str]:
    app = create_app(make_config("sqlite://", tmp_path_factory.mktemp("deployment")))
    return set(app.cli.commands)


def test_compose_runs_the_database_redis_one_migration_step_the_web_service_and_the_scheduler():
    assert set(SERVICES) == {"db", "redis", "migrate", "web", "scheduler"}
    assert {SERVICES[name]["image"] for name in APP_SERVICES} == {"zienswijze"}
    assert SERVICES["migrate"]["build"] == {"context": ".", "dockerfile": "Containerfile"}


def test_only_the_one_shot_step_migrates_and_the_web_service_and_scheduler_wait_for_it():
    migrating = [name for name, service in SERVICES.items() if "init-db" in service.get("command", [])]
    assert migrating == ["migrate"] and SERVICES["migrate"]["restart"] == "no"
    for name in ("web", "scheduler"):
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


@pytest.mark.parametrize("name", ["migrate", "scheduler"])
def test_each_flask_command_a_service_runs_is_one_the_service_has(name, flask_commands):
    command = SERVICES[name]["command"]
    assert command[:3] == ["flask", "--app", "app"] and command[3] in flask_commands


def test_the_web_service_runs_gunicorn_on_the_application_and_the_port_the_image_exposes():
    command = SERVICES["web"]["command"]
    exposed = re.search(r"^EXPOSE (\d+)$", CONTAINERFILE, re.MULTILINE).group(1)
    assert command[0] == "gunicorn" and command[-1] == "app:app" and f"0.0.0.0:{exposed}" in command
    assert "gunicorn==" in (ROOT / "requirements.txt").read_text()
    assert "app = create_app()" in (ROOT / "app.py").read_text()


def test_the_web_service_is_checked_on_healthz():
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_every_variable_compose_sets_is_one_the_service_reads():
    read = (ROOT / "config" / "__init__.py").read_text()
    settings = COMPOSE["x-settings"]
    assert [name for name in settings if f'"{name}"' not in read] == []


def test_compose_gives_every_setting_production_refuses_to_start_without():
    required = re.findall(r'\("(ZIENSWIJZE_\w+)", self\.', (ROOT / "config" / "__init__.py").read_text())
    assert required and set(required) <= set(COMPOSE["x-settings"])
    assert COMPOSE["x-settings"]["ZIENSWIJZE_ENV"] == ProductionConfig.ENV


def test_the_web_service_and_the_scheduler_share_the_upload_volume():
    assert "uploads:/data/uploads" in SERVICES["web"]["volumes"]
    assert "uploads:/data/uploads" in SERVICES["scheduler"]["volumes"]
    assert COMPOSE["x-settings"]["ZIENSWIJZE_UPLOAD_DIR"] == "/data/uploads"


def test_the_image_builds_the_assets_from_the_lock_file_and_installs_the_pinned_requirements():
    assert "COPY package.json package-lock.json" in CONTAINERFILE
    assert "make -f mk/assets.mk assets" in CONTAINERFILE and "npm ci" in (ROOT / "mk" / "assets.mk").read_text()
    assert "pip install -r requirements.txt" in CONTAINERFILE
    assert "COPY --from=assets /build/static/vendor static/vendor" in CONTAINERFILE


def test_the_image_holds_every_part_the_application_reads_and_runs_as_no_root():
    copied = {
        part
        for line in re.findall(r"^COPY (?!--from)(.+)$", CONTAINERFILE, re.MULTILINE)
        for part in shlex.split(line)[:-1]
    }
    assert {"app.py", "alembic.ini", "config", "migrations", "zienswijze", "templates", "static"} <= copied
    assert all((ROOT / part).exists() for part in copied)
    user = re.search(r"^USER (\S+)$", CONTAINERFILE, re.MULTILINE).group(1)
    assert user != "root" and f"useradd --system --uid 10001 --home-dir /app {user}" in CONTAINERFILE
