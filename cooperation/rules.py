"""Who may do what with demands, offers and projects."""

import rules

from core.prepared import prepared
from members.models import Organization, OrganizationStaff
from members.rules import is_back_office, is_org_admin, is_org_staff
from members.selectors import works_for_a_member


def _admin_org_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    user = getattr(user, "_wrapped", user)
    cached = user.__dict__.get("_cooperation_admin_orgs")
    if cached is None:
        cached = set(
            OrganizationStaff.objects.filter(
                user=user,
                role=OrganizationStaff.Role.ADMIN,
                organization__status=Organization.Status.MEMBER,
            ).values_list("organization_id", flat=True)
        )
        user.__dict__["_cooperation_admin_orgs"] = cached
    return cached


@prepared
def _member_organizations(user_id: int):
    return Organization.objects.filter(
        staff__user_id=user_id, status=Organization.Status.MEMBER
    ).order_by("sort_name", "slug")


def member_organizations_of(user) -> list[Organization]:
    """The member organisations a person works for (admin or staff)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not works_for_a_member(user.pk):  # most readers: known without a query (kept)
        return []
    return _member_organizations(user.pk)


@rules.predicate
def is_project_admin(user, project) -> bool:
    """An admin of the project's lead or of one of its partners."""
    if project is None:
        return False
    mine = _admin_org_ids(user)
    if not mine:
        return False
    if project.lead_id in mine:
        return True
    return project.partners.filter(pk__in=mine).exists()


@rules.predicate
def is_project_lead_admin(user, project) -> bool:
    """An admin of the project's lead organisation."""
    return project is not None and project.lead_id in _admin_org_ids(user)


@rules.predicate
def is_demand_poster(user, demand) -> bool:
    if demand is None or not getattr(user, "is_authenticated", False):
        return False
    if demand.poster_id == user.pk:
        return True
    return demand.organization_id is not None and demand.organization_id in _admin_org_ids(user)


@rules.predicate
def is_admin_of_a_member_org(user) -> bool:
    return bool(_admin_org_ids(user))


rules.add_perm("cooperation.moderate_demand", is_back_office)
rules.add_perm("cooperation.change_demand_status", is_back_office | is_demand_poster)
rules.add_perm("cooperation.accept_offer", is_back_office | is_demand_poster)
rules.add_perm("cooperation.offer_help", is_org_admin | is_org_staff)
rules.add_perm("cooperation.create_project", is_back_office | is_admin_of_a_member_org)
rules.add_perm("cooperation.change_project", is_back_office | is_project_admin)
rules.add_perm("cooperation.change_report_period", is_back_office | is_project_lead_admin)
