from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

from accounts import views as accounts_views
from core import views as core_views
from exchanges import views as exchanges_views
from sironet import views
from sironet.api import api

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open-data/", include("cooperation.open_data_urls")),
    path("events.ics", exchanges_views.events_ics, name="events_ics"),
    path("events/<int:event_id>.ics", exchanges_views.event_ics, name="event_ics"),
    path(
        "events/organisations/<slug:slug>.ics",
        exchanges_views.organization_ics,
        name="organization_ics",
    ),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.svg")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", core_views.about, name="about"),
    # allauth's sign-out, clearing what the site keeps on the device (accounts.views.sign_out)
    path("accounts/logout/", accounts_views.sign_out, name="account_logout"),
    path("accounts/", include("allauth.urls")),
    path("settings/", include("accounts.urls")),
    path("members/", include("members.urls")),
    path("search/", include("search.urls")),
    path("", include("cooperation.urls")),
    path("events/", include("exchanges.urls")),
    path("verify/<str:code>/", exchanges_views.verify, name="verify"),
    path("consultations/", include("governance.consultation_urls")),
    path("governance/", include("governance.urls")),
)


def project_media(request, path: str):
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "projects")


if settings.DEBUG or not settings.PRODUCTION:
    # Public uploads (photos of projects' progress) when no front server serves media: in
    # development and in the embedded deployment (`manage.py serve`). Only media/projects/:
    # the rest of media (membership documents) is private and served by its own views.
    urlpatterns.append(re_path(r"^media/projects/(?P<path>.+)$", project_media))

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
