from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        from cooperation import (
            rules,  # noqa: F401  (the permissions)
            selectors,
        )
        from cooperation.models import (
            BudgetLine,
            Demand,
            Indicator,
            Milestone,
            Offer,
            ProgressPhoto,
            ProgressUpdate,
            Project,
            ProjectLocation,
        )
        from cooperation.tasks import queue_matches_refresh
        from core import seeding
        from core.data_versions import DEMANDS, ORGANIZATIONS, PROJECTS, on_change, track
        from core.uploads import remove_files_with_rows
        from search.registry import SearchKind, register

        track(Demand, DEMANDS)
        track(Offer, DEMANDS)
        for model in (
            Project,
            BudgetLine,
            Indicator,
            Milestone,
            ProgressUpdate,
            ProgressPhoto,
            ProjectLocation,
        ):
            track(model, PROJECTS)
        seeding.register("cooperation.seeding", order=40)
        # A photo's file leaves storage with its row, its update's or its project's.
        remove_files_with_rows(ProgressPhoto, "image")
        # A demand's stored matches follow the organisations and projects matching reads.
        on_change(ORGANIZATIONS, queue_matches_refresh)
        on_change(PROJECTS, queue_matches_refresh)

        from cooperation.views import organization_projects_section
        from core import page_sections

        page_sections.register("organization_profile", organization_projects_section, PROJECTS)

        register(
            SearchKind(
                name="demand",
                label=_("Grassroots demand"),
                plural=_("Grassroots demands"),
                model=Demand,
                queryset=selectors.demands_for_search,
                document=selectors.demand_search_document,
                url_name="cooperation:demand",
                data_version=DEMANDS,
                position=30,
            )
        )
        register(
            SearchKind(
                name="project",
                label=_("Project"),
                plural=_("Projects"),
                model=Project,
                queryset=selectors.projects_for_search,
                document=selectors.project_search_document,
                url_name="cooperation:project",
                data_version=PROJECTS,
                position=20,
            )
        )
