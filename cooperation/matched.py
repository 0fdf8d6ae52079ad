"""The demands an organisation is matched to: the other way round of cooperation.matching.

For each published demand that still takes offers, in the organisation's key areas or countries
(its matches come from those signals first), the demand's ranking is made as on the demand's page;
the organisation's own match, with its reasons, is kept where it is among the top ones. The most
recent demands are looked at, a bounded number of them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from cooperation import matching
from cooperation.models import Demand, Offer
from members.models import Organization

RECENT_DEMANDS = 200


@dataclass
class MatchedDemand:
    demand: Demand
    match: matching.Match
    rank: int  # its place among the demand's matches, 1 the best
    offered: bool


def demands_matched_to(
    organization: Organization, recent: int = RECENT_DEMANDS
) -> list[MatchedDemand]:
    facts = next((o for o in matching.organization_index() if o.pk == organization.pk), None)
    if facts is None:  # not a member in good standing: never matched
        return []
    demands = (
        Demand.objects.filter(
            moderation=Demand.Moderation.APPROVED,
            status__in=[Demand.Status.OPEN, Demand.Status.MATCHED],
        )
        .filter(Q(area_id__in=facts.areas) | Q(country_id__in=facts.countries))
        .select_related("country", "area")
        .order_by("-created_at", "-pk")[:recent]
    )
    demands = list(demands)
    offered = set(
        Offer.objects.filter(
            organization=organization, demand__in=[d.pk for d in demands]
        ).values_list("demand_id", flat=True)
    )
    found = []
    for demand in demands:
        ranked = matching.rank(matching.candidates_for(demand))
        for position, match in enumerate(ranked, start=1):
            if match.organization_id == organization.pk:
                match.reasons = matching.reasons_for(demand, matching.demand_facts(demand), facts)
                match.organization = organization
                found.append(MatchedDemand(demand, match, position, demand.pk in offered))
                break
    found.sort(key=lambda item: (item.offered, -item.match.score, -item.demand.pk))
    return found
