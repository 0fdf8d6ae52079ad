"""Which member organisations could answer a demand, and why, in plain words.

Five signals, each between 0 and 1, weighed into a score out of 100:
- key area: the organisation works in the demand's key area;
- place: it is based or works in the demand's country (1), or in a neighbouring country on the
  route, that is another country of the same route region (0.5);
- language: it works in the language the demand is written in;
- track record: projects it led or joined in the key area and completed (three or more count full);
- text: the share of the demand's words that its description and projects' titles also use.

The score only grows with every signal, so an organisation at least as good on every signal
never ranks below one it beats; suspended, withdrawn and applicant organisations are never
candidates. `rank` is pure (tested with hypothesis); `matches_for` loads the candidates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.models import Demand, Project
from core.languages import language_name
from core.models import country_name
from core.selectors import taxonomy
from members.models import Organization
from search.text import fold, is_spaceless

WEIGHTS = {"area": 30.0, "place": 25.0, "language": 10.0, "track_record": 15.0, "text": 20.0}
TRACK_RECORD_FULL = 3
TOP = 10


@dataclass(frozen=True)
class Signals:
    area: float = 0.0
    place: float = 0.0
    language: float = 0.0
    track_record: float = 0.0
    text: float = 0.0

    def score(self) -> float:
        return round(sum(WEIGHTS[name] * getattr(self, name) for name in WEIGHTS), 2)

    def dominates(self, other: Signals) -> bool:
        mine = [getattr(self, name) for name in WEIGHTS]
        theirs = [getattr(other, name) for name in WEIGHTS]
        return all(a >= b for a, b in zip(mine, theirs, strict=True)) and mine != theirs


@dataclass(frozen=True)
class Candidate:
    organization_id: int
    signals: Signals
    active: bool = True  # a member in good standing; others are never matched
    reasons: tuple[dict, ...] = ()
    sort_name: str = ""


@dataclass
class Match:
    organization_id: int
    score: float
    signals: Signals
    reasons: list[dict] = field(default_factory=list)
    organization: Organization | None = None


def rank(candidates: list[Candidate], top: int | None = TOP) -> list[Match]:
    """The candidates worth proposing (a score above zero), best first."""
    chosen = [c for c in candidates if c.active and c.signals.score() > 0]
    chosen.sort(key=lambda c: (-c.signals.score(), c.sort_name, c.organization_id))
    matches = [
        Match(
            organization_id=c.organization_id,
            score=c.signals.score(),
            signals=c.signals,
            reasons=list(c.reasons),
        )
        for c in chosen
    ]
    return matches if top is None else matches[:top]


# --- words --------------------------------------------------------------------------------------

STOP_WORDS = {
    "the",
    "and",
    "for",
    "with",
    "our",
    "from",
    "this",
    "that",
    "have",
    "has",
    "are",
    "was",
    "were",
    "will",
    "can",
    "not",
    "but",
    "you",
    "your",
    "they",
    "their",
    "about",
    "into",
    "more",
    "need",
    "needs",
    "help",
    "local",
    "people",
    "community",
    "village",
}


def words_of(text: str) -> set[str]:
    """Comparable words: folded words of three letters or more; in scripts without spaces,
    pairs of characters."""
    found: set[str] = set()
    for word in fold(text).split():
        if word and is_spaceless(word[0]):
            found |= {word[i : i + 2] for i in range(len(word) - 1)}
        elif len(word) >= 3 and word not in STOP_WORDS and not word.isdigit():
            found.add(word)
    return found


def text_similarity(demand_words: set[str], their_words: set[str]) -> tuple[float, list[str]]:
    if not demand_words or not their_words:
        return 0.0, []
    shared = demand_words & their_words
    share = len(shared) / min(len(demand_words), 40)
    return min(1.0, round(share * 2, 2)), sorted(shared)[:5]


def _texts(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return " ".join(value.get("text", {}).values())
    return " ".join(value.text.values())


# --- loading ------------------------------------------------------------------------------------


def candidates_for(demand: Demand) -> list[Candidate]:
    """Every member organisation, with its signals for this demand. A bounded number of queries:
    the organisations, their key areas, their countries of activity, and their projects."""
    tax = taxonomy()
    demand_country = tax.countries.get(demand.country_id)
    region = demand_country.region if demand_country else None
    neighbours = (
        {code for code, c in tax.countries.items() if c.region_id == region.code}
        - {demand.country_id}
        if region is not None and region.along_route
        else set()
    )
    area_name = str(demand.area.name) if demand.area_id else ""
    demand_words = words_of(f"{_texts(demand.title)} {_texts(demand.description)}")
    language = demand.language

    members = Organization.objects.filter(status=Organization.Status.MEMBER)
    rows = list(
        members.values_list("pk", "country_id", "working_languages", "description", "sort_name")
    )
    member_ids = members.values("pk")
    in_area = set(
        Organization.areas.through.objects.filter(
            organization_id__in=member_ids, keyarea_id=demand.area_id
        ).values_list("organization_id", flat=True)
    )
    countries: dict[int, set[str]] = defaultdict(set)
    for org_id, code in Organization.countries_of_activity.through.objects.filter(
        organization_id__in=member_ids, country_id__in={demand.country_id, *neighbours}
    ).values_list("organization_id", "country_id"):
        countries[org_id].add(code)
    completed: dict[int, int] = defaultdict(int)
    project_words: dict[int, set[str]] = defaultdict(set)
    projects = Project.objects.filter(area_id=demand.area_id)
    for lead_id, status, title in projects.values_list("lead_id", "status", "title")[:5000]:
        if status == Project.Status.COMPLETED:
            completed[lead_id] += 1
        if title:
            project_words[lead_id] |= words_of(_texts(title))
    for org_id in Project.partners.through.objects.filter(
        project__area_id=demand.area_id, project__status=Project.Status.COMPLETED
    ).values_list("organization_id", flat=True)[:5000]:
        completed[org_id] += 1

    place_name = country_name(demand.country_id, _current_language())
    candidates = []
    for pk, home, languages, description, sort_name in rows:
        reasons: list[dict] = []
        area = 1.0 if pk in in_area else 0.0
        if area:
            reasons.append(
                {
                    "signal": "area",
                    "text": _("Works in the key area %(area)s.") % {"area": area_name},
                }
            )
        where = countries[pk] | {home}
        place = 0.0
        if demand.country_id in where:
            place = 1.0
            text = (
                _("Based in %(country)s.")
                if home == demand.country_id
                else _("Works in %(country)s.")
            ) % {"country": place_name}
            reasons.append({"signal": "place", "text": text})
        elif where & neighbours:
            place = 0.5
            near = sorted(where & neighbours)[0]
            reasons.append(
                {
                    "signal": "place",
                    "text": _("Works in %(country)s, a neighbouring country on the route.")
                    % {"country": country_name(near, _current_language())},
                }
            )
        speaks = 1.0 if language in (languages or []) else 0.0
        if speaks:
            reasons.append(
                {
                    "signal": "language",
                    "text": _("Works in %(language)s, the language of the demand.")
                    % {"language": language_name(language)},
                }
            )
        done = completed.get(pk, 0)
        track = min(done, TRACK_RECORD_FULL) / TRACK_RECORD_FULL
        if done:
            reasons.append(
                {
                    "signal": "track_record",
                    "text": ngettext(
                        "Has completed %(count)d project in this key area.",
                        "Has completed %(count)d projects in this key area.",
                        done,
                    )
                    % {"count": done},
                }
            )
        description_text = _texts(description)
        similarity, shared = text_similarity(
            demand_words, words_of(description_text) | project_words.get(pk, set())
        )
        if similarity:
            reasons.append(
                {
                    "signal": "text",
                    "text": _("Its description and projects use words of the demand: %(words)s.")
                    % {"words": ", ".join(shared)},
                }
            )
        candidates.append(
            Candidate(
                organization_id=pk,
                signals=Signals(
                    area=area,
                    place=place,
                    language=speaks,
                    track_record=round(track, 2),
                    text=similarity,
                ),
                reasons=tuple(reasons),
                sort_name=sort_name or "",
            )
        )
    return candidates


def _current_language() -> str:
    from django.utils.translation import get_language

    return get_language() or "en"


def matches_for(demand: Demand, top: int | None = TOP) -> list[Match]:
    """The ranked, explained matches of a demand, with their organisations loaded."""
    matches = rank(candidates_for(demand), top=top)
    organizations = Organization.objects.select_related("country").in_bulk(
        [m.organization_id for m in matches]
    )
    for match in matches:
        match.organization = organizations.get(match.organization_id)
    return matches
