"""Standard actors for consultations: the Secretariat, member organisations A and B with their
representatives, an admin and a staff member of A, a visitor; a consultation open for voting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from governance import services
from members.models import Organization, OrganizationStaff


@pytest.fixture
def secretariat_user(make_user):
    user = make_user("sec@example.org", full_name="Sara Secretariat")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


def make_member(make_user, slug: str, *, country="KZ", representative=True):
    organization = Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(f"Organisation {slug}", "en"),
        country_id=country,
        status=Organization.Status.MEMBER,
    )
    admin = make_user(f"admin@{slug}.example")
    OrganizationStaff.objects.create(
        organization=organization, user=admin, role="admin", is_representative=representative
    )
    return organization, admin


@pytest.fixture
def org_a(make_user):
    return make_member(make_user, "org-a")


@pytest.fixture
def org_b(make_user):
    return make_member(make_user, "org-b", country="CN")


@pytest.fixture
def staff_a(make_user, org_a):
    user = make_user("staff@org-a.example")
    OrganizationStaff.objects.create(organization=org_a[0], user=user, role="staff")
    return user


def timetable(phase: str = "voting") -> dict:
    """Dates putting a consultation in the given phase now."""
    now = timezone.now()
    day = timedelta(days=1)
    starts = {
        "upcoming": now + day,
        "discussion": now - day / 2,
        "proposals": now - 3 * day / 2,
        "voting": now - 3 * day,
        "results": now - 10 * day,
    }[phase]
    dates = {
        "discussion_opens": starts,
        "proposals_open": starts + day,
        "voting_opens": starts + 2 * day,
        "voting_closes": starts + 4 * day,
    }
    if phase == "results":
        dates["voting_closes"] = now - timedelta(minutes=1)
    return dates


def open_consultation(actor, *, phase="voting", **extra):
    arguments = {
        "title": "Should the Forum meet every year?",
        "description": "The *Forum* has met every two years so far.",
        "language": "en",
        **timetable(phase),
        **extra,
    }
    return services.consultation_open(actor=actor, **arguments)


@pytest.fixture
def open_ballot(secretariat_user, org_a, org_b):
    return open_consultation(secretariat_user)


@pytest.fixture
def secret_ballot(secretariat_user, org_a, org_b):
    return open_consultation(secretariat_user, secret=True)


def option(consultation, kind):
    return consultation.ballot.options.get(kind=kind)


@pytest.fixture(autouse=True)
def _english():
    """Addresses reversed in English, whatever language an earlier request left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _timetables_read_afresh():
    """Each test's consultations: the phase boundaries a process keeps per data version are
    read again (versions stay put in tests whose writes never commit)."""
    from governance import selectors

    selectors._boundaries.clear()
    yield
    selectors._boundaries.clear()
