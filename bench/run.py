"""`make bench`: serve the platform for real and measure it from a separate process.

Builds (or reuses) a data set with `seed_bulk`, starts gunicorn with DEBUG off and the query-count
header on, then drives each endpoint with concurrent clients. Every figure is also given as a ratio
to a trivial view in the same server (the framework floor), so it means something on a noisy machine.
"""

import argparse
import gzip
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "/healthz"
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
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(scale: str, db: str) -> dict[str, str]:
    env = dict(os.environ)
    env["SIRONET_VAR_DIR"] = str(ROOT / "var" / f"bench-{db}-{scale}")
    env["QUERY_COUNT_HEADER"] = "1"
    env.pop("DEBUG", None)
    if db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/sironet_bench_{scale}"
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
        name = f"sironet_bench_{scale}"
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


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
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


def fetch(url: str) -> tuple[float, int, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        queries = int(response.headers.get("X-Query-Count", "-1"))
        status = response.status
    elapsed = time.perf_counter() - started
    return elapsed, status, queries, len(gzip.compress(body))


def measure(base: str, path: str, requests: int, concurrency: int) -> dict:
    url = base + path
    for _ in range(5):  # warm caches and connections
        fetch(url)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda _i: fetch(url), range(requests)))
    wall = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": requests / wall,
        "queries": results[-1][2],
        "gzip_bytes": results[-1][3],
        "errors": sum(1 for r in results if r[1] >= 400),
    }


def worker_peak_memory_kib(server: subprocess.Popen) -> int:
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(server.pid):
            peaks.append(int(fields.get("VmHWM", "0 kB").split()[0]))
    return max(peaks, default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="small", choices=["small", "medium", "large"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    env = environment(args.scale, args.db)
    prepare(args.scale, args.db, env)
    port = free_port()
    server = start_server(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(f"{base}/api/v1/organizations?limit=1") as response:
            count = json.loads(response.read())["count"]
        with urllib.request.urlopen(
            f"{base}/api/v1/organizations?limit=1&offset={count // 2}"
        ) as response:
            slug = json.loads(response.read())["items"][0]["slug"]
        rows = []
        for template in ENDPOINTS:
            path = template.replace("{slug}", slug)
            one = measure(base, path, args.requests, 1)
            eight = measure(base, path, args.requests, 8)
            rows.append((path, one, eight))
            print(f"measured {path}", file=sys.stderr)
        memory = worker_peak_memory_kib(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    floor = rows[0][1]["median_ms"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"\n### {args.db}, scale {args.scale}\n")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"commit {commit}; `make bench SCALE={args.scale} DB={args.db}`; {args.requests} requests per cell; "
        f"{args.workers} gunicorn workers; peak worker memory {memory / 1024:.0f} MiB.\n"
    )
    print(
        "| endpoint | median ms (1 client) | p95 ms (1) | × floor | req/s at 1 | req/s at 8 | p95 ms (8) | queries | gzip bytes |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path, one, eight in rows:
        print(
            f"| `{path}` | {one['median_ms']:.1f} | {one['p95_ms']:.1f} | {one['median_ms'] / floor:.1f} | "
            f"{one['rps']:.0f} | {eight['rps']:.0f} | {eight['p95_ms']:.1f} | {one['queries']} | {one['gzip_bytes']} |"
        )
    errors = sum(one["errors"] + eight["errors"] for _path, one, eight in rows)
    if errors:
        raise SystemExit(f"{errors} requests failed")


if __name__ == "__main__":
    main()
