"""Standard actors for cooperation: the Secretariat, org A (admin and staff, China), org B (admin,
Kazakhstan), a suspended org, a visitor; a published demand and a project led by A with B."""

from datetime import date

import pytest

from accounts.services import network_role_grant
from cooperation import services
from cooperation.models import Demand, Project
from core.multilingual import MultilingualText
from members.models import Organization, OrganizationStaff


def make_org(
    slug,
    country,
    *,
    status=Organization.Status.MEMBER,
    areas=(),
    languages=(),
    description="",
    activity=(),
):
    organization = Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(slug.replace("-", " ").title(), "en"),
        country_id=country,
        status=status,
        working_languages=list(languages),
        description=MultilingualText.create(description, "en") if description else None,
        sort_name=slug,
    )
    organization.areas.set(areas)
    organization.countries_of_activity.set(activity)
    return organization


@pytest.fixture
def secretariat(make_user):
    user = make_user("sec@example.org", full_name="Sara Secretariat")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


@pytest.fixture
def org_a(db):
    return make_org(
        "org-a",
        "CN",
        areas=["education"],
        languages=["zh-hans", "en"],
        description="We run village schools and reading corners.",
    )


@pytest.fixture
def org_b(db):
    return make_org(
        "org-b", "KZ", areas=["health"], languages=["ru"], description="Clean water and clinics."
    )


@pytest.fixture
def admin_a(make_user, org_a):
    user = make_user("admin-a@example.org")
    OrganizationStaff.objects.create(organization=org_a, user=user, role="admin")
    return user


@pytest.fixture
def staff_a(make_user, org_a):
    user = make_user("staff-a@example.org")
    OrganizationStaff.objects.create(organization=org_a, user=user, role="staff")
    return user


@pytest.fixture
def admin_b(make_user, org_b):
    user = make_user("admin-b@example.org")
    OrganizationStaff.objects.create(organization=org_b, user=user, role="admin")
    return user


@pytest.fixture
def demand(db, staff_a, org_a):
    return services.demand_submit(
        actor=staff_a,
        organization=org_a,
        title="Village school needs bilingual books",
        description="Our school has 86 pupils and no library. We need books.",
        country="CN",
        area="education",
        language="en",
        locality="Laomudeng",
        people_concerned=86,
        urgency="high",
    )


@pytest.fixture
def pending_demand(db):
    demand = services.demand_submit(
        actor=None,
        title="村里需要干净的饮用水",
        description="我们村有三百人，水井被污染了。",
        country="CN",
        area="health",
        language="zh-hans",
        contact_name="李伟",
        contact_email="li.wei@example.org",
        contact_phone="+86 123",
        address="10.0.0.1",
    )
    return services.demand_confirm(token=services.confirmation_token(demand))


@pytest.fixture
def project(db, org_a, org_b):
    project = Project.objects.create(
        title=MultilingualText.create("Reading corners", "en"),
        summary=MultilingualText.create("Books for 40 schools.", "en"),
        lead=org_a,
        area_id="education",
        status=Project.Status.ACTIVE,
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    project.partners.set([org_b])
    project.countries.set(["CN", "KZ"])
    return project


__all__ = ["Demand", "make_org"]
