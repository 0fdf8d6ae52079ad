"""Who may do what with organisations and applications."""

import rules

from accounts.rules import is_committee_member, is_secretariat, is_site_admin
from core.data_versions import ORGANIZATIONS, kept_while_unchanged
from core.prepared import prepared
from members.models import MembershipApplication, Organization, OrganizationStaff


def may(user, permission: str, obj=None) -> bool:
    """What `user.has_perm` answers for the permissions these rules grant, without asking
    Django's model backend, which loads the reader's database permissions (two queries) for
    permissions that only the rules give. Active superusers may do everything, as with has_perm."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or rules.has_perm(permission, user, obj)


def _staff_role(user, organization) -> str | None:
    if not getattr(user, "is_authenticated", False) or organization is None:
        return None
    # A request's user is a lazy wrapper: remember on the person inside, whom has_perm passes on.
    user = getattr(user, "_wrapped", user)
    cache = user.__dict__.setdefault("_organization_roles_cache", {})
    if organization.pk not in cache:
        cache[organization.pk] = _staff_role_of(user.pk, organization.pk)
    return cache[organization.pk]


@kept_while_unchanged(ORGANIZATIONS)  # staff changes move it
def _staff_role_of(user_id: int, organization_id: int) -> str | None:
    # Asked on each profile a signed-in reader opens.
    return _staff_role_rows.first(user_id, organization_id)


@prepared
def _staff_role_rows(user_id: int, organization_id: int):
    return OrganizationStaff.objects.filter(
        user_id=user_id, organization_id=organization_id
    ).values_list("role", flat=True)[:1]


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return _staff_role(user, organization) == OrganizationStaff.Role.ADMIN


@rules.predicate
def is_org_staff(user, organization) -> bool:
    return _staff_role(user, organization) is not None


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == getattr(user, "pk", None)


@rules.predicate
def is_admin_of_a_member(user) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and OrganizationStaff.objects.filter(
            user=user,
            role=OrganizationStaff.Role.ADMIN,
            organization__status=Organization.Status.MEMBER,
        ).exists()
    )


@rules.predicate
def is_before_the_committee(user, application) -> bool:
    return (
        application is not None
        and application.status
        in (
            MembershipApplication.Status.FORWARDED,
            MembershipApplication.Status.APPROVED,
            MembershipApplication.Status.REJECTED,
        )
        and application.forwarded_at is not None
    )


is_back_office = is_secretariat | is_site_admin

rules.add_perm("members.edit_application", is_applicant)
rules.add_perm(
    "members.view_application",
    is_applicant | is_back_office | (is_committee_member & is_before_the_committee),
)
rules.add_perm("members.review_application", is_back_office)
rules.add_perm("members.endorse_application", is_admin_of_a_member)
rules.add_perm("members.edit_organization", is_org_admin)
rules.add_perm("members.manage_staff", is_org_admin)
rules.add_perm("members.suspend_organization", is_back_office)
rules.add_perm("members.withdraw_organization", is_org_admin | is_back_office)
rules.add_perm("members.check_identity_change", is_back_office)
rules.add_perm("members.export_members", is_back_office)
rules.add_perm("members.vote_on_applications", is_committee_member)
