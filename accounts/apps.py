from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.models import NetworkRole
        from core.data_versions import NETWORK_ROLES, track

        # What a reader's roles allow is kept per process until they change (accounts.rules).
        track(NetworkRole, NETWORK_ROLES)
