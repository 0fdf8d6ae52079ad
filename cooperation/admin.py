from django.contrib import admin

from cooperation.models import Demand, Project
from core.admin_base import BackOfficeAdmin


@admin.register(Demand)
class DemandAdmin(BackOfficeAdmin):
    list_display = ["title", "country", "area", "status", "moderation", "created_at"]
    list_filter = ["status", "moderation", "area"]
    list_select_related = ["country", "area"]


@admin.register(Project)
class ProjectAdmin(BackOfficeAdmin):
    list_display = ["title", "lead", "area", "status", "starts_on"]
    list_filter = ["status", "area"]
    filter_horizontal = ["partners", "countries"]
    list_select_related = ["lead", "area"]
