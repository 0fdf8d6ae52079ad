"""Serve the platform: gunicorn for the web and the background-task worker, stopped together."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (gunicorn) and the task worker until Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the task worker."
        )

    def handle(self, *args, **options):
        python = sys.executable
        bin_dir = os.path.dirname(python)
        web = [
            os.path.join(bin_dir, "gunicorn"),
            "sironet.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        # Both processes read the address actually served, so that where SITE_URL is not set,
        # the links they print and send (emails are sent by the worker) carry this port.
        served = {**os.environ, "HOST": options["host"], "PORT": str(options["port"])}
        processes = [subprocess.Popen(web, env=served)]  # noqa: S603 (our own fixed command line)
        if not options["no_worker"]:
            worker = [python, "manage.py", "db_worker", "--queue-name", "default"]
            processes.append(subprocess.Popen(worker, cwd=settings.BASE_DIR, env=served))  # noqa: S603
        self.stdout.write(
            f"SIRONET is at http://{options['host']}:{options['port']}/ — press Ctrl-C to stop."
        )

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(p.poll() is None for p in processes):
            time.sleep(0.5)
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        failed = [p.returncode for p in processes if p.returncode not in (0, -signal.SIGTERM, None)]
        if failed and not stopping:
            raise SystemExit(1)
        self.stdout.write("Stopped.")
