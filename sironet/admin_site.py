"""The Secretariat's back office: the Django admin, behind two-factor sign-in."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class SecretariatAdminSite(admin.AdminSite):
    site_header = _("SIRONET back office")
    site_title = _("SIRONET back office")
    index_title = _("Secretariat")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_mfa_enabled(user))

    def login(self, request, extra_context=None):
        """Sign-in goes through the site's own pages, where two-factor is asked for."""
        user = request.user
        next_url = request.GET.get("next") or reverse("admin:index")
        if user.is_authenticated and user.is_staff and not is_mfa_enabled(user):
            messages.warning(
                request, _("The back office requires two-factor authentication. Turn it on first.")
            )
            return redirect("mfa_activate_totp")
        if user.is_authenticated and not user.is_staff:
            messages.error(request, _("Your account has no access to the back office."))
            return redirect("home")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
