from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import ApiToken, NetworkRole, User
from core.admin_base import BackOfficeAdmin, ReadOnlyBackOfficeAdmin


@admin.register(User)
class UserAdmin(BackOfficeAdmin):
    list_display = [
        "email",
        "full_name",
        "preferred_language",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_active", "is_staff", "preferred_language"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "full_name",
        "preferred_language",
        "time_zone",
        "is_active",
        "date_joined",
        "last_login",
    ]
    readonly_fields = ["date_joined", "last_login"]
    ordering = ["email"]

    def has_add_permission(self, request):
        # People create their own accounts, so that they confirm their address.
        return False


@admin.register(NetworkRole)
class NetworkRoleAdmin(BackOfficeAdmin):
    list_display = ["user", "role", "granted_at", "granted_by"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    fields = ["user", "role"]
    list_select_related = ["user", "granted_by"]

    def has_change_permission(self, request, obj=None):
        return False  # revoke and grant again

    def save_model(self, request, obj, form, change):
        granted = services.network_role_grant(actor=request.user, user=obj.user, role=obj.role)
        obj.pk = granted.pk

    def delete_model(self, request, obj):
        services.network_role_revoke(actor=request.user, user=obj.user, role=obj.role)

    def delete_queryset(self, request, queryset):
        for role in queryset.select_related("user"):
            self.delete_model(request, role)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyBackOfficeAdmin):
    list_display = ["name", "user", "key_hint", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    verbose_name = _("API token")
