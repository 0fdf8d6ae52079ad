"""The project's own pages: the home page shows figures from several apps, so it lives above them."""

from django.shortcuts import render
from django.template.loader import render_to_string

from core import data_versions
from core.page_cache import cache_anonymous_page, shared_fragment
from core.selectors import taxonomy
from members.selectors import MEMBER_DIRECTORY
from sironet import selectors

# The members' snapshot's version too, read in the same query: the figures count from it.
HOME_DATA = (
    data_versions.ORGANIZATIONS,
    MEMBER_DIRECTORY,
    data_versions.PROJECTS,
    data_versions.EVENTS,
)


@cache_anonymous_page(version=data_versions.reader(*HOME_DATA))
def home(request):
    body = shared_fragment(
        request,
        "sironet.home",
        data_versions.current(*HOME_DATA),
        lambda: render_to_string(
            "sironet/_home_body.html",
            # The key areas' names and descriptions only: the taxonomy read once per process.
            {"counts": selectors.network_counts(), "areas": taxonomy().areas},
            request=request,
        ),
    )
    return render(request, "sironet/home.html", {"body": body})
