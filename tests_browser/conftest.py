"""Browser tests: the real server (gunicorn, DEBUG off) driven by Debian's headless chromium.

One server per test session, on a fresh SQLite database, with e-mail written to a temporary
directory. Every test gets fresh browser contexts that fail the test when a page

- asks a host other than 127.0.0.1 for anything (no third-party assets, see DESIGN.md §3), or
- logs an error to the console (a CSP violation, a failed load, a script error).

When a test fails, a full-page screenshot and the HTML of each of its pages are saved under
test-artifacts/ (gitignored).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT_DIR = Path(__file__).resolve().parent.parent
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
HERE = Path(__file__).resolve().parent
SERVER_START_TIMEOUT = 30.0
LOCAL_HOST = "127.0.0.1"


# --- collection: mark every test here, skip them all without chromium ---------------------------


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(
        reason=(
            f"browser tests need Debian's chromium at {CHROMIUM}; "
            "enable them with `apt-get install -y chromium`"
        )
    )
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(skip)


# --- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    """The file e-mail backend's directory: one file per connection, messages split by dashes."""

    path: Path

    def messages(self) -> list[EmailMessage]:
        files = sorted(self.path.glob("*"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        found = []
        for file in files:
            for chunk in file.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return found

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    def wait_for_link(self, to: str, pattern: str, timeout: float = 10.0) -> str:
        """The link matching PATTERN in the newest message sent to TO (waits for it to arrive)."""
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.messages()):
                if to.lower() not in str(message.get("To", "")).lower():
                    continue
                match = re.search(pattern, self.body(message))
                if match:
                    return match.group(0)
            if time.monotonic() > deadline:
                subjects = [
                    str(m.get("Subject")) + " → " + str(m.get("To")) for m in self.messages()
                ]
                raise AssertionError(
                    f"no e-mail to {to} with a link matching {pattern!r} in {self.path} "
                    f"after {timeout}s; messages there: {subjects}"
                )
            time.sleep(0.1)


@dataclass
class Server:
    url: str
    port: int
    mailbox: Mailbox
    log_path: Path
    tmp: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _server_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing from the caller's shell may point the server at real mail, Redis or a database.
    for name in (
        "EMAIL_HOST",
        "EMAIL_HOST_FILE",
        "EMAIL_BACKEND",
        "REDIS_URL",
        "REDIS_URL_FILE",
        "DATABASE_URL_FILE",
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "ALLOWED_HOSTS",
        "STATICFILES_BACKEND",
        "MEDIA_ROOT",
        "QUERY_COUNT_HEADER",
        "HTTPS",
        "SECURE_SSL_REDIRECT",
    ):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sironet.settings",
            "SIRONET_DEPLOYMENT": "embedded",
            "DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "SIRONET_VAR_DIR": str(tmp / "var"),
            "PYTHONUNBUFFERED": "1",
            # The server runs without the task worker (`serve --no-worker`): run background tasks
            # (membership notifications…) at once in the web process, so their e-mails arrive.
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    )
    return env


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        # `serve` runs in its own session: kill what is left of the group it leads.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("sironet-browser")
    (tmp / "mail").mkdir()
    env = _server_env(tmp)
    log_path = tmp / "server.log"
    manage = [sys.executable, str(PROJECT_DIR / "manage.py")]

    prepared = subprocess.run(
        [*manage, "prepare", "--no-demo"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if prepared.returncode != 0:
        pytest.fail(f"manage.py prepare failed:\n{prepared.stdout}\n{prepared.stderr}")

    port = free_port()
    url = f"http://{LOCAL_HOST}:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*manage, "serve", "--port", str(port), "--no-worker", "--workers", "2"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Server(url=url, port=port, mailbox=Mailbox(tmp / "mail"), log_path=log_path, tmp=tmp)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server stopped while starting:\n{running.log_tail()}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer from {url}/healthz:\n{running.log_tail()}")
            time.sleep(0.1)
        yield running
    finally:
        _stop(process)


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class BrowserTracker:
    """What one test opened, and what its pages did that they must not."""

    contexts: list = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def pages(self) -> list:
        return [page for context in self.contexts for page in context.pages if not page.is_closed()]


def _watch(tracker: BrowserTracker, context) -> None:
    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.hostname != LOCAL_HOST:
            tracker.violations.append(f"request to a third-party host: {request.url}")

    def on_console(message):
        if message.type == "error":
            where = message.page.url if message.page else "?"
            tracker.violations.append(f"console error on {where}: {message.text}")

    def on_web_error(web_error):
        where = web_error.page.url if web_error.page else "?"
        tracker.violations.append(f"uncaught script error on {where}: {web_error.error}")

    context.on("request", on_request)
    context.on("console", on_console)
    context.on("weberror", on_web_error)


@pytest.fixture
def browser_tracker(request) -> BrowserTracker:
    tracker = BrowserTracker()
    request.node.browser_tracker = tracker
    return tracker


@pytest.fixture
def new_context(browser, server, browser_tracker) -> Iterator[Callable[..., object]]:
    """Open a fresh browser context (own cookies) pointed at the server; closed after the test."""

    def open_context(**options):
        options.setdefault("base_url", server.url)
        options.setdefault("locale", "en-US")
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.set_default_timeout(5_000)
        context.set_default_navigation_timeout(10_000)
        _watch(browser_tracker, context)
        browser_tracker.contexts.append(context)
        return context

    yield open_context
    for context in browser_tracker.contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def api_request(playwright_instance, server):
    """An HTTP client with no cookies of its own: calls the API as a program would."""
    context = playwright_instance.request.new_context(base_url=server.url)
    yield context
    context.dispose()


# --- failures: turn guard violations into failures, keep screenshots -----------------------------


def _artifact_name(item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name).strip("-")


def _save_artifacts(item, tracker: BrowserTracker) -> list[str]:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    saved = []
    for number, page in enumerate(tracker.pages(), start=1):
        stem = _artifact_name(item) + ("" if number == 1 else f"-{number}")
        try:
            page.screenshot(path=str(ARTIFACTS_DIR / f"{stem}.png"), full_page=True)
            (ARTIFACTS_DIR / f"{stem}.html").write_text(page.content(), encoding="utf-8")
            saved.append(f"{ARTIFACTS_DIR / stem}.png ({page.url})")
        except Exception as error:  # a crashed page must not hide the test's own failure
            saved.append(f"could not save {stem}: {error}")
    return saved


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    tracker: BrowserTracker | None = getattr(item, "browser_tracker", None)
    if report.when != "call" or tracker is None:
        return report
    if tracker.violations:
        text = "the pages broke the browser rules:\n" + "\n".join(
            f"  - {violation}" for violation in tracker.violations
        )
        if report.passed:
            report.outcome = "failed"
            report.longrepr = text
        else:
            report.sections.append(("browser rules", text))
    if report.failed:
        saved = _save_artifacts(item, tracker)
        if saved:
            report.sections.append(("browser artifacts", "\n".join(saved)))
    return report
