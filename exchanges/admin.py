import rules
from django.contrib import admin

from core.admin_base import BackOfficeAdmin, ReadOnlyBackOfficeAdmin
from exchanges.models import Event, Programme, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0

    def _allowed(self, request) -> bool:
        return bool(
            request.user.is_active and rules.has_perm("core.view_back_office", request.user)
        )

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Programme)
class ProgrammeAdmin(BackOfficeAdmin):
    list_display = ["title", "created_at"]
    filter_horizontal = ["organizers", "countries", "areas"]


@admin.register(Event)
class EventAdmin(BackOfficeAdmin):
    list_display = ["title", "kind", "city", "country", "starts_on", "ends_on", "capacity"]
    list_filter = ["kind"]
    list_select_related = ["country"]
    raw_id_fields = ["organizer", "programme"]
    filter_horizontal = ["co_organizers", "areas"]
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyBackOfficeAdmin):
    """Read only: registrations change through the services (capacity, waiting list)."""

    list_display = ["full_name", "event", "status", "organization", "country", "created_at"]
    list_filter = ["status"]
    list_select_related = ["event", "organization", "country"]
    search_fields = ["full_name", "email", "code"]
    exclude = ["answers", "gender"]  # gender is only ever counted, never shown per person
