from django.contrib import admin

from core.admin_base import BackOfficeAdmin
from members.models import Organization, OrganizationStaff


class StaffInline(admin.TabularInline):
    model = OrganizationStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(BackOfficeAdmin):
    list_display = ["slug", "name", "kind", "country", "status", "member_since"]
    list_filter = ["status", "kind", "country__region"]
    search_fields = ["slug"]
    filter_horizontal = ["areas", "countries_of_activity"]
    inlines = [StaffInline]
    list_select_related = ["country"]
