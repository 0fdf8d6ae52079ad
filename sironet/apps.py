from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SironetConfig(AppConfig):
    """The project itself, installed for what belongs above every app (its management commands)."""

    name = "sironet"
    verbose_name = "SIRONET"


class SironetAdminConfig(AdminConfig):
    default_site = "sironet.admin_site.SecretariatAdminSite"
