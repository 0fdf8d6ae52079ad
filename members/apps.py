from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from core import seeding
        from core.data_versions import ORGANIZATIONS, track
        from core.uploads import remove_files_with_rows
        from members.models import (
            ApplicationDocument,
            Organization,
            OrganizationContact,
            OrganizationStaff,
        )

        remove_files_with_rows(ApplicationDocument, "file")

        # Cached directory pages, profiles and counts follow every change (core.page_cache).
        for model in (Organization, OrganizationStaff, OrganizationContact):
            track(model, ORGANIZATIONS)
        # The directory's snapshot of its members (members.selectors) follows the organisations
        # and their key areas only.
        from members.selectors import MEMBER_DIRECTORY

        track(Organization, MEMBER_DIRECTORY)
        # The organisations come first; their applications after governance's Constitution.
        seeding.register("members.seeding.organizations", order=20)
        seeding.register("members.seeding.membership", order=60)

        from members import selectors
        from search.registry import SearchKind, register, register_audience

        register(
            SearchKind(
                name="organization",
                label=_("Organisation"),
                plural=_("Organisations"),
                model=Organization,
                queryset=selectors.organizations_for_search,
                document=selectors.organization_search_document,
                url_name="members:profile",
                data_version=ORGANIZATIONS,
                position=10,
                own_index=True,  # the directory's `q` (migration 0006)
            )
        )
        register_audience(selectors.search_levels_of)
