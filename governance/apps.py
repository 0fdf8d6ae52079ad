from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from core import seeding
        from core.data_versions import CONSULTATIONS, track
        from governance import selectors
        from governance.models import Consultation
        from search.registry import SearchKind, register

        seeding.register("governance.seeding", order=30)
        seeding.register("governance.seeding.consultations", order=70)
        track(Consultation, CONSULTATIONS)
        register(
            SearchKind(
                name="consultation",
                label=_("Consultation"),
                plural=_("Consultations"),
                model=Consultation,
                queryset=selectors.consultations_for_search,
                document=selectors.consultation_search_document,
                url_name="consultations:detail",
                data_version=CONSULTATIONS,
                position=60,
            )
        )
