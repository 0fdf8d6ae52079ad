"""Remove personal data the events no longer need (run daily, e.g. from cron or a timer)."""

from django.core.management.base import BaseCommand

from exchanges.services import events_anonymise, visa_details_purge


class Command(BaseCommand):
    help = (
        "Delete passport details of events that have ended and anonymise the registrations of "
        "events that ended more than EXCHANGES_KEEP_PERSONAL_DATA_DAYS (180) days ago."
    )

    def handle(self, *args, **options):
        purged = visa_details_purge()
        anonymised = events_anonymise()
        self.stdout.write(f"Passport details removed: {purged}; events anonymised: {anonymised}.")
