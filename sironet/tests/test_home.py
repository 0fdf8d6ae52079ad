"""The home page: the network's live figures, from several apps."""

import re
from datetime import date

import pytest

from cooperation.models import Project
from core.models import Country, KeyArea
from core.multilingual import MultilingualText
from core.selectors import taxonomy
from exchanges.models import Event
from members.models import Organization


def make_organization(slug, country="CN", status=Organization.Status.MEMBER):
    return Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(f"Organisation {slug}", "en"),
        country=Country.objects.get(code=country),
        status=status,
    )


@pytest.mark.django_db
def test_home_shows_live_counts(client):
    make_organization("a", "CN")
    make_organization("b", "KZ")
    make_organization("c", "KZ")
    make_organization("d", "EG", status=Organization.Status.APPLICANT)
    lead = Organization.objects.get(slug="a")
    Project.objects.create(
        title=MultilingualText.create("Wells", "en"),
        lead=lead,
        area=KeyArea.objects.get(slug="health"),
    )
    Event.objects.create(
        title=MultilingualText.create("Forum", "en"),
        kind=Event.Kind.FORUM,
        city="Beijing",
        country_id="CN",
        starts_on=date(2017, 11, 21),
        ends_on=date(2017, 11, 22),
    )

    html = client.get("/en/").content.decode()

    counts = dict(re.findall(r'data-count="(\w+)">([\d,]+)<', html))
    assert counts == {"members": "3", "countries": "2", "projects": "1", "events": "1"}


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    make_organization("first")
    taxonomy()  # read once per process, whichever test comes first
    # Cold: the data versions (4: page, body, member counts, activity counts), the directory's
    # counts (2, shared with the directory), projects and events (2); the key areas are read
    # once per process.
    with django_assert_max_num_queries(8) as few:
        client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):  # as their commit would
        for number in range(30):
            make_organization(f"org-{number}", ["CN", "KZ", "PK", "EG"][number % 4])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/en/")  # the new rows make the cached page stale: rendered afresh
    assert '<dd data-count="members">31</dd>' in page.content.decode()
    with django_assert_max_num_queries(1):
        client.get("/en/")  # and then served from the cache, after reading the data versions
