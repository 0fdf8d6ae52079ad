"""Time and memory of the long pieces of work the issues ask about, on the bench data set:

    python -m bench.reports --scale large [--db sqlite] [--only ics iati visa tally]

- the full /events.ics and the IATI export of every public project (50,000 activities at large
  scale), each streamed through Django's WSGI handler in a process of its own: the time, the
  bytes, and the process's peak resident memory before and after (flat memory: the peak
  after streaming everything stays near the peak after streaming a few rows);
- one visa letter PDF (the event's language and English) rendered by WeasyPrint: the time of
  the first letter of a process (fonts checked, WeasyPrint loaded) and of the next ones;
- tallying a consultation's votes (about 4,200 at large scale, one per member organisation)
  and, to see it grow, 10,000 votes' counts through the same rule.

Each piece runs in a fresh `python -m bench.reports --child NAME` process, so one's memory
never counts in another's peak. Nothing is written to the database.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

from bench.run import ROOT, environment, prepare

PIECES = ("ics", "iati", "visa", "tally")


def peak_mib() -> float:
    """This process's peak resident set (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mib() -> float:
    """This process's resident set now (VmRSS)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def stream(path: str, sample_every: int = 0) -> tuple[float, int, int, list[float]]:
    """Seconds, bytes and status of a GET streamed through the WSGI handler, a chunk at a time
    (as a server sends it, nothing kept); with `sample_every` (bytes), the resident memory each
    time that many more bytes have been streamed."""
    from sironet.wsgi import application

    address, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": address,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    status: list[str] = []
    samples: list[float] = []
    started = time.perf_counter()
    size = 0
    body = application(environ, lambda s, h, *a: status.append(s))
    for chunk in body:
        size += len(chunk)
        if sample_every and size >= sample_every * (len(samples) + 1):
            samples.append(round(resident_mib(), 1))
    if hasattr(body, "close"):
        body.close()
    return time.perf_counter() - started, size, int(status[0].split()[0]), samples


def streamed(full: str, small: str, expected_bytes: int = 0) -> dict:
    """Flat memory: the resident set along the way levels off after the first chunks
    (`expected_bytes`: about the answer's size, for ten samples along it)."""
    stream(small)  # imports, templates, the first queries
    before = peak_mib()
    seconds, size, status, samples = stream(full, expected_bytes // 10)
    return {
        "address": full,
        "status": status,
        "seconds": round(seconds, 2),
        "MiB": round(size / 2**20, 1),
        "peak MiB before": round(before, 1),
        "peak MiB after": round(peak_mib(), 1),
        **({"resident MiB at each tenth": samples} if samples else {}),
    }


def child_ics() -> dict:
    from exchanges.models import Event

    result = streamed("/events.ics", "/events.ics?kind=forum&country=CN")
    result["events"] = Event.objects.count()
    return result


def child_iati() -> dict:
    from cooperation.open_data import public_projects

    activities = public_projects().count()
    # About 2 KiB an activity (98.8 MiB for 50,000).
    result = streamed(
        "/open-data/iati/activities.xml", "/api/v1/projects?limit=1", activities * 2070
    )
    result["activities"] = activities
    return result


def child_visa() -> dict:
    from exchanges import letters
    from exchanges.models import Registration, VisaLetter

    registration = (
        Registration.objects.select_related("event__organizer", "event__country")
        .exclude(event__title__isnull=True)
        .order_by("pk")
        .first()
    )
    letter = VisaLetter(registration=registration, code="BENCH0000001")
    details = {
        "passport_name": "محمد بن عبد الله",
        "nationality": "EG",
        "passport_number": "A12345678",
        "passport_expiry": "2031-05-01",
        "birth_date": "1980-02-03",
    }
    times = []
    for _round in range(4):
        started = time.perf_counter()
        pdf = letters.visa_letter_pdf(letter=letter, details=details, signatory="Bench Organiser")
        times.append(time.perf_counter() - started)
    return {
        "event language": registration.event.title.original,
        "first letter s": round(times[0], 2),
        "next letters s": [round(t, 2) for t in times[1:]],
        "PDF KiB": round(len(pdf) / 1024, 1),
        "peak MiB": round(peak_mib(), 1),
    }


def child_tally() -> dict:
    from governance import selectors
    from governance.models import Consultation, Vote

    busiest = (
        Consultation.objects.filter(secret=False, ballot__isnull=False).order_by("-pk").first()
    )
    votes = Vote.objects.filter(ballot=busiest.ballot).count()
    selectors.ballot_results(busiest)  # the first query of the process
    started = time.perf_counter()
    results = selectors.ballot_results(busiest)
    from_db = time.perf_counter() - started
    options = list(busiest.ballot.options.all())
    counts = {option.pk: 10_000 // len(options) for option in options}
    started = time.perf_counter()
    selectors.tally(
        options,
        counts,
        eligible=10_000,
        quorum_percent=busiest.quorum_percent,
        majority=busiest.majority,
        closed=True,
    )
    rule = time.perf_counter() - started
    return {
        "consultation": busiest.pk,
        "votes": votes,
        "counted": results.cast,
        "tally from the database ms": round(from_db * 1000, 1),
        "rule over 10,000 votes' counts ms": round(rule * 1000, 3),
    }


def child(name: str) -> None:
    import django

    django.setup()
    print(json.dumps({"piece": name, **globals()[f"child_{name}"]()}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--only", nargs="*", default=list(PIECES), choices=PIECES)
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    env = environment(args.scale, args.db)
    if not (Path(env["SIRONET_VAR_DIR"]) / "seeded").exists():
        prepare(args.scale, args.db, env)
    env.setdefault("DJANGO_SETTINGS_MODULE", "sironet.settings")
    for name in args.only:
        done = subprocess.run(
            [sys.executable, "-m", "bench.reports", "--child", name],
            cwd=ROOT,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"{name} failed")
        print(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
