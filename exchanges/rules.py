"""Who may do what with events and registrations."""

import rules

from members.rules import is_admin_of_a_member, is_back_office, is_org_admin, is_org_staff


def _organizer_ids(event) -> set[int]:
    cache = event.__dict__.get("_organizer_ids")
    if cache is None:
        cache = set(event.co_organizers.values_list("pk", flat=True))
        if event.organizer_id:
            cache.add(event.organizer_id)
        event.__dict__["_organizer_ids"] = cache
    return cache


@rules.predicate
def is_event_organizer(user, event) -> bool:
    """Staff of an organisation that organises the event."""
    if event is None or not getattr(user, "is_authenticated", False):
        return False
    from members.models import OrganizationStaff

    user = getattr(user, "_wrapped", user)
    cache = user.__dict__.setdefault("_organizer_of_cache", {})
    if event.pk not in cache:
        cache[event.pk] = OrganizationStaff.objects.filter(
            user=user, organization_id__in=_organizer_ids(event)
        ).exists()
    return cache[event.pk]


@rules.predicate
def is_registrant(user, registration) -> bool:
    return registration is not None and (
        registration.user_id is not None and registration.user_id == getattr(user, "pk", None)
    )


@rules.predicate
def is_delegation_admin(user, registration) -> bool:
    return (
        registration is not None
        and registration.organization_id is not None
        and is_org_admin(user, registration.organization)
    )


@rules.predicate
def organizes_registration_event(user, registration) -> bool:
    return registration is not None and is_event_organizer(user, registration.event)


manages_event = is_event_organizer | is_back_office
sees_registration = (
    is_registrant | is_delegation_admin | organizes_registration_event | is_back_office
)

rules.add_perm("exchanges.manage_event", manages_event)
rules.add_perm("exchanges.view_registration", sees_registration)
rules.add_perm(
    "exchanges.change_registration", is_registrant | is_delegation_admin | is_back_office
)
rules.add_perm("exchanges.decide_registration", organizes_registration_event | is_back_office)
rules.add_perm("exchanges.register_delegation", is_org_admin)
rules.add_perm("exchanges.see_visa_details", organizes_registration_event | is_back_office)
rules.add_perm("exchanges.create_event", is_org_staff | is_back_office)
rules.add_perm("exchanges.create_programme", is_admin_of_a_member | is_back_office)
