"""Background work of cooperation. Thin: takes ids, loads, calls ordinary code."""

from django_tasks import task

MATCHES_TOLD = 5


@task()
def tell_matched_organizations(*, demand_id: int) -> None:
    """Email the admins of the best-matched organisations of a newly published demand, each in
    their own language (core.tasks.send_notification renders it per recipient)."""
    from cooperation import selectors
    from cooperation.models import Demand
    from core.notifications import notify
    from members.models import OrganizationStaff

    demand = Demand.objects.filter(pk=demand_id, moderation=Demand.Moderation.APPROVED).first()
    if demand is None:
        return
    matches = selectors.demand_matches(demand)[:MATCHES_TOLD]
    admins = (
        OrganizationStaff.objects.filter(
            organization_id__in=[m.organization_id for m in matches],
            role=OrganizationStaff.Role.ADMIN,
        )
        .select_related("user")
        .order_by("pk")
    )
    notify(
        template="demand_matched",
        context={"demand_id": demand.pk, "title": demand.title.original_text},
        users=[staff.user for staff in admins],
    )


@task()
def refresh_matches() -> None:
    """The stored matches brought up to date with the organisations and projects: those of the
    demands that what changed since the last refresh can move (queued after each change)."""
    from cooperation.services import matches_refresh

    matches_refresh()


def queue_matches_refresh() -> None:
    """Registered with core.data_versions: called after each committed change to organisations
    or projects. Many changes queue many refreshes; one queued while another runs leaves it to
    that one to run once more, and one that finds nothing changed costs a reading of the
    organisations."""
    refresh_matches.enqueue()
