"""`make bench`: serve the platform for real and measure it from a separate process.

Builds (or reuses) a data set with `seed_bulk`, starts gunicorn with DEBUG off and the query-count
header on, then drives each endpoint with concurrent clients. Every figure is also given as a ratio
to a trivial view in the same server (the framework floor), so it means something on a noisy machine.

More measurements follow: each endpoint again on a server without any cache (every request as
if it were the first after a change); every address different (bench/varied.py: profiles,
searches, filter combinations and pages in the six languages, each asked once with the real cache
on); a soak over thousands of different addresses that samples each worker's resident memory (it
must level off, not climb); and the first page load in bytes.
"""

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

from bench import varied

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "/healthz"
LATENCY_BUDGET_MS = 30
FLOOR_RATIO_BUDGET = 5
FIRST_LOAD_BUDGET_BYTES = 100 * 1024
VARIED_RATIO_BUDGET = 10
SIGNED_IN_RATIO_BUDGET = 8
VARIED_SEED = 20261203
# Kinds of the every-address-different pass asked again by a signed-in reader.
VARIED_SIGNED_IN = ("profile", "directory: filters and page", "site search")
ENDPOINTS = [
    FLOOR,
    "/en/",
    "/zh-hans/",
    "/ar/",
    "/en/about/",
    "/en/members/",
    "/en/members/?country=CN",
    "/en/members/?region=143&area=education",
    "/en/members/?area=health&language=ru&sort=newest",
    "/zh-hans/members/?q=%E4%B8%9D%E8%B7%AF",  # 丝路, a Chinese search
    "/ar/members/?q=%D8%B7%D8%B1%D9%8A%D9%82",  # طريق, an Arabic search
    "/en/members/?page=50",
    "/en/members/{slug}/",
    "/api/v1/organizations",
    "/api/v1/organizations?country=CN&area=education",
    "/api/v1/organizations?q=%D1%88%D1%91%D0%BB%D0%BA",  # шёлк, a Cyrillic search
    "/api/v1/organizations/{slug}",
    "/api/v1/countries?limit=100",
    "/api/v1/areas",
    "/en/demands/",
    "/en/demands/?area=health&status=open",
    "/en/projects/",
    "/en/projects/?status=active&sdg=4",
    "/api/v1/demands",
    "/api/v1/projects",
    "/en/events/",
    "/en/events/?kind=training&when=upcoming",
    "/zh-hans/events/?view=month&month=2027-03",
    "/api/v1/events?country=CN",
    "/events.ics?country=CN&kind=forum",
    "/en/consultations/",
    "/fr/consultations/1/?page=20",  # a consultation with thousands of comments, a later page
    "/en/consultations/1/results/",  # tallying a secret ballot's votes, with its receipts
    "/api/v1/consultations",
    "/api/v1/consultations/3/comments?offset=2000",
    "/en/governance/",
    "/en/governance/decisions/",
]
# Signed-in people are never served a cached page; they do reuse the cached counts.
SIGNED_IN_ENDPOINTS = [
    "/en/",
    "/en/members/",
    "/zh-hans/members/?country=CN",
    "/en/members/{slug}/",
]
SIGN_IN = """
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from accounts.models import User
user, _ = User.objects.get_or_create(
    email="bench-reader@sironet.example", defaults={"full_name": "Bench Reader"}
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "accounts.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
# A signed-in browser also holds the CSRF cookie its sign-in form set.
from django.utils.crypto import get_random_string
csrf = get_random_string(32)
print(f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}")
"""
# The same for a member of the Secretariat (who sees a demand's matches).
SIGN_IN_SECRETARIAT = SIGN_IN.replace(
    "bench-reader@sironet.example", "bench-secretariat@sironet.example"
).replace(
    "session = import_module",
    "from accounts.models import NetworkRole\n"
    "NetworkRole.objects.get_or_create(user=user, role=NetworkRole.Role.SECRETARIAT)\n"
    "session = import_module",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_name(scale: str) -> str:
    """The PostgreSQL bench database: BENCH_PG_NAME names another one (two people measuring on
    one server each keep their own data)."""
    return os.environ.get("BENCH_PG_NAME") or f"sironet_bench_{scale}"


def environment(scale: str, db: str, *, cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    if not cache:
        env["BENCH_NO_CACHE"] = "1"
    env["SIRONET_VAR_DIR"] = str(ROOT / "var" / f"bench-{db}-{scale}")
    env["QUERY_COUNT_HEADER"] = "1"
    env.pop("DEBUG", None)
    if db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name(scale)}"
        env["REDIS_URL"] = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    else:
        env["DATABASE_URL"] = f"sqlite:///{env['SIRONET_VAR_DIR']}/bench.sqlite3"
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(scale: str, db: str, env: dict[str, str]) -> None:
    marker = Path(env["SIRONET_VAR_DIR"]) / "seeded"
    Path(env["SIRONET_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if db == "postgres" and shutil.which("psql"):
        name = pg_name(scale)
        exists = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname='{name}'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
            marker.unlink(missing_ok=True)
    manage(env, "prepare", "--no-demo")
    if not marker.exists():
        manage(env, "seed_bulk", "--scale", scale)
        marker.write_text(scale)


def read_database_once(env: dict[str, str]) -> None:
    """Read the database's files through once, before the every-address-different pass.

    A served database in use has its pages in memory; this pass asks each address once, so it
    would otherwise measure which pages the machine happened to keep. Some machines drop file
    pages they see unused (this one runs DAMON's `pageout` scheme: after minutes on the other
    database a pass read its data from disk, 6× the floor back to back and 12× after the other
    database, the same addresses). Every kind is measured alike after this read."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///"))
        for path in (database, database.with_name(database.name + "-wal")):
            if path.exists():
                with path.open("rb") as file:
                    while file.read(1 << 20):
                        pass
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        # Into the operating system's cache ('read'), as the SQLite file is: every table,
        # index and TOAST table of the database's own schema.
        connection.execute(
            "SELECT pg_prewarm(c.oid::regclass, 'read') FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence = 'p' "
            "AND (n.nspname = 'public' OR c.oid IN ("
            "  SELECT reltoastrelid FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            "))"
        ).fetchall()


def forget_cache(env: dict[str, str]) -> None:
    """A shared cache (Redis) outlives the server: empty it, so nothing an earlier run asked
    is served from it."""
    if env.get("REDIS_URL") and not env.get("BENCH_NO_CACHE"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    forget_cache(env)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [
            gunicorn,
            "sironet.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{FLOOR}", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


def signed_in_cookie(env: dict[str, str], script: str = SIGN_IN) -> str:
    """A session for a reader who has signed in, made by the server's own settings."""
    return (
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def fetch(url: str, cookie: str = "") -> tuple[float, int, int, int]:
    """Asked as a browser asks (accepting gzip): seconds, status, queries, bytes over the wire."""
    started = time.perf_counter()
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        queries = int(response.headers.get("X-Query-Count", "-1"))
        status = response.status
    elapsed = time.perf_counter() - started
    return elapsed, status, queries, len(body)


def measure(base: str, path: str, requests: int, concurrency: int, cookie: str = "") -> dict:
    url = base + path
    for _ in range(5):  # warm caches and connections
        fetch(url, cookie)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda _i: fetch(url, cookie), range(requests)))
    wall = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": requests / wall,
        "queries": results[-1][2],
        "bytes": results[-1][3],
        "errors": sum(1 for r in results if r[1] >= 400),
    }


def worker_memory_kib(server: subprocess.Popen, field: str) -> list[int]:
    """A /proc status field (RssAnon, VmRSS, VmHWM the peak) of each gunicorn worker, in KiB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(server.pid):
            sizes.append(int(fields.get(field, "0 kB").split()[0]))
    return sizes


def organizations(base: str, limit: int, offset: int = 0) -> dict:
    """A page of the organisations API: its `count` and `items`."""
    address = f"{base}/api/v1/organizations?limit={limit}&offset={offset}"
    with urllib.request.urlopen(address) as response:
        return json.loads(response.read())


def sample_slugs(base: str, count: int, wanted: int) -> list[str]:
    slugs = []
    step = max(1, count // max(1, wanted // 100))
    for offset in range(0, count, step):
        slugs += [item["slug"] for item in organizations(base, 100, offset)["items"]]
        if len(slugs) >= wanted:
            break
    return slugs[:wanted]


def soak_paths(slugs: list[str], count: int, requests: int) -> list[str]:
    """Many different addresses, as readers and programs would ask for them: each is a miss
    for the page cache, so the cache fills and memory shows whether it levels off."""
    languages = ["en", "zh-hans", "ru", "ar", "fr", "es"]
    countries = ["CN", "KZ", "RU", "IR", "PK", "TR", "UZ", "EG", "IN", "ID"]
    areas = ["education", "health", "poverty-relief", "youth-training", "job-creation"]
    shapes = itertools.cycle(
        [
            lambda i: f"/{languages[i % 6]}/members/?page={i % 400 + 1}",
            lambda i: f"/{languages[i % 6]}/members/{slugs[i % len(slugs)]}/",
            lambda i: f"/api/v1/organizations?limit=20&offset={(i * 37) % max(1, count - 20)}",
            lambda i: f"/{languages[i % 6]}/members/?country={countries[i % 10]}&page={i % 20 + 1}",
            lambda i: f"/api/v1/organizations?area={areas[i % 5]}&offset={(i * 11) % 2000}",
            lambda i: f"/api/v1/organizations/{slugs[(i * 7) % len(slugs)]}",
        ]
    )
    return [next(shapes)(i) for i in range(requests)]


def soak(base: str, server: subprocess.Popen, paths: list[str], checkpoints: int) -> list[int]:
    """Serve the paths with eight clients; the largest worker's own resident memory (KiB,
    RssAnon: not the pages of the database file SQLite maps, which are the OS's file cache,
    shared by every worker) before and after each slice."""
    series = [max(worker_memory_kib(server, "RssAnon"), default=0)]
    size = max(1, len(paths) // checkpoints)
    with ThreadPoolExecutor(max_workers=8) as pool:
        for start in range(0, len(paths), size):
            results = list(pool.map(lambda path: fetch(base + path), paths[start : start + size]))
            failed = [r for r in results if r[1] >= 400]
            if failed:
                raise SystemExit(f"{len(failed)} soak requests failed")
            series.append(max(worker_memory_kib(server, "RssAnon"), default=0))
    return series


class AssetFinder(HTMLParser):
    """What a browser fetches to show a page: stylesheets, icons, scripts and images."""

    def __init__(self):
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in ("stylesheet", "icon"):
            address = attributes.get("href")
        elif tag in ("script", "img"):
            address = attributes.get("src")
        else:
            return
        if address and address not in self.assets:
            self.assets.append(address)


def first_load(base: str, path: str) -> list[tuple[str, int]]:
    """Bytes over the wire for a first visit: the page and each asset it loads, as the server
    sends them to a browser that accepts gzip."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        sizes = [(path, len(response.read()))]
    with urllib.request.urlopen(base + path) as response:
        html = response.read()
    finder = AssetFinder()
    finder.feed(html.decode())
    for asset in finder.assets:
        if asset.startswith(("http:", "https:", "//")):
            raise SystemExit(f"{path} loads {asset} from another host")
        request = urllib.request.Request(base + asset, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            sizes.append((asset, len(response.read())))
    return sizes


def measure_endpoints(base: str, requests: int, *, concurrent: bool, cookie: str) -> list[tuple]:
    count = organizations(base, 1)["count"]
    slug = organizations(base, 1, count // 2)["items"][0]["slug"]
    with urllib.request.urlopen(
        urllib.request.Request(base + "/en/", headers={"Cookie": cookie})
    ) as response:
        if b"/accounts/logout/" not in response.read():
            raise SystemExit("the bench reader's session does not sign in")
    visits = [(template, "") for template in ENDPOINTS]
    visits += [(template, cookie) for template in SIGNED_IN_ENDPOINTS]
    rows = []
    for template, session in visits:
        path = template.replace("{slug}", slug)
        one = measure(base, path, requests, 1, session)
        eight = measure(base, path, requests, 8, session) if concurrent else None
        label = f"{path} (signed in)" if session else path
        rows.append((label, one, eight))
        print(f"measured {label}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="small", choices=["small", "medium", "large"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--cold-requests", type=int, default=50)
    parser.add_argument("--soak-requests", type=int, default=6000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--varied",
        type=int,
        default=200,
        help="Addresses per kind in the every-address-different pass.",
    )
    parser.add_argument(
        "--varied-only", action="store_true", help="Only the every-address-different pass."
    )
    args = parser.parse_args()

    env = environment(args.scale, args.db)
    prepare(args.scale, args.db, env)
    if args.varied_only:
        port = free_port()
        server = start_server(env, port, args.workers)
        read_database_once(env)
        try:
            base = f"http://127.0.0.1:{port}"
            varied_rows, varied_floor = measure_varied(
                base,
                args.varied,
                signed_in_cookie(env),
                signed_in_cookie(env, SIGN_IN_SECRETARIAT),
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        report_varied(varied_rows, varied_floor)
        return

    # Without any cache: each request is the first after a change.
    port = free_port()
    uncached = environment(args.scale, args.db, cache=False)
    server = start_server(uncached, port, args.workers)
    try:
        cold = measure_endpoints(
            f"http://127.0.0.1:{port}",
            args.cold_requests,
            concurrent=False,
            cookie=signed_in_cookie(uncached),
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    port = free_port()
    server = start_server(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        cookie = signed_in_cookie(env)
        rows = measure_endpoints(base, args.requests, concurrent=True, cookie=cookie)
        read_database_once(env)
        varied_rows, varied_floor = measure_varied(
            base, args.varied, cookie, signed_in_cookie(env, SIGN_IN_SECRETARIAT)
        )
        count = organizations(base, 1)["count"]
        slugs = sample_slugs(base, count, 1000)
        print(f"soak: {args.soak_requests} requests", file=sys.stderr)
        memory = soak(base, server, soak_paths(slugs, count, args.soak_requests), 6)
        peak = max(worker_memory_kib(server, "VmHWM"), default=0)
        load = first_load(base, "/en/")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    report(args, rows, cold, memory, peak, load)
    report_varied(varied_rows, varied_floor)


def measure_varied(
    base: str, per_kind: int, cookie: str, secretariat: str = ""
) -> tuple[list[dict], float]:
    """Every address different (bench/varied.py), after the floor is measured again."""
    rng = random.Random(VARIED_SEED)
    count = organizations(base, 1)["count"]
    sampled: list[dict] = []
    for offset in sorted(rng.sample(range(max(1, count - 100)), 12)):
        sampled += organizations(base, 100, offset)["items"]
    anonymous = varied.addresses(rng, sampled, per_kind)
    signed_in = {
        kind: paths
        for kind, paths in varied.addresses(
            random.Random(VARIED_SEED + 1), sampled, per_kind
        ).items()
        if kind in VARIED_SIGNED_IN
    }
    more, spare = more_visits(base, sampled, per_kind, secretariat)
    slug = sampled[0]["slug"]
    for _round in range(4):
        for language in varied.LANGUAGES:
            for path in varied.warm_up_paths(language, slug):
                fetch(base + path)
            for path, by_secretariat in spare:
                fetch(f"{base}/{language}{path}", secretariat if by_secretariat else "")
        fetch(base + "/api/v1/search?q=warm")
        fetch(base + "/api/v1/organizations?area=health")
    floor = measure(base, FLOOR, 200, 1)
    print(f"every address different: {per_kind} addresses per kind", file=sys.stderr)
    rows = varied.run(base, fetch, anonymous, signed_in, cookie, more=more)
    return rows, floor["median_ms"]


def get_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path) as response:
        return json.loads(response.read())


def more_visits(
    base: str, sampled: list[dict], per_kind: int, secretariat: str
) -> tuple[list[tuple[str, list[str], str]], list[tuple[str, bool]]]:
    """The kinds of varied.more_addresses (demands, projects, an event, consultations), each
    with the cookie it is asked with: the Secretariat's for a demand's matches; and the spare
    pages to warm the workers up with (varied.spare_pages)."""
    ids = varied.sample_ids(lambda path: get_json(base, path), random.Random(VARIED_SEED + 2))
    more = varied.more_addresses(random.Random(VARIED_SEED + 3), sampled, ids, per_kind)
    visits = [
        (kind, paths, secretariat if kind in varied.SECRETARIAT_KINDS else "")
        for kind, paths in more.items()
    ]
    return visits, varied.spare_pages(ids, more)


def report_varied(rows: list[dict], floor: float) -> None:
    print(
        "\n#### Every address different\n\n"
        f"Each address asked once, one client, on the server as served, `{FLOOR}` asked just "
        f"before each (the floor: {floor:.2f} ms median before the pass); each kind's p95 is "
        f"divided by the floor's median during that kind. Budget: p95 ≤ "
        f"{VARIED_RATIO_BUDGET}× the floor, signed-in pages ≤ {SIGNED_IN_RATIO_BUDGET}×.\n"
    )
    print(
        "| kind | addresses | median ms | p95 ms | max ms | floor ms | p95 × floor | queries "
        "| example |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    over, failed = [], []
    for row in rows:
        ratio = row["p95_ms"] / row["floor_ms"]
        budget = SIGNED_IN_RATIO_BUDGET if row["signed_in"] else VARIED_RATIO_BUDGET
        print(
            f"| {row['kind']} | {row['addresses']} | {row['median_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | {row['max_ms']:.1f} | {row['floor_ms']:.2f} | {ratio:.1f} | "
            f"{row['queries']:.0f} | `{row['example']}` |"
        )
        if ratio > budget:
            over.append(f"{row['kind']}: p95 {ratio:.1f}× the floor (budget {budget}×)")
        failed += row["failures"]
    for row in rows:
        slowest = ", ".join(f"{ms:.0f} ms {path}" for ms, path in row["slowest"][:5])
        print(f"slowest {row['kind']}: {slowest}", file=sys.stderr)
    print("\nOver budget, every address different: " + ("; ".join(over) if over else "nothing."))
    if failed:
        raise SystemExit(f"{len(failed)} requests failed, e.g. {failed[:3]}")


def report(args, rows, cold, memory, peak, load) -> None:
    floor = rows[0][1]["median_ms"]
    cold_floor = cold[0][1]["median_ms"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"\n### {args.db}, scale {args.scale}\n")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"commit {commit}; `make bench SCALE={args.scale} DB={args.db}`; {args.requests} requests "
        f"per cell ({args.cold_requests} without cache); {args.workers} gunicorn workers.\n"
    )
    print(
        "| endpoint | median ms | p95 ms | × floor | req/s at 1 | req/s at 8 | p95 ms at 8 "
        "| no cache: median ms | p95 ms | × floor | queries | bytes |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    over, slow_uncached = [], []
    for (path, one, eight), (_path, first, _none) in zip(rows, cold, strict=True):
        ratio = one["median_ms"] / floor
        cold_ratio = first["median_ms"] / cold_floor
        print(
            f"| `{path}` | {one['median_ms']:.1f} | {one['p95_ms']:.1f} | {ratio:.1f} | "
            f"{one['rps']:.0f} | {eight['rps']:.0f} | {eight['p95_ms']:.1f} | "
            f"{first['median_ms']:.1f} | {first['p95_ms']:.1f} | {cold_ratio:.1f} | "
            f"{one['queries']} / {first['queries']} | {one['bytes']} |"
        )
        if one["p95_ms"] > LATENCY_BUDGET_MS:
            over.append(f"{path}: p95 over {LATENCY_BUDGET_MS} ms")
        if ratio > FLOOR_RATIO_BUDGET:
            over.append(f"{path}: {ratio:.1f}× the floor")
        if first["p95_ms"] > LATENCY_BUDGET_MS:
            slow_uncached.append(f"`{path}` ({first['p95_ms']:.0f} ms)")

    print(
        "\nWorker memory (largest own resident set, RssAnon, MiB) through a soak of "
        f"{args.soak_requests} requests over different addresses, eight clients: "
        + " → ".join(f"{kib / 1024:.0f}" for kib in memory)
        + f"; peak resident set (with mapped database pages) {peak / 1024:.0f} MiB."
    )
    last_half = memory[len(memory) // 2 :]
    growth = (last_half[-1] - last_half[0]) / 1024
    if growth > 5:
        over.append(f"worker memory still grows in the second half of the soak (+{growth:.0f} MiB)")

    total = sum(size for _address, size in load)
    print(
        f"\nFirst load of `{load[0][0]}`: {total / 1024:.1f} KiB over the wire ("
        + ", ".join(f"`{address}` {size / 1024:.1f} KiB" for address, size in load)
        + ")."
    )
    if total > FIRST_LOAD_BUDGET_BYTES:
        over.append(f"first load {total / 1024:.0f} KiB")

    print("\nOver budget as served: " + ("; ".join(over) if over else "nothing."))
    print(
        f"\nWithout cache, p95 over {LATENCY_BUDGET_MS} ms: "
        + (", ".join(slow_uncached) if slow_uncached else "nothing.")
    )
    errors = sum(
        one["errors"] + (eight["errors"] if eight else 0) for _path, one, eight in [*rows, *cold]
    )
    if errors:
        raise SystemExit(f"{errors} requests failed")


if __name__ == "__main__":
    main()
