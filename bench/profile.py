"""Where the time of the every-address-different pass goes, in the process itself.

    python -m bench.profile --scale large --db sqlite [--kind "site search"] [--per-kind 100]
        [--profile out.prof] [--signed-in] [--slowest 5] [--queries]

Asks the same addresses as `bench.run --varied-only` (same seed, same draw) through Django's
WSGI handler (middleware, cache, templates: all but the socket and gunicorn), each once, and
prints each kind's median and p95 in milliseconds and as a multiple of /healthz asked the same
way. With --profile, cProfile's statistics of the kinds asked are written to a file (read them
with `python -m pstats`) and the top functions by own time are printed. With --queries, each of
the slowest addresses is followed by its queries and the time each took.
"""

import argparse
import cProfile
import gzip
import json
import os
import pstats
import random
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

from bench import varied
from bench.run import VARIED_SEED, VARIED_SIGNED_IN, environment, prepare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="large")
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--kind", action="append", default=[])
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--profile", default="")
    parser.add_argument("--signed-in", action="store_true", help="Also the signed-in kinds.")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--slowest", type=int, default=3, help="Addresses shown per kind.")
    parser.add_argument(
        "--queries", action="store_true", help="Each slowest address's queries with their times."
    )
    args = parser.parse_args()

    env = environment(args.scale, args.db)
    if not (Path(env["SIRONET_VAR_DIR"]) / "seeded").exists():
        prepare(args.scale, args.db, env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sironet.settings")
    from bench.run import SIGN_IN, SIGN_IN_SECRETARIAT
    from sironet.wsgi import application

    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()

    cpu_spent: list[float] = []

    def ask(path: str, cookie: str = "") -> tuple[float, int, bytes]:
        address, _, query = path.partition("?")
        from urllib.parse import unquote

        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote(address).encode().decode("latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.input": BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        status = []
        started, cpu = time.perf_counter(), time.thread_time()
        response = application(environ, lambda s, h, *a: status.append(s))
        body = b"".join(response)
        elapsed = time.perf_counter() - started
        cpu_spent.append(time.thread_time() - cpu)
        response.close()  # as a server does once the answer is written (request_finished)
        return elapsed, int(status[0].split()[0]), body

    def get_json(path: str) -> dict:
        body = ask(path)[2]
        return json.loads(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)

    def organizations(limit: int, offset: int = 0) -> dict:
        return get_json(f"/api/v1/organizations?limit={limit}&offset={offset}")

    rng = random.Random(VARIED_SEED)
    count = organizations(1)["count"]
    sampled: list[dict] = []
    for offset in sorted(rng.sample(range(max(1, count - 100)), 12)):
        sampled += organizations(100, offset)["items"]
    anonymous = varied.addresses(rng, sampled, args.per_kind)
    signed = {
        kind: paths
        for kind, paths in varied.addresses(
            random.Random(VARIED_SEED + 1), sampled, args.per_kind
        ).items()
        if kind in VARIED_SIGNED_IN
    }

    def sign_in(script: str) -> str:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(script, {})  # noqa: S102 - our own code, as bench.run runs it
        return out.getvalue().strip().splitlines()[-1]

    cookie = sign_in(SIGN_IN) if args.signed_in else ""
    secretariat = sign_in(SIGN_IN_SECRETARIAT)
    ids = varied.sample_ids(get_json, random.Random(VARIED_SEED + 2))
    more = varied.more_addresses(random.Random(VARIED_SEED + 3), sampled, ids, args.per_kind)
    slug = sampled[0]["slug"]
    spare = varied.spare_pages(ids, more)
    for _round in range(3):
        for language in varied.LANGUAGES:
            for path in varied.warm_up_paths(language, slug):
                ask(path)
                if cookie:
                    ask(path, cookie)
            for path, by_secretariat in spare:
                ask(f"/{language}{path}", secretariat if by_secretariat else "")
        ask("/api/v1/search?q=warm")
        ask("/api/v1/organizations?area=health")

    floor = sorted(ask("/healthz")[0] * 1000 for _ in range(300))
    floor_median = statistics.median(floor)
    floor_cpu = statistics.median(cpu_spent[-300:]) * 1000
    visits = [(kind, paths, "") for kind, paths in anonymous.items()]
    if cookie:
        visits += [(f"{kind} (signed in)", paths, cookie) for kind, paths in signed.items()]
    visits += [
        (kind, paths, secretariat if kind in varied.SECRETARIAT_KINDS else "")
        for kind, paths in more.items()
    ]
    if args.kind:
        visits = [v for v in visits if any(k == v[0] for k in args.kind)]
    profiler = cProfile.Profile() if args.profile else None
    # Without the profiler's distortion: time in templates (top level) and in the database.
    from collections import defaultdict

    from django.db import connection
    from django.template.backends.django import Template

    spent: dict[str, float] = defaultdict(float)
    original_render = Template.render

    def timed_render(self, *a, **k):
        started = time.perf_counter()
        try:
            return original_render(self, *a, **k)
        finally:
            spent["template " + self.origin.template_name] += time.perf_counter() - started

    asked: list[tuple[float, str]] = []  # this request's queries

    def timed_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["database: executing (SQLite reads most rows later, in fetchall)"] += (
                time.perf_counter() - started
            )
            asked.append((time.perf_counter() - started, sql))

    # The garbage collector's pauses, which land on whichever request allocates at the time.
    import gc

    collecting: list[float] = []
    collected: list[tuple[float, int]] = []  # this request's collections

    def timed_collection(phase: str, info: dict) -> None:
        if phase == "start":
            collecting.append(time.perf_counter())
        elif collecting:
            seconds = time.perf_counter() - collecting.pop()
            spent[f"garbage collection (generation {info['generation']})"] += seconds
            collected.append((seconds, info["generation"]))

    gc.callbacks.append(timed_collection)
    Template.render = timed_render
    connection.execute_wrappers.append(timed_query)
    print(f"floor {floor_median:.2f} ms, CPU {floor_cpu:.2f} ms")
    for kind, paths, session in visits:
        times = []
        slowest = []
        for path in paths:
            if profiler:
                profiler.enable()
            asked.clear()
            collected.clear()
            elapsed, status, _body = ask(path, session)
            if profiler:
                profiler.disable()
            if status >= 400:
                print("FAILED", status, path)
            times.append(elapsed * 1000)
            slowest.append((elapsed * 1000, path, list(asked), list(collected)))
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        cpu = sorted(t * 1000 for t in cpu_spent[-len(paths) :])
        cpu95 = cpu[max(0, int(len(cpu) * 0.95) - 1)]
        print(
            f"{kind:42s} median {statistics.median(times):6.2f}  p95 {p95:6.2f}  "
            f"x{p95 / floor_median:5.1f}  max {times[-1]:6.1f} | CPU median "
            f"{statistics.median(cpu):5.2f} p95 {cpu95:6.2f} x{cpu95 / floor_cpu:5.1f}"
        )
        for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
            print(f"      {seconds * 1000 / len(paths):6.2f} ms a request in {name}")
        spent.clear()
        for ms, path, queries, collections in sorted(slowest, reverse=True)[: args.slowest]:
            pauses = ", ".join(f"{t * 1000:.1f} ms (generation {g})" for t, g in collections)
            print(f"      {ms:6.1f} {path}" + (f"  garbage collection: {pauses}" if pauses else ""))
            if args.queries:
                for seconds, sql in queries:
                    print(f"          {seconds * 1000:6.2f} {' '.join(sql.split())[:150]}")
    if profiler:
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top * 2)


if __name__ == "__main__":
    main()
