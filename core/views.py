from django.conf import settings
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core import data_versions, selectors
from core.page_cache import cache_anonymous_page


@cache_anonymous_page(version=lambda request: data_versions.TAXONOMY_VERSION)
def about(request):
    """The network's taxonomy: key areas with their SDGs and DAC sectors, and the regions."""
    regions = selectors.region_list().prefetch_related("countries")
    return render(
        request,
        "core/about.html",
        {"areas": selectors.key_area_list(), "regions": regions},
    )


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    # A path under no known language prefix is answered in the default language.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return render(request, "500.html", status=500)


@never_cache
def healthz(request):
    """The process is up. Touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """The database answers."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure to reach the database means "not ready"
        return HttpResponse(
            f"database unreachable: {type(exc).__name__}\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ready\n", content_type="text/plain")
