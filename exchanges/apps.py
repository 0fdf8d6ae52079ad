from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges")

    def ready(self):
        from core import page_sections, seeding
        from core.data_versions import EVENTS, track
        from exchanges import (
            rules,  # noqa: F401  (the permissions)
            selectors,
        )
        from exchanges.models import Event, Programme, Session
        from search.registry import SearchKind, register

        for model in (Event, Programme, Session):
            track(model, EVENTS)
        seeding.register("exchanges.seeding", order=50)
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
