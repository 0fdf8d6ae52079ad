"""Tell members that a consultation's phase opened, or that its vote closes tomorrow. Run it
every few minutes (cron, a systemd timer); each notice is sent once, by the task worker."""

from django.core.management.base import BaseCommand

from governance.services import consultation_send_notices


class Command(BaseCommand):
    help = "Queue the emails about consultation phases that are due."

    def handle(self, *args, **options):
        queued = consultation_send_notices()
        self.stdout.write(f"{queued} email(s) queued.")
