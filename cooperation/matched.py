"""The demands an organisation is matched to: the other way round of cooperation.matching.

Read from the stored matches (cooperation.models.DemandMatch): every published demand that still
takes offers among whose top matches the organisation is, those it has not offered help with
first, then the best matches, then the newest demands. A query for the count and one for a page,
whatever the number of demands."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from cooperation import matching
from cooperation.models import Demand, DemandMatch, Offer
from members.models import Organization


@dataclass
class MatchedDemand:
    demand: Demand
    match: matching.Match
    rank: int  # its place among the demand's matches, 1 the best
    offered: bool


def demands_matched_to(organization: Organization) -> QuerySet[DemandMatch]:
    """The stored matches of the organisation to demands that take offers, in the order shown
    (each row's `offered` annotated); none for an organisation not a member in good standing."""
    if organization.status != Organization.Status.MEMBER:
        return DemandMatch.objects.none()
    offered = Offer.objects.filter(demand=OuterRef("demand_id"), organization=organization)
    return (
        DemandMatch.objects.filter(
            organization=organization,
            demand__moderation=Demand.Moderation.APPROVED,
            demand__status__in=[Demand.Status.OPEN, Demand.Status.MATCHED],
        )
        .annotate(offered=Exists(offered))
        .select_related("demand__country", "demand__area")
        .order_by("offered", "-score", "-demand_id")
    )


def matched_items(rows, organization: Organization) -> list[MatchedDemand]:
    """A page of those rows, each with its match's reasons in the reader's language."""
    items = []
    for row in rows:
        signals = matching.Signals(
            area=row.area,
            place=row.place,
            language=row.language,
            track_record=row.track_record,
            text=row.text,
        )
        match = matching.Match(
            organization_id=organization.pk,
            score=row.score,
            signals=signals,
            reasons=matching.reasons_from(row.demand, signals, row.why),
            organization=organization,
            why=row.why,
        )
        items.append(MatchedDemand(row.demand, match, row.rank, row.offered))
    return items
