"""The pass where every address is different, as real readers ask: a profile nobody opened yet,
a search word, a filter combination on some page, each in one of the six languages, each asked
once on the server as served (the real cache on, but nothing cached for that address).

What is asked is drawn from the data itself (names of sampled organisations, in their own
scripts), with a fixed seed so two runs ask the same addresses:
- a name search: the most distinctive word of a name, sometimes with the next one (a few
  characters of a Chinese or Thai name);
- the start of such a word being typed (three to five letters);
- such a word with one typo (a letter changed, missing or swapped);
- and, as a kind of its own, a word most names share or a word of a key area ("Foundation",
  "network", "health"), which finds a large part of the network.
"""

import random
import statistics
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable

LANGUAGES = ["en", "zh-hans", "ru", "ar", "fr", "es"]
AREAS = [
    "poverty-relief",
    "education",
    "health",
    "environmental-protection",
    "youth-training",
    "job-creation",
]
COMMON_WORDS = [
    "health",
    "youth",
    "water",
    "education",
    "women",
    "network",
    "development",
    "rural",
    "green",
    "foundation",
]
SPACELESS = ("\u0e00", "\u0eff", "\u3040", "\u9fff")


def _spaceless(text: str) -> bool:
    return any(SPACELESS[0] <= c <= SPACELESS[1] or SPACELESS[2] <= c <= SPACELESS[3] for c in text)


def _words_of(name: str) -> list[str]:
    return [w.strip("\"'«»„“”()") for w in name.split() if len(w.strip("\"'«»„“”()")) > 2]


class Queries:
    """Search words drawn from the names of sampled organisations, as someone looking for one
    of them types them: its most distinctive word (the rarest among the names), sometimes with
    the next word, the start of it, or it with a typo. Words that most names share
    ("Foundation", "Network") are asked in a kind of their own (`common`)."""

    def __init__(self, rng: random.Random, names: list[str]):
        self.rng = rng
        self.names = names
        self.frequency = Counter(w.casefold() for name in names for w in set(_words_of(name)))

    def name_words(self) -> str:
        name = self.rng.choice(self.names)
        if _spaceless(name):
            start = self.rng.randrange(max(1, len(name) - 2))
            return name[start : start + self.rng.choice([1, 2, 2, 3, 4])]
        words = _words_of(name)
        if not words:
            return name
        rarest = min(range(len(words)), key=lambda i: (self.frequency[words[i].casefold()], i))
        return " ".join(words[rarest : rarest + self.rng.choice([1, 1, 1, 2])])

    def common(self) -> str:
        """A word many names share, or a word of a key area."""
        shared = [word for word, n in self.frequency.most_common(12)]
        return self.rng.choice(shared + COMMON_WORDS)

    def prefix(self) -> str:
        word = self.name_words().split()[0]
        return word[: self.rng.choice([3, 4, 5])] if not _spaceless(word) else word[:1]

    def typo(self) -> str:
        for _attempt in range(20):
            word = self.rng.choice(self.name_words().split())
            if len(word) >= 6 and not _spaceless(word) and word.isalpha():
                i = self.rng.randrange(1, len(word) - 1)
                kind = self.rng.choice(["change", "drop", "swap"])
                if kind == "change":
                    return word[:i] + self.rng.choice("aeiou") + word[i + 1 :]
                if kind == "drop":
                    return word[:i] + word[i + 1 :]
                return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        return "helth"

    def any(self) -> str:
        draw = self.rng.random()
        if draw < 0.55:
            return self.name_words()
        if draw < 0.8:
            return self.prefix()
        return self.typo()


EVENT_KINDS = ["forum", "conference", "training", "visit", "festival", "webinar"]


def addresses(rng: random.Random, organizations: list[dict], per_kind: int) -> dict[str, list[str]]:
    """For each kind of address, `per_kind` different addresses."""
    names = [name for item in organizations for name in item["names"].values()]
    countries = sorted({item["country"] for item in organizations})
    regions = sorted({item["region"] for item in organizations})
    queries = Queries(rng, names)

    def q(text: str) -> str:
        return urllib.parse.quote(text)

    def lang() -> str:
        return rng.choice(LANGUAGES)

    def filters() -> str:
        chosen = {}
        for name, values in (
            ("country", countries),
            ("region", regions),
            ("area", AREAS),
            ("language", LANGUAGES),
        ):
            if rng.random() < 0.35:
                chosen[name] = rng.choice(values)
        if not chosen:
            chosen["area"] = rng.choice(AREAS)
        if rng.random() < 0.2:
            chosen["sort"] = rng.choice(["newest", "country"])
        chosen["page"] = str(rng.choice([1, 1, 2, 3, 5, 8, 13, 40]))
        return urllib.parse.urlencode(chosen)

    def event_filters() -> str:
        chosen = {}
        for name, values in (
            ("country", countries),
            ("area", AREAS),
            ("kind", EVENT_KINDS),
            ("when", ["upcoming", "past"]),
        ):
            if rng.random() < 0.35:
                chosen[name] = rng.choice(values)
        if not chosen:
            chosen["kind"] = rng.choice(EVENT_KINDS)
        chosen["page"] = str(rng.choice([1, 1, 2, 3, 5]))
        return urllib.parse.urlencode(chosen)

    slugs = [item["slug"] for item in organizations]
    rng.shuffle(slugs)
    shapes: dict[str, Callable[[int], str]] = {
        "profile": lambda i: f"/{lang()}/members/{slugs[i % len(slugs)]}/",
        "directory: filters and page": lambda i: f"/{lang()}/members/?{filters()}",
        "directory: name search": lambda i: f"/{lang()}/members/?q={q(queries.any())}",
        "site search": lambda i: (
            f"/{lang()}/search/?q={q(queries.any())}"
            + (f"&page={rng.choice([2, 3])}" if rng.random() < 0.15 else "")
            + (f"&area={rng.choice(AREAS)}" if rng.random() < 0.15 else "")
        ),
        "API search": lambda i: (
            f"/api/v1/search?q={q(queries.any())}&offset={rng.choice([0, 0, 0, 20])}"
        ),
        "site search: a common word": lambda i: (
            f"/{lang()}/search/?q={q(queries.common())}"
            + (f"&page={rng.choice([2, 3])}" if rng.random() < 0.3 else "")
            + (f"&country={rng.choice(countries)}" if rng.random() < 0.3 else "")
        ),
        "API organisations": lambda i: (
            f"/api/v1/organizations?{filters().replace('page=', 'offset=')}"
        ),
        "events: filters and page": lambda i: f"/{lang()}/events/?{event_filters()}",
        "events: month calendar": lambda i: (
            f"/{lang()}/events/?view=month&month={rng.randint(2018, 2028)}-{rng.randint(1, 12):02d}"
            + (f"&kind={rng.choice(EVENT_KINDS)}" if rng.random() < 0.3 else "")
        ),
        "API events": lambda i: f"/api/v1/events?{event_filters().replace('page=', 'offset=')}",
        "events.ics: a filter": lambda i: (
            f"/events.ics?country={rng.choice(countries)}&kind={rng.choice(EVENT_KINDS)}"
        ),
    }
    chosen: dict[str, list[str]] = {}
    for kind, shape in shapes.items():
        seen: set[str] = set()
        attempts = 0
        while len(seen) < per_kind and attempts < per_kind * 20:
            seen.add(shape(len(seen)))
            attempts += 1
        chosen[kind] = sorted(seen)
        rng.shuffle(chosen[kind])
    return chosen


# Kinds added for the cooperation, events and consultation pages (issues 10 and 11). Drawn
# with a generator of their own, so the kinds above ask the same addresses as before.
DEMAND_STATUSES = ["open", "matched", "in_progress", "met", "closed"]
URGENCIES = ["low", "medium", "high", "critical"]
PROJECT_STATUSES = ["planned", "active", "completed", "cancelled"]
# Signed in as the Secretariat: a demand's ranked, explained matches are shown to moderators
# (and to each matched organisation's staff, its own match only).
SECRETARIAT_KINDS = ("demand page with its matches (Secretariat)",)


def sample_ids(get_json: Callable[[str], dict], rng: random.Random) -> dict[str, list[int]]:
    """Ids of demands, projects, events and consultations, read through the API (a few pages
    at random offsets): what the kinds below ask for."""
    ids: dict[str, list[int]] = {}
    for name, address in (
        ("demands", "/api/v1/demands"),
        ("projects", "/api/v1/projects"),
        ("events", "/api/v1/events"),
        ("consultations", "/api/v1/consultations"),
    ):
        count = get_json(f"{address}?limit=1")["count"]
        offsets = sorted(rng.sample(range(max(1, count - 100)), min(6, max(1, count - 100))))
        found: set[int] = set()
        for offset in offsets:
            found.update(
                item["id"] for item in get_json(f"{address}?limit=100&offset={offset}")["items"]
            )
        ids[name] = sorted(found)
    comments = {}
    for consultation in ids["consultations"]:
        comments[consultation] = get_json(f"/api/v1/consultations/{consultation}/comments?limit=1")[
            "count"
        ]
    ids["comment_counts"] = comments  # type: ignore[assignment]
    return ids


def more_addresses(
    rng: random.Random, organizations: list[dict], ids: dict, per_kind: int
) -> dict[str, list[str]]:
    """The every-address-different kinds of the demands, projects, an event's page and the
    consultations: for each, `per_kind` different addresses (fewer where fewer exist)."""
    countries = sorted({item["country"] for item in organizations})
    consultations = ids["consultations"]
    comment_counts = ids["comment_counts"]
    busiest = sorted(consultations, key=lambda pk: -comment_counts.get(pk, 0))[:10]

    def lang() -> str:
        return rng.choice(LANGUAGES)

    def chosen(options: list[tuple[str, list]], pages: list[int], page_name: str) -> str:
        picked = {name: rng.choice(values) for name, values in options if rng.random() < 0.35}
        if not picked:
            name, values = rng.choice(options)
            picked[name] = rng.choice(values)
        picked[page_name] = str(rng.choice(pages))
        return urllib.parse.urlencode(picked)

    demand_filters = [
        ("country", countries),
        ("area", AREAS),
        ("status", DEMAND_STATUSES),
        ("urgency", URGENCIES),
    ]
    project_filters = [
        ("country", countries),
        ("area", AREAS),
        ("status", PROJECT_STATUSES),
        ("sdg", [str(n) for n in range(1, 18)]),
    ]
    pages = [1, 1, 2, 3, 5, 8]
    offsets = [0, 0, 20, 40, 100, 160]

    def comment_offset(pk: int) -> int:
        return rng.randrange(0, max(1, comment_counts.get(pk, 0) - 20))

    shapes: dict[str, Callable[[], str]] = {
        "demand page with its matches (Secretariat)": lambda: (
            f"/{lang()}/demands/{rng.choice(ids['demands'])}/"
        ),
        "demands: filters and page": lambda: (
            f"/{lang()}/demands/?{chosen(demand_filters, pages, 'page')}"
        ),
        "projects: filters and page": lambda: (
            f"/{lang()}/projects/?{chosen(project_filters, pages, 'page')}"
        ),
        "API demands": lambda: f"/api/v1/demands?{chosen(demand_filters, offsets, 'offset')}",
        "API projects": lambda: f"/api/v1/projects?{chosen(project_filters, offsets, 'offset')}",
        "event page": lambda: f"/{lang()}/events/{rng.choice(ids['events'])}/",
        "consultation: a later comment page": lambda: (
            f"/{lang()}/consultations/{rng.choice(busiest)}/?page={rng.randint(2, 50)}"
        ),
        "consultations list": lambda: f"/{lang()}/consultations/?page={rng.choice([1, 1, 2, 3])}",
        "API consultations": lambda: (
            f"/api/v1/consultations?offset={rng.randrange(0, max(1, len(consultations)))}"
            f"&limit={rng.choice([5, 10, 20])}"
        ),
        "API comments": lambda: (
            f"/api/v1/consultations/{(pk := rng.choice(busiest))}/comments"
            f"?offset={comment_offset(pk)}"
        ),
        # Added last, so that the kinds above still draw the same addresses.
        "demand page (a visitor)": lambda: f"/{lang()}/demands/{rng.choice(ids['demands'])}/",
        "project page": lambda: f"/{lang()}/projects/{rng.choice(ids['projects'])}/",
        "API demand": lambda: f"/api/v1/demands/{rng.choice(ids['demands'])}",
        "API project": lambda: f"/api/v1/projects/{rng.choice(ids['projects'])}",
    }
    found: dict[str, list[str]] = {}
    for kind, shape in shapes.items():
        seen: set[str] = set()
        attempts = 0
        while len(seen) < per_kind and attempts < per_kind * 20:
            seen.add(shape())
            attempts += 1
        found[kind] = sorted(seen)
        rng.shuffle(found[kind])
    return found


def warm_up_paths(language: str, slug: str) -> list[str]:
    """What each worker is asked in each language before the pass, to load what a process
    reads once (templates, translations, the taxonomy, a snapshot of the members, the projects'
    table): no address measured in the pass."""
    return [
        f"/{language}/",
        f"/{language}/members/",
        f"/{language}/members/?sort=newest",
        f"/{language}/members/?sort=country",
        f"/{language}/members/{slug}/",
        f"/{language}/search/?q=warm",
        f"/{language}/members/?q=warm",
        f"/{language}/demands/?q=warm",
        f"/{language}/projects/?q=warm",
        f"/{language}/events/?q=warm",
        f"/{language}/consultations/?warm=1",
    ]


def spare_pages(ids: dict, more: dict[str, list[str]]) -> list[tuple[str, bool]]:
    """A demand, a project, an event and a consultation that no measured address asks for, to
    warm the workers up with: (path after the language, whether the Secretariat asks)."""
    measured = "\n".join(path for paths in more.values() for path in paths)
    spare = []
    for name, secretariat in (
        ("demands", True),
        ("demands", False),
        ("projects", False),
        ("events", False),
        ("consultations", False),
    ):
        for pk in ids[name]:
            if f"/{name}/{pk}/" not in measured:
                spare.append((f"/{name}/{pk}/", secretariat))
                break
    return spare


def run(
    base: str,
    fetch: Callable[[str, str], tuple[float, int, int, int]],
    anonymous: dict[str, list[str]],
    signed_in: dict[str, list[str]],
    cookie: str,
    floor: str = "/healthz",
    more: list[tuple[str, list[str], str]] = (),
) -> list[dict]:
    """Ask each address once, one client at a time; the figures of each kind. Signed-in
    readers ask addresses of their own (another draw), never cached as whole pages.

    The floor is asked just before each address, and each kind's ratio is to the floor
    measured during that kind: on a machine shared with other work the speed changes within
    minutes, and a floor measured once before the pass compared different moments."""
    rows = []
    visits = [(kind, paths, "") for kind, paths in anonymous.items()]
    visits += [(f"{kind} (signed in)", paths, cookie) for kind, paths in signed_in.items()]
    visits += list(more)  # (kind, addresses, cookie): the kinds of more_addresses
    for kind, paths, session in visits:
        times, queries, failures, timed, floors = [], [], [], [], []
        for path in paths:
            floors.append(fetch(base + floor, "")[0] * 1000)
            elapsed, status, count, _size = fetch(base + path, session)
            times.append(elapsed * 1000)
            timed.append((elapsed * 1000, path))
            queries.append(count)
            if status >= 400:
                failures.append(path)
        times.sort()
        rows.append(
            {
                "kind": kind,
                "signed_in": bool(session),
                "addresses": len(paths),
                "median_ms": statistics.median(times),
                "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
                "max_ms": times[-1],
                "floor_ms": statistics.median(floors),
                "queries": statistics.median(queries),
                "failures": failures,
                "example": paths[0],
                "slowest": sorted(timed, reverse=True)[:8],
            }
        )
        time.sleep(0.2)
    return rows
