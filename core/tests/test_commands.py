"""`prepare` and `serve` print and send the address the platform is actually served at."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

ADDRESS_VARIABLES = {"SITE_URL", "PORT", "HOST", "DATABASE_URL", "SIRONET_VAR_DIR"}


def run_manage(*args, tmp_path, **env):
    """manage.py in a fresh embedded installation under tmp_path, with only the given address."""
    clean = {k: v for k, v in os.environ.items() if k not in ADDRESS_VARIABLES}
    clean.update(
        SIRONET_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/sironet.sqlite3",
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,  # collectstatic and the catalogues take long on a loaded machine
        check=True,
    )


def site_url(tmp_path, **env) -> str:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    return run_manage("shell", "-c", code, tmp_path=tmp_path, **env).stdout.splitlines()[-1]


def test_prepare_prints_the_back_office_on_the_port_that_will_be_served(tmp_path):
    result = run_manage("prepare", "--no-demo", tmp_path=tmp_path, PORT="8123")

    assert "Back office (Secretariat): http://127.0.0.1:8123/back-office-" in result.stdout


def test_the_site_address_follows_host_and_port_unless_set(tmp_path):
    assert site_url(tmp_path) == "http://127.0.0.1:8000"
    assert site_url(tmp_path, PORT="8123") == "http://127.0.0.1:8123"
    assert site_url(tmp_path, HOST="0.0.0.0", PORT="8124") == "http://127.0.0.1:8124"  # noqa: S104
    assert site_url(tmp_path, HOST="::1", PORT="8125") == "http://[::1]:8125"
    assert site_url(tmp_path, HOST="sironet.lan", PORT="80") == "http://sironet.lan:80"
    explicit = {"SITE_URL": "https://sironet.example.org/", "PORT": "8123"}
    assert site_url(tmp_path, **explicit) == "https://sironet.example.org"


class FinishedProcess:
    """Stands in for a child process of `serve` that has already exited cleanly."""

    started: list = []

    def __init__(self, command, **kwargs):
        self.command = command
        self.env = kwargs.get("env") or os.environ
        self.returncode = 0
        FinishedProcess.started.append(self)

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


def test_serve_hands_the_port_it_serves_to_the_web_and_the_worker(monkeypatch, capsys):
    monkeypatch.setattr(subprocess, "Popen", FinishedProcess)
    monkeypatch.setattr(FinishedProcess, "started", [])
    monkeypatch.setenv("PORT", "8000")

    call_command("serve", "--port", "8126", "--host", "127.0.0.1")

    web, worker = FinishedProcess.started
    assert "127.0.0.1:8126" in web.command
    assert "db_worker" in worker.command
    assert web.env["PORT"] == worker.env["PORT"] == "8126"
    assert "http://127.0.0.1:8126/" in capsys.readouterr().out
