from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges")

    def ready(self):
        from core import page_sections, seeding
        from core.data_versions import EVENTS, track
        from core.uploads import remove_files_with_rows
        from exchanges import (
            rules,  # noqa: F401  (the permissions)
            selectors,
        )
        from exchanges.models import CertificateBatch, Event, EventDocument, Programme, Session
        from search.registry import SearchKind, register

        for model in (Event, Programme, Session):
            track(model, EVENTS)
        seeding.register("exchanges.seeding", order=50)
        # Files leave storage with their rows, an event's documents and certificates with it.
        remove_files_with_rows(EventDocument, "file")
        remove_files_with_rows(CertificateBatch, "file")
        register(
            SearchKind(
                name="event",
                label=_("Event"),
                plural=_("Events"),
                model=Event,
                queryset=selectors.events_for_search,
                document=selectors.event_search_document,
                url_name="exchanges:event",
                data_version=EVENTS,
                position=40,
            )
        )
        register(
            SearchKind(
                name="programme",
                label=_("Programme"),
                plural=_("Programmes"),
                model=Programme,
                queryset=selectors.programmes_for_search,
                document=selectors.programme_search_document,
                url_name="exchanges:programme",
                data_version=EVENTS,
                position=41,
            )
        )
        # An organisation's profile lists its events (members knows nothing of exchanges).
        from exchanges.views import organization_events_section

        page_sections.register("organization_profile", organization_events_section, EVENTS)
