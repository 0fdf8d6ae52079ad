"""Background work for events. Thin: ids in, services called."""

from django_tasks import task


@task()
def expire_offers(*, event_id: int) -> int:
    """Lapsed waiting-list offers pass to the next people waiting (queued for each offer's end)."""
    from exchanges.services import offers_expire

    return offers_expire(event_id=event_id)


@task()
def anonymise_past_events() -> int:
    """Personal data of registrations is removed a configurable time after each event."""
    from exchanges.services import events_anonymise

    return events_anonymise()
