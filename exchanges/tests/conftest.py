"""Standard actors for the events tests: the organising organisation's admin and staff, the
admin of another member organisation (a delegation), the Secretariat, a participant and a
stranger; and an event with a few places."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from exchanges.models import Event
from members.models import Organization, OrganizationStaff


def make_org(slug, country="CN"):
    return Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(slug.replace("-", " ").title(), "en"),
        country_id=country,
        status=Organization.Status.MEMBER,
    )


@pytest.fixture
def host(db):
    return make_org("silk-host", "CN")


@pytest.fixture
def guest_org(db):
    return make_org("steppe-guests", "KZ")


@pytest.fixture
def organiser(make_user, host):
    user = make_user("organiser@example.org", full_name="Olga Organiser")
    OrganizationStaff.objects.create(organization=host, user=user, role="admin")
    return user


@pytest.fixture
def delegation_admin(make_user, guest_org):
    user = make_user("delegation@example.org", full_name="Dana Delegation", preferred_language="ar")
    OrganizationStaff.objects.create(organization=guest_org, user=user, role="admin")
    return user


@pytest.fixture
def guest_staff(make_user, guest_org):
    user = make_user("guest-staff@example.org", full_name="Gani Staff")
    OrganizationStaff.objects.create(organization=guest_org, user=user, role="staff")
    return user


@pytest.fixture
def secretariat(make_user):
    user = make_user("sec@example.org", full_name="Sara Secretariat")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


@pytest.fixture
def participant(make_user):
    return make_user("pat@example.org", full_name="Pat Participant", preferred_language="fr")


@pytest.fixture
def stranger(make_user):
    return make_user("stranger@example.org", full_name="Sam Stranger")


def make_event(host, *, capacity=3, days=30, **extra):
    starts = (timezone.now() + timedelta(days=days)).replace(
        hour=1, minute=0, second=0, microsecond=0
    )
    fields = {
        "title": MultilingualText.create("丝路青年论坛", "zh-hans", en="Silk Road Youth Forum"),
        "kind": Event.Kind.FORUM,
        "city": "Beijing",
        "country_id": "CN",
        "starts_on": starts.date(),
        "ends_on": (starts + timedelta(days=1)).date(),
        "starts_at": starts,
        "ends_at": starts + timedelta(days=1, hours=8),
        "time_zone": "Asia/Shanghai",
        "capacity": capacity,
        "organizer": host,
    }
    fields.update(extra)
    return Event.objects.create(**fields)


@pytest.fixture
def event(host):
    return make_event(host)


@pytest.fixture
def past_event(host):
    return make_event(
        host,
        days=-400,
        title=MultilingualText.create("Old Forum", "en"),
        starts_on=date(2017, 11, 21),
        ends_on=date(2017, 11, 22),
        starts_at=datetime(2017, 11, 21, 1, tzinfo=UTC),
        ends_at=datetime(2017, 11, 22, 10, tzinfo=UTC),
    )


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
