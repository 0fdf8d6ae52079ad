from django.contrib import admin

from core.admin_base import BackOfficeAdmin
from exchanges.models import Event


@admin.register(Event)
class EventAdmin(BackOfficeAdmin):
    list_display = ["title", "kind", "city", "country", "starts_on", "ends_on"]
    list_filter = ["kind"]
    list_select_related = ["country"]
