import rules
from django.contrib import admin


class BackOfficeAdmin(admin.ModelAdmin):
    """Secretariat staff and site administrators manage these rows in the back office."""

    def _allowed(self, request) -> bool:
        # The permission is defined with the roles, in accounts/rules.py (core sits below accounts).
        return bool(
            request.user.is_active and rules.has_perm("core.view_back_office", request.user)
        )

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class ReadOnlyBackOfficeAdmin(BackOfficeAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
