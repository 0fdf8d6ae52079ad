import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "SIRONET_DEPLOYMENT": "production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "sironet.example.org",
    "DATABASE_URL": "postgres://sironet@127.0.0.1:5432/sironet",
}


def run_manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert missing in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("s" * 60 + "\n")
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    env["SECRET_KEY_FILE"] = str(secret_file)

    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env=env
    )

    assert result.stdout.strip().endswith("s" * 60)


def test_database_url_may_name_a_sqlite_file(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/other.sqlite3"}

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        env=env,
    )

    assert result.stdout.strip().splitlines()[-1] == f"{tmp_path}/other.sqlite3"


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get("/en/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/", "/ar/about/", "/en/accounts/login/", "/en/accounts/signup/", "/api/v1/docs"]
)
def test_no_page_loads_anything_from_another_host(client, path):
    html = client.get(path).content.decode()

    assert not [url for url in _asset_urls(html) if url.startswith(("http:", "https:", "//"))]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ar/about/", "/en/accounts/login/"])
def test_pages_have_no_inline_script_or_style(client, path):
    html = client.get(path).content.decode()

    assert "<style" not in html
    assert " style=" not in html
    assert "<script>" not in html  # every script has a src
    assert " onclick=" not in html


def _asset_urls(html: str) -> list[str]:
    import re

    return re.findall(r'(?:src|href)="([^"]+\.(?:js|css|woff2?|png|svg|jpg))"', html)
