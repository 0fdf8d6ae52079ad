"""Scale-out tests: the multi-machine shape of README "Running it for real", started for real.

One cluster per test session:

- a fresh PostgreSQL database (unique name, dropped at the end) named by DATABASE_URL;
- a Redis database (REDIS_URL, db 7 by default, flushed at the start and at the end) holding the
  cache and the sessions;
- `manage.py prepare --no-demo` run once;
- two gunicorn processes on two ports (two "web machines"), each with two workers;
- one `manage.py db_worker` process (the "worker machine"), the only one that sends email.

Every process gets the same environment, as the README asks (same SECRET_KEY, embedded
deployment so that plain HTTP on 127.0.0.1 works, email written to a temporary directory).
Everything is stopped (SIGTERM, then SIGKILL) and removed at the end, even when a test fails.

Without PostgreSQL or Redis the tests are skipped with the reason; set SCALEOUT_REQUIRED=1 (CI)
to make that a failure instead. Addresses: SCALEOUT_POSTGRES_URL (a role that may create
databases, default postgres://postgres@127.0.0.1:5432/postgres) and SCALEOUT_REDIS_URL
(default redis://127.0.0.1:6379/7; databases 0 and 1 are refused, they are for people).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
LOCAL_HOST = "127.0.0.1"
POSTGRES_URL = os.environ.get(
    "SCALEOUT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/7")
START_TIMEOUT = 30.0
HTTP_TIMEOUT = 15.0
CACHE_KEY_PREFIX = "sironet"  # settings' default; the Redis database is ours alone


def pytest_configure(config):
    # Until pyproject.toml lists it (the suite runs with --strict-markers).
    config.addinivalue_line(
        "markers",
        "scaleout: starts PostgreSQL-backed gunicorn nodes, Redis and a task worker for real",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.scaleout)


# --- processes ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            return "(no log)"
        return "\n".join(text)

    def stop(self) -> None:
        """SIGTERM to the whole process group (gunicorn's workers too), SIGKILL after 10 s."""
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=10)
        # Whatever is left of the group (a worker that outlived its master) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)


@dataclass
class Node:
    """One web machine: a gunicorn master and its workers."""

    name: str
    url: str
    process: Process


# --- an HTTP client with cookies, as a browser would be -----------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str
    url: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def json(self):
        return json.loads(self.text)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx comes back as it is; the test follows what it means to


class Client:
    """urllib with a cookie jar. Cookies do not depend on the port, so one client talks to both
    nodes with the same cookies, as a browser behind a load balancer would."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self, url: str, data: dict[str, str] | None = None, headers: dict | None = None
    ) -> Response:
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=HTTP_TIMEOUT) as answer:
                return Response(
                    answer.status,
                    {k.lower(): v for k, v in answer.headers.items()},
                    answer.read().decode("utf-8", "replace"),
                    url,
                )
        except urllib.error.HTTPError as error:
            with error:
                return Response(
                    error.code,
                    {k.lower(): v for k, v in error.headers.items()},
                    error.read().decode("utf-8", "replace"),
                    url,
                )

    def get(self, url: str) -> Response:
        return self.request(url)

    def post_form(self, url: str, fields: dict[str, str], *, form_page: Response) -> Response:
        """POST as the browser would after showing FORM_PAGE: its CSRF token, Origin, Referer."""
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text)
        assert match, f"no CSRF token in the form at {form_page.url}"
        parts = urlsplit(url)
        return self.request(
            url,
            {"csrfmiddlewaretoken": match.group(1), **fields},
            headers={
                "Origin": f"{parts.scheme}://{parts.netloc}",
                "Referer": form_page.url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def sign_in(self, node: Node, email_address: str, password: str) -> Response:
        page = self.get(f"{node.url}/en/accounts/login/")
        assert page.status == 200, f"login page on {node.name}: {page.status}"
        answer = self.post_form(
            f"{node.url}/en/accounts/login/",
            {"login": email_address, "password": password},
            form_page=page,
        )
        assert answer.status == 302, (
            f"sign-in on {node.name} answered {answer.status}, not a redirect:\n{answer.text[:2000]}"
        )
        return answer


# --- the mailbox written by the worker ----------------------------------------------------------


@dataclass
class Mailbox:
    """The file email backend's directory: one file per connection, messages split by dashes."""

    path: Path

    def messages(self) -> list[EmailMessage]:
        found = []
        for file in sorted(self.path.glob("*")):
            for chunk in file.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return found

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    def wait_for(self, to: str, timeout: float) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages():
                if to.lower() in str(message.get("To", "")).lower():
                    return message
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no email to {to} in {self.path} after {timeout} s; there: "
                    f"{[str(m.get('To')) for m in self.messages()]}"
                )
            time.sleep(0.2)


# --- the cluster --------------------------------------------------------------------------------


@dataclass
class Cluster:
    tmp: Path
    env: dict[str, str]
    database_url: str
    redis_url: str
    worker_id: str
    mailbox: Mailbox
    redis: object
    nodes: list[Node] = field(default_factory=list)
    worker: Process | None = None

    @property
    def a(self) -> Node:
        return self.nodes[0]

    @property
    def b(self) -> Node:
        return self.nodes[1]

    @property
    def processes(self) -> list[Process]:
        return [node.process for node in self.nodes] + ([self.worker] if self.worker else [])

    def manage(self, *args: str, timeout: float = 60) -> str:
        done = subprocess.run(  # noqa: S603 (manage.py with our own arguments)
            [sys.executable, str(PROJECT_DIR / "manage.py"), *args],
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)[:200]} failed ({done.returncode}):\n"
                f"{done.stdout}\n{done.stderr}"
            )
        return done.stdout

    def shell(self, code: str) -> object:
        """Run CODE in `manage.py shell -c` (same environment as the nodes). What CODE prints
        on its last line, read as JSON, is returned (None when it prints nothing)."""
        output = self.manage("shell", "--no-imports", "-v", "0", "-c", code).strip()
        return json.loads(output.splitlines()[-1]) if output else None

    def shell_in_background(self, code: str) -> subprocess.Popen:
        """Start CODE in `manage.py shell -c` without waiting; read its output line by line.
        The caller ends it (communicate/kill) before the test ends."""
        return subprocess.Popen(  # noqa: S603 (manage.py with our own arguments)
            [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "--no-imports", "-c", code],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.database_url, connect_timeout=5) as connection:
            return connection.execute(query, params).fetchall()

    def cache_key(self, key: str) -> str:
        """The Redis key Django's cache uses for KEY (version 1)."""
        return f"{CACHE_KEY_PREFIX}:1:{key}"

    def logs(self) -> str:
        return "\n\n".join(
            f"--- {process.name} ({process.log_path}) ---\n{process.log_tail()}"
            for process in self.processes
        )


_CLUSTER: Cluster | None = None


def _unavailable(reason: str) -> None:
    if os.environ.get("SCALEOUT_REQUIRED", "").lower() in {"1", "true", "yes", "on"}:
        pytest.fail(f"{reason} (SCALEOUT_REQUIRED is set)", pytrace=False)
    pytest.skip(reason)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _cluster_env(tmp: Path, database_url: str, redis_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing from the caller's shell may point the processes at real mail or other settings.
    for name in (
        "EMAIL_HOST",
        "EMAIL_HOST_FILE",
        "EMAIL_BACKEND",
        "DATABASE_URL_FILE",
        "REDIS_URL_FILE",
        "SECRET_KEY_FILE",
        "ALLOWED_HOSTS",
        "STATICFILES_BACKEND",
        "TASKS_BACKEND",
        "MEDIA_ROOT",
        "QUERY_COUNT_HEADER",
        "HTTPS",
        "SECURE_SSL_REDIRECT",
        "BEHIND_PROXY",
        "ADMIN_PATH",
        "CACHE_KEY_PREFIX",
        "DJANGO_SETTINGS_MODULE",
    ):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "sironet.settings",
            "SIRONET_DEPLOYMENT": "embedded",  # plain HTTP on 127.0.0.1
            "SECRET_KEY": secret_key,  # the same for every process, as on real machines
            "DEBUG": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SIRONET_VAR_DIR": str(tmp / "var"),
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _start(name: str, command: list[str], env: dict[str, str], tmp: Path) -> Process:
    log_path = tmp / f"{name}.log"
    with log_path.open("wb") as log:
        popen = subprocess.Popen(  # noqa: S603 (our own fixed command lines)
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )
    return Process(name=name, popen=popen, log_path=log_path)


def _wait_ready(node: Node, deadline: float) -> None:
    while True:
        if node.process.popen.poll() is not None:
            pytest.fail(f"{node.name} stopped while starting:\n{node.process.log_tail()}")
        try:
            with urllib.request.urlopen(f"{node.url}/readyz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no answer from {node.url}/readyz:\n{node.process.log_tail()}")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    global _CLUSTER
    try:
        import psycopg
        import redis
        from psycopg import sql
    except ImportError as error:  # pragma: no cover - both are runtime requirements
        _unavailable(f"scale-out tests need psycopg and redis: {error}")

    redis_db = int(urlsplit(REDIS_URL).path.strip("/") or 0)
    if redis_db in (0, 1):
        pytest.fail(f"SCALEOUT_REDIS_URL={REDIS_URL}: use a Redis database other than 0 or 1")
    admin, problem = None, None
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        problem = f"PostgreSQL is not reachable at {POSTGRES_URL}: {_one_line(error)}"
    cache = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3, socket_timeout=10)
    if problem is None:
        try:
            cache.ping()
        except redis.RedisError as error:
            problem = f"Redis is not reachable at {REDIS_URL}: {_one_line(error)}"
    if problem is not None:  # outside the except blocks: a skip or failure without a chain
        if admin is not None:
            admin.close()
        cache.close()
        _unavailable(problem)

    tmp = tmp_path_factory.mktemp("sironet-scaleout")
    (tmp / "mail").mkdir()
    name = f"sironet_scaleout_{os.getpid()}_{secrets.token_hex(4)}"
    database_url = _with_database(POSTGRES_URL, name)
    ports = {"node-a": free_port(), "node-b": free_port()}
    while ports["node-b"] == ports["node-a"]:
        ports["node-b"] = free_port()
    env = _cluster_env(tmp, database_url, REDIS_URL, secrets.token_urlsafe(50))
    # The public address printed in emails: node A stands in for the load balancer.
    env["SITE_URL"] = f"http://{LOCAL_HOST}:{ports['node-a']}"
    running = Cluster(
        tmp=tmp,
        env=env,
        database_url=database_url,
        redis_url=REDIS_URL,
        worker_id=f"scaleout-worker-{secrets.token_hex(4)}",
        mailbox=Mailbox(tmp / "mail"),
        redis=cache,
    )
    with contextlib.ExitStack() as cleanup:
        # Registered first, run last: the database goes once every process has stopped.
        cleanup.callback(admin.close)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        cleanup.callback(
            admin.execute,
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)),
        )
        cache.flushdb()
        cleanup.callback(cache.close)
        cleanup.callback(cache.flushdb)

        running.manage("prepare", "--no-demo", timeout=180)

        gunicorn = Path(sys.executable).with_name("gunicorn")  # beside this Python, in the venv
        command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
        for node_name, port in ports.items():
            process = _start(
                node_name,
                [
                    *command,
                    "sironet.wsgi:application",
                    "--bind",
                    f"{LOCAL_HOST}:{port}",
                    "--workers",
                    "2",
                    "--graceful-timeout",
                    "5",
                    # Each machine has its own; on one host they would share ~/.gunicorn/.
                    "--control-socket",
                    str(tmp / f"{node_name}.ctl"),
                    "--access-logfile",
                    "-",
                ],
                env,
                tmp,
            )
            cleanup.callback(process.stop)
            running.nodes.append(Node(node_name, f"http://{LOCAL_HOST}:{port}", process))
        running.worker = _start(
            "worker",
            [
                sys.executable,
                str(PROJECT_DIR / "manage.py"),
                "db_worker",
                "--queue-name",
                "default",
                "--worker-id",
                running.worker_id,
                "--no-reload",
            ],
            env,
            tmp,
        )
        cleanup.callback(running.worker.stop)

        deadline = time.monotonic() + START_TIMEOUT
        for node in running.nodes:
            _wait_ready(node, deadline)
        if running.worker.popen.poll() is not None:
            pytest.fail(f"the task worker stopped while starting:\n{running.worker.log_tail()}")

        _CLUSTER = running
        try:
            yield running
        finally:
            _CLUSTER = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test shows what the nodes and the worker logged."""
    report = yield
    if report.failed and _CLUSTER is not None and HERE in Path(str(item.path)).resolve().parents:
        report.sections.append(("scale-out process logs", _CLUSTER.logs()))
    return report


@pytest.fixture
def new_client() -> type[Client]:
    """Make a fresh HTTP client (its own cookie jar): `new_client()`."""
    return Client
