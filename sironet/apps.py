from django.contrib.admin.apps import AdminConfig


class SironetAdminConfig(AdminConfig):
    default_site = "sironet.admin_site.SecretariatAdminSite"
