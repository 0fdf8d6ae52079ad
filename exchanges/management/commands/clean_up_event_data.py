"""Remove personal data the events no longer need (run daily, e.g. from cron or a timer)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from exchanges.models import Registration
from exchanges.services import events_anonymise, offers_expire, visa_details_purge


class Command(BaseCommand):
    help = (
        "Pass lapsed waiting-list offers on, delete passport details of events that have ended and anonymise the registrations of "
        "events that ended more than EXCHANGES_KEEP_PERSONAL_DATA_DAYS (180) days ago."
    )

    def handle(self, *args, **options):
        lapsed = sum(
            offers_expire(event_id=event_id)
            for event_id in Registration.objects.filter(
                status=Registration.Status.OFFERED, offer_expires_at__lt=timezone.now()
            )
            .values_list("event_id", flat=True)
            .distinct()
        )
        purged = visa_details_purge()
        anonymised = events_anonymise()
        self.stdout.write(
            f"Offers lapsed: {lapsed}; passport details removed: {purged}; "
            f"events anonymised: {anonymised}."
        )
