from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Exchanges")

    def ready(self):
        from core import seeding
        from core.data_versions import EVENTS, track
        from exchanges.models import Event

        track(Event, EVENTS)
        seeding.register("exchanges.seeding", order=50)
