"""Tell members that a consultation's phase opened (discussion, proposals, voting, results), or,
a day before, that its vote closes.

How to run it: from cron or a systemd timer on ONE machine, every few minutes, e.g.

    */5 * * * *  cd /srv/sironet && .venv/bin/python manage.py consultation_notices

It only queues the emails: at least one task worker must be running to send them
(`python manage.py db_worker --queue-name default`, or `manage.py serve`, which starts one). Each
notice is recorded once per consultation and kind (a database constraint), so overlapping runs,
or a run on a second machine, never send it twice; a phase that opened more than two days ago is
not announced late. Who is told: the staff of the member organisations taking part (for the
closing reminder, only those who vote for them: the representatives and named delegates), in
their own language, except people who turned these emails off on their account settings page or
at /{lang}/consultations/emails/."""

from django.core.management.base import BaseCommand

from governance.services import consultation_send_notices


class Command(BaseCommand):
    help = (
        "Queue the emails about consultation phases that are due (run every few minutes from "
        "cron; a task worker sends them)."
    )

    def handle(self, *args, **options):
        queued = consultation_send_notices()
        self.stdout.write(f"{queued} email(s) queued.")
