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

import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.models import Demand, Project
from core.languages import language_name
from core.models import country_name, key_area_name
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
    why: dict = field(default_factory=dict)  # what its reasons name, in no language (why_of)


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


@dataclass(frozen=True)
class OrganizationFacts:
    """What matching needs to know of one member organisation."""

    pk: int
    home: str
    countries: frozenset[str]  # home and countries of activity
    areas: frozenset[str]
    languages: frozenset[str]
    words: frozenset[str]  # of its description and its projects' titles
    completed: dict[str, int]  # completed projects (lead or partner) by key area
    sort_name: str


PROJECT_TITLES_PER_ORGANIZATION = 20
INDEX_CACHE_KEY = "cooperation:matching-index"
_index: dict = {}


def organization_index() -> list[OrganizationFacts]:
    """Every member organisation's facts, built once per process and kept while organisations
    and projects do not change (their data versions), so that ranking a demand against ten
    thousand organisations reads nothing but the versions. A token in the shared cache is part
    of the key: clearing the cache builds the index again."""
    from django.core.cache import cache

    from core import data_versions

    version = data_versions.current(data_versions.ORGANIZATIONS, data_versions.PROJECTS)
    token = cache.get(INDEX_CACHE_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(INDEX_CACHE_KEY, token, None)
    key = (version, token)
    if _index.get("key") != key:
        _index.clear()
        _index.update(key=key, facts=build_index())
    return _index["facts"]


def build_index() -> list[OrganizationFacts]:
    members = Organization.objects.filter(status=Organization.Status.MEMBER)
    member_ids = members.values("pk")
    areas: dict[int, set[str]] = defaultdict(set)
    for org_id, area in Organization.areas.through.objects.filter(
        organization_id__in=member_ids
    ).values_list("organization_id", "keyarea_id"):
        areas[org_id].add(area)
    countries: dict[int, set[str]] = defaultdict(set)
    for org_id, code in Organization.countries_of_activity.through.objects.filter(
        organization_id__in=member_ids
    ).values_list("organization_id", "country_id"):
        countries[org_id].add(code)
    completed: dict[int, dict[str, int]] = defaultdict(dict)
    done = Project.objects.filter(status=Project.Status.COMPLETED)
    for org_id, area, count in (
        done.order_by().values_list("lead_id", "area_id").annotate(n=Count("pk"))
    ):
        completed[org_id][area] = completed[org_id].get(area, 0) + count
    for org_id, area, count in (
        Project.partners.through.objects.filter(project__status=Project.Status.COMPLETED)
        .order_by()
        .values_list("organization_id", "project__area_id")
        .annotate(n=Count("pk"))
    ):
        completed[org_id][area] = completed[org_id].get(area, 0) + count
    titles: dict[int, set[str]] = defaultdict(set)
    seen: dict[int, int] = defaultdict(int)
    for lead_id, title in (
        Project.objects.filter(lead_id__in=member_ids)
        .order_by("-pk")
        .values_list("lead_id", "title")
        .iterator(chunk_size=2000)
    ):
        if seen[lead_id] < PROJECT_TITLES_PER_ORGANIZATION and title:
            seen[lead_id] += 1
            titles[lead_id] |= words_of(_texts(title))
    facts = []
    for pk, home, languages, description, sort_name in members.values_list(
        "pk", "country_id", "working_languages", "description", "sort_name"
    ).iterator(chunk_size=2000):
        facts.append(
            OrganizationFacts(
                pk=pk,
                home=home,
                countries=frozenset(countries.get(pk, set()) | {home}),
                areas=frozenset(areas.get(pk, ())),
                languages=frozenset(languages or ()),
                words=frozenset(words_of(_texts(description)) | titles.get(pk, set())),
                completed=completed.get(pk, {}),
                sort_name=sort_name or "",
            )
        )
    return facts


@dataclass(frozen=True)
class DemandFacts:
    country: str
    neighbours: frozenset[str]
    area: str
    language: str
    words: frozenset[str]


def demand_facts(demand: Demand) -> DemandFacts:
    return DemandFacts(
        country=demand.country_id,
        neighbours=_neighbours(demand.country_id),
        area=demand.area_id,
        language=demand.language,
        words=frozenset(words_of(f"{_texts(demand.title)} {_texts(demand.description)}")),
    )


def _neighbours(country_id: str) -> frozenset[str]:
    """The other countries of the country's route region (none off the route)."""
    tax = taxonomy()
    demand_country = tax.countries.get(country_id)
    region = demand_country.region if demand_country else None
    if region is None or not region.along_route:
        return frozenset()
    same_region = {code for code, c in tax.countries.items() if c.region_id == region.code}
    return frozenset(same_region - {country_id})


def signals_of(facts: DemandFacts, org: OrganizationFacts) -> Signals:
    if facts.country in org.countries:
        place = 1.0
    elif org.countries & facts.neighbours:
        place = 0.5
    else:
        place = 0.0
    done = org.completed.get(facts.area, 0)
    return Signals(
        area=1.0 if facts.area in org.areas else 0.0,
        place=place,
        language=1.0 if facts.language in org.languages else 0.0,
        track_record=round(min(done, TRACK_RECORD_FULL) / TRACK_RECORD_FULL, 2),
        text=text_similarity(facts.words, org.words)[0],
    )


def why_of(facts: DemandFacts, org: OrganizationFacts) -> dict:
    """What the reasons of a match name, in no language (kept with a stored match): the
    country of its place ("home", "works" or "near" and the country), its completed projects in
    the key area and the words it shares with the demand."""
    why: dict = {}
    if facts.country in org.countries:
        why["place"] = ["home" if org.home == facts.country else "works", facts.country]
    elif org.countries & facts.neighbours:
        why["place"] = ["near", sorted(org.countries & facts.neighbours)[0]]
    done = org.completed.get(facts.area, 0)
    if done:
        why["done"] = done
    similarity, shared = text_similarity(facts.words, org.words)
    if similarity:
        why["words"] = shared
    return why


@functools.lru_cache(maxsize=32)
def _sentences(language: str) -> dict[str, str]:
    """The reasons' sentences in a language (the active one), looked up once per process: a
    demand page's ten matches asked for some forty of them."""
    return {
        "area": _("Works in the key area %(area)s."),
        "near": _("Works in %(country)s, a neighbouring country on the route."),
        "home": _("Based in %(country)s."),
        "works": _("Works in %(country)s."),
        "language": _("Works in %(language)s, the language of the demand."),
        "text": _("Its description and projects use words of the demand: %(words)s."),
    }


def reasons_from(demand: Demand, signals: Signals, why: dict) -> list[dict]:
    """The plain words for each signal that counts, in the reader's language."""
    language_now = _current_language()
    sentences = _sentences(language_now)
    reasons: list[dict] = []
    if signals.area:
        area_name = key_area_name(demand.area_id, language_now)
        reasons.append({"signal": "area", "text": sentences["area"] % {"area": area_name}})
    place = why.get("place")
    if place:
        kind, country = place
        text = sentences[kind if kind in ("near", "home") else "works"]
        reasons.append(
            {"signal": "place", "text": text % {"country": country_name(country, language_now)}}
        )
    if signals.language:
        reasons.append(
            {
                "signal": "language",
                "text": sentences["language"] % {"language": language_name(demand.language)},
            }
        )
    done = why.get("done", 0)
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
    if why.get("words"):
        reasons.append(
            {
                "signal": "text",
                "text": sentences["text"] % {"words": ", ".join(why["words"])},
            }
        )
    return reasons


def reasons_for(demand: Demand, facts: DemandFacts, org: OrganizationFacts) -> list[dict]:
    """The plain words for each signal that counts, in the reader's language."""
    return reasons_from(demand, signals_of(facts, org), why_of(facts, org))


def candidates_for(demand: Demand) -> list[Candidate]:
    """Every member organisation with its signals for this demand (reasons come later, for the
    few that are shown)."""
    facts = demand_facts(demand)
    return [
        Candidate(organization_id=org.pk, signals=signals_of(facts, org), sort_name=org.sort_name)
        for org in organization_index()
    ]


def _current_language() -> str:
    from django.utils.translation import get_language

    return get_language() or "en"


def _quick_scores(facts: DemandFacts, index) -> list[float]:
    """Each organisation's score as Signals.score() gives it (to a hundredth, the rounding
    aside), without building its Signals: used to pick the few worth ranking exactly."""
    words = facts.words
    shown_words = min(len(words), 40)
    area, country, neighbours = facts.area, facts.country, facts.neighbours
    language = facts.language
    scores = []
    for org in index:
        if country in org.countries:
            place = 1.0
        elif org.countries & neighbours:
            place = 0.5
        else:
            place = 0.0
        text = (
            min(1.0, round(len(words & org.words) / shown_words * 2, 2))
            if words and org.words
            else 0.0
        )
        scores.append(
            30.0 * (area in org.areas)
            + 25.0 * place
            + 10.0 * (language in org.languages)
            + 15.0
            * round(min(org.completed.get(area, 0), TRACK_RECORD_FULL) / TRACK_RECORD_FULL, 2)
            + 20.0 * text
        )
    return scores


def _worth_ranking(demand: Demand, top: int | None) -> list[Candidate]:
    """The candidates whose exact rank can put them among the `top`: every one when all are
    wanted, else those whose quick score is within two hundredths of the top-th best (an
    exact score differs from the quick one by less than a hundredth)."""
    if top is None:
        return candidates_for(demand)
    facts = demand_facts(demand)
    index = organization_index()
    quick = _quick_scores(facts, index)
    positive = sorted((score for score in quick if score > 0), reverse=True)
    floor = positive[top - 1] - 0.02 if top and len(positive) > top else 0.0
    return [
        Candidate(organization_id=org.pk, signals=signals_of(facts, org), sort_name=org.sort_name)
        for org, score in zip(index, quick, strict=True)
        if score > 0 and score >= floor
    ]


def matches_for(demand: Demand, top: int | None = TOP) -> list[Match]:
    """The ranked, explained matches of a demand, with their organisations loaded. Ten of ten
    thousand members: the exact signals are worked out for the few that can be among them."""
    matches = rank(_worth_ranking(demand, top), top=top)
    facts = demand_facts(demand)
    by_pk = {org.pk: org for org in organization_index()}
    for match in matches:
        match.reasons = reasons_for(demand, facts, by_pk[match.organization_id])
    organizations = Organization.objects.select_related("country").in_bulk(
        [m.organization_id for m in matches]
    )
    for match in matches:
        match.organization = organizations.get(match.organization_id)
    return matches


# --- many demands at once (the stored matches) -----------------------------------------------

# Without the key area, a place or a track record an organisation scores at most this much (its
# language and the text): when the top matches all score more, no such organisation is looked at.
WEAK_MAX = WEIGHTS["language"] + WEIGHTS["text"]
ROUNDING = 0.02  # an exact score differs from the sum of its rounded parts by less than this


def best_matches(
    demands: list[Demand], top: int = TOP, index: list[OrganizationFacts] | None = None
) -> dict[int, list[Match]]:
    """The top matches of many demands, each exactly as `rank` orders every member for it (with
    `why` filled, reasons not written), fast enough for every demand of the network.

    Demands of the same country, key area and language share every signal but the text one.
    For each such group the organisations that have the key area, a place (the country or a
    neighbour) or a track record in the area are sorted once by the sum of those signals; for
    each demand they are scored in that order until the text (at most 20) can no longer lift
    one into the top. Every other organisation scores at most WEAK_MAX, so is looked at only
    when the top does not already score more. Scores are summed in the order Signals.score()
    sums them, so they are the same numbers to the last bit."""
    index = organization_index() if index is None else index
    by_area: dict[str, set[int]] = defaultdict(set)
    by_country: dict[str, list[int]] = defaultdict(list)
    by_language: dict[str, set[int]] = defaultdict(set)
    tracks: dict[str, dict[int, float]] = defaultdict(dict)
    for position, org in enumerate(index):
        for area in org.areas:
            by_area[area].add(position)
        for code in org.countries:
            by_country[code].append(position)
        for language in org.languages:
            by_language[language].add(position)
        for area, done in org.completed.items():
            if done:
                tracks[area][position] = round(min(done, TRACK_RECORD_FULL) / TRACK_RECORD_FULL, 2)
    groups: dict[tuple, list[tuple[Demand, DemandFacts]]] = defaultdict(list)
    for demand in demands:
        facts = demand_facts(demand)
        groups[(facts.country, facts.area, facts.language, facts.neighbours)].append(
            (demand, facts)
        )
    found: dict[int, list[Match]] = {}
    for (country, area, language, neighbours), members in groups.items():
        place: dict[int, float] = {}
        for code in neighbours:
            for position in by_country.get(code, ()):
                place[position] = 0.5
        for position in by_country.get(country, ()):
            place[position] = 1.0
        has_area = by_area.get(area, set())
        track = tracks.get(area, {})
        speaks = by_language.get(language, set())
        strong = has_area | track.keys() | place.keys()

        group = (has_area, place, speaks, track)
        known = _parts(strong, group)
        ordered = sorted(strong, key=lambda position: -known[position][0])
        rows = [(known[position][0], position, index[position].words) for position in ordered]
        weak = None
        for demand, facts in members:
            scored = _scored(rows, facts.words, top, everyone=False)
            best = sorted((row[0] for row in scored), reverse=True)[:top]
            if len(best) < top or best[-1] <= WEAK_MAX + ROUNDING:
                if weak is None:
                    known.update(_parts((p for p in range(len(index)) if p not in strong), group))
                    weak = [
                        (known[position][0], position, index[position].words)
                        for position in range(len(index))
                        if position not in strong
                    ]
                scored += _scored(weak, facts.words, top, everyone=True)
            best = sorted((row[0] for row in scored), reverse=True)[:top]
            # Only those that can be among the top, in the order rank() gives them.
            scored = [row for row in scored if len(best) < top or row[0] >= best[-1]]
            scored.sort(key=lambda row: (-row[0], index[row[1]].sort_name, index[row[1]].pk))
            matches = []
            for value, position, text in scored[:top]:
                _partial, a, p, lang, t = known[position]
                org = index[position]
                matches.append(
                    Match(
                        organization_id=org.pk,
                        score=value,
                        signals=Signals(area=a, place=p, language=lang, track_record=t, text=text),
                        why=why_of(facts, org),
                    )
                )
            found[demand.pk] = matches
    return found


def _parts(positions, group: tuple) -> dict[int, tuple[float, float, float, float, float]]:
    """Each organisation's score without the text, and its area, place, language and track
    record signals, for a group of demands (best_matches)."""
    has_area, place, speaks, track = group
    w_area, w_place, w_language, w_track = (
        WEIGHTS["area"],
        WEIGHTS["place"],
        WEIGHTS["language"],
        WEIGHTS["track_record"],
    )
    found = {}
    for position in positions:
        a = 1.0 if position in has_area else 0.0
        p = place.get(position, 0.0)
        lang = 1.0 if position in speaks else 0.0
        t = track.get(position, 0.0)
        # As sum() in Signals.score() adds them: from 0, in the order of WEIGHTS, the text last.
        found[position] = (
            0 + w_area * a + w_place * p + w_language * lang + w_track * t,
            a,
            p,
            lang,
            t,
        )
    return found


def _scored(rows, words, top: int, *, everyone: bool) -> list[tuple[float, int, float]]:
    """(score, position, text) of the organisations of `rows` (partial score, position, words;
    best partial first) that can be among the `top` for a demand of these words: the text
    signal as text_similarity works it out, the score as Signals.score() sums it. Unless
    `everyone`, stops where the text (at most 20) can no longer lift one into the top."""
    import heapq

    shown = min(len(words), 40)
    w_text = WEIGHTS["text"]
    best: list[float] = []  # the `top` best scores so far (a heap: the lowest first)
    floor = -1.0  # below it, with the text at its most, none can reach the top
    found = []
    for partial, position, org_words in rows:
        if partial < floor and not everyone:
            break
        shared = len(words & org_words) if words and org_words else 0
        text = min(1.0, round(shared / shown * 2, 2)) if shared else 0.0
        value = round(partial + w_text * text, 2)
        if value <= 0:
            continue
        if len(best) < top:
            heapq.heappush(best, value)
        elif value >= best[0]:
            heapq.heappushpop(best, value)
        else:
            continue  # below the top already found
        found.append((value, position, text))
        if len(best) >= top:
            floor = best[0] - ROUNDING - w_text
    return found


def digests(index: list[OrganizationFacts]) -> dict[int, str]:
    """Each organisation's digest of everything matching reads of it and its projects: an
    organisation whose digest is unchanged ranks as before for every demand."""
    import hashlib

    return {
        org.pk: hashlib.blake2b(
            repr(
                (
                    org.home,
                    sorted(org.countries),
                    sorted(org.areas),
                    sorted(org.languages),
                    sorted(org.words),
                    sorted(org.completed.items()),
                    org.sort_name,
                )
            ).encode(),
            digest_size=8,
        ).hexdigest()
        for org in index
    }


def demands_moved_by(changed: set[int], index: list[OrganizationFacts]) -> set[int]:
    """The demands whose stored top matches can differ from their ranking once these
    organisations changed (`index`: every member organisation as it is now; a changed one
    missing from it is no longer a member). Only a changed organisation's signals changed, so
    a demand's top can move only where one of them is among its stored matches (its score or
    reasons changed, or it left and the next one comes in), or where one of them, as it is
    now, scores enough to enter it: at least the last stored score (any score above zero where
    fewer than TOP are stored). The score without the text, shared by every demand of one
    country, key area and language, decides most demands at once; the text is read only for
    those it can lift in."""
    from cooperation.models import DemandMatch

    changed = set(changed)
    live = Demand.objects.exclude(moderation=Demand.Moderation.MERGED)
    moved: set[int] = set()
    ids = sorted(changed)
    for start in range(0, len(ids), 500):
        moved.update(
            DemandMatch.objects.filter(organization_id__in=ids[start : start + 500]).values_list(
                "demand_id", flat=True
            )
        )
    gone = changed - {org.pk for org in index}
    if gone and Organization.objects.filter(pk__in=gone).count() < len(gone):
        # An organisation deleted took its stored matches with it: the demands it was among
        # have fewer than TOP left (as has every demand any newcomer with a score enters).
        short = DemandMatch.objects.values("demand").annotate(n=Count("pk")).filter(n__lt=TOP)
        moved.update(row["demand"] for row in short)
        moved.update(
            live.exclude(pk__in=DemandMatch.objects.values("demand")).values_list("pk", flat=True)
        )
    now = [org for org in index if org.pk in changed]
    if not now:
        return moved
    # The last of TOP stored scores; a demand missing here keeps fewer than TOP.
    floors = dict(DemandMatch.objects.filter(rank=TOP).values_list("demand_id", "score"))

    def enters(score: float, floor: float | None) -> bool:
        return score > 0 and (floor is None or score >= floor - ROUNDING)

    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for pk, country, area, language in live.values_list(
        "pk", "country_id", "area_id", "title__original"
    ).iterator(chunk_size=5000):
        if pk not in moved:
            groups[(country, area, language or "")].append(pk)
    unsure: list[int] = []
    neighbours: dict[str, frozenset[str]] = {}
    for (country, area, language), pks in groups.items():
        if country not in neighbours:
            neighbours[country] = _neighbours(country)
        facts = DemandFacts(
            country=country,
            neighbours=neighbours[country],
            area=area,
            language=language,
            words=frozenset(),
        )
        without_text = [(signals_of(facts, org).score(), bool(org.words)) for org in now]
        surely = max(score for score, _words in without_text)
        at_most = max(score + WEIGHTS["text"] if words else score for score, words in without_text)
        for pk in pks:
            floor = floors.get(pk)
            if enters(surely, floor):
                moved.add(pk)
            elif enters(at_most, floor):
                unsure.append(pk)
    for start in range(0, len(unsure), 2000):
        for demand in Demand.objects.filter(pk__in=unsure[start : start + 2000]).only(
            "pk", "title", "description", "country_id", "area_id"
        ):
            facts = demand_facts(demand)
            floor = floors.get(demand.pk)
            if any(enters(signals_of(facts, org).score(), floor) for org in now):
                moved.add(demand.pk)
    return moved
