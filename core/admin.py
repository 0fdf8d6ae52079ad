from django.contrib import admin

from core.admin_base import BackOfficeAdmin, ReadOnlyBackOfficeAdmin
from core.models import AuditLogEntry, Country, KeyArea, Region


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyBackOfficeAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]


@admin.register(Region)
class RegionAdmin(ReadOnlyBackOfficeAdmin):
    list_display = ["code", "name", "continent_name", "along_route"]


@admin.register(Country)
class CountryAdmin(ReadOnlyBackOfficeAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]


@admin.register(KeyArea)
class KeyAreaAdmin(BackOfficeAdmin):
    list_display = ["slug", "name"]
    filter_horizontal = ["sdg_goals", "dac_sectors"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
