"""Test set-up shared by every app: standard actors and settings for the test run."""

from io import StringIO

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.cache import cache
from django.core.management import call_command

from core import data_versions


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 as in production, with the work factors turned down so the suite stays quick."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


def pytest_sessionstart(session):
    from django.conf import settings

    # whitenoise expects the collected static files; tests render templates without them.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Templates resolve {% static %} without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["conftest.FastArgon2PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    data_versions.forget_kept()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    from allauth.account.models import EmailAddress

    from accounts.models import User

    def make(email="alice@example.org", password="correct horse battery", verified=True, **extra):
        user = User.objects.create_user(email=email, password=password, **extra)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def back_office():
    """Signs a staff account (the Secretariat's) in to the back office, two-factor turned on."""
    from allauth.mfa.models import Authenticator

    def sign_in(client, user):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
        client.force_login(user)

    return sign_in


@pytest.fixture
def alice(make_user):
    return make_user("alice@example.org", full_name="Alice Amani")


@pytest.fixture
def bob(make_user):
    return make_user("bob@example.org", full_name="Bob Bakirov")


def run_command(command: str, *args: str) -> str:
    """A management command's output (its progress bars, on stderr, are dropped)."""
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo network (seed_demo), and what the command printed. Its files (event documents
    and photos) go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return run_command("seed_demo")
