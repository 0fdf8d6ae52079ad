from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        from cooperation.models import Demand, Project
        from core import seeding
        from core.data_versions import DEMANDS, PROJECTS, track

        track(Demand, DEMANDS)
        track(Project, PROJECTS)
        seeding.register("cooperation.seeding", order=40)
