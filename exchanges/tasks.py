"""Background work for events. Thin: ids in, services called."""

from django_tasks import task


@task()
def expire_offers(*, event_id: int) -> int:
    """Lapsed waiting-list offers pass to the next people waiting (queued for each offer's end)."""
    from exchanges.services import offers_expire

    return offers_expire(event_id=event_id)


@task()
def clean_up_personal_data() -> int:
    """Passport details go when an event ends; registrations are anonymised a configurable time
    after it (EXCHANGES_KEEP_PERSONAL_DATA_DAYS, 180 by default)."""
    from exchanges.services import events_anonymise, visa_details_purge

    visa_details_purge()
    return events_anonymise()


@task()
def make_certificates(*, batch_id: int) -> int:
    """Every checked-in participant's attendance certificate, into one zip."""
    from exchanges.services import certificates_make

    return certificates_make(batch_id=batch_id).done
