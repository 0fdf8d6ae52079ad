from django.contrib import admin

from core.admin_base import BackOfficeAdmin
from governance.models import Body, DocumentVersion, NetworkDocument, Seat


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(BackOfficeAdmin):
    list_display = ["kind", "seats"]
    inlines = [SeatInline]


class VersionInline(admin.StackedInline):
    model = DocumentVersion
    extra = 0


@admin.register(NetworkDocument)
class NetworkDocumentAdmin(BackOfficeAdmin):
    list_display = ["slug", "title", "kind"]
    inlines = [VersionInline]
