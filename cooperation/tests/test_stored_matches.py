"""A demand's matches are kept (DemandMatch) and follow changes: of the demand, of the
organisations and of their projects. What is kept is what ranking every member gives."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from cooperation import matching, selectors, services
from cooperation.models import Demand, DemandMatch, MatchesRefresh, Project
from cooperation.tests.conftest import make_org
from cooperation.tests.test_matching import DEMANDS, ORGANISATIONS
from core.multilingual import MultilingualText
from members.models import Organization
from members.services import organization_change_status


@pytest.fixture
def network(db):
    return {
        slug: make_org(
            slug, country, areas=areas, languages=languages, description=text, activity=activity
        )
        for slug, country, areas, languages, text, activity in ORGANISATIONS
    }


def post(actor, title, country, area, language, description=None):
    return services.demand_submit(
        actor=actor,
        title=title,
        description=description or title,
        country=country,
        area=area,
        language=language,
    )


def written_long_ago(*demands):
    """As if these demands were written well before the last refresh read the organisations."""
    Demand.objects.filter(pk__in=[d.pk for d in demands]).update(
        updated_at=timezone.now() - timedelta(hours=1)
    )


def shown(demand):
    return [(m.organization.slug, m.score, m.reasons) for m in selectors.demand_matches(demand)]


def live(demand):
    matching._index.clear()  # changes made in a test's transaction are not counted: read anew
    return [(m.organization.slug, m.score, m.reasons) for m in matching.matches_for(demand)]


def test_a_posted_demand_keeps_the_matches_ranking_gives(network, secretariat):
    for title, country, area, language, _relevant in DEMANDS:
        demand = post(secretariat, title, country, area, language)
        assert shown(demand) == live(demand) and shown(demand)


WORDS = [
    "water",
    "school",
    "books",
    "clinic",
    "forest",
    "solar",
    "jobs",
    "training",
    "girls",
    "wells",
    "library",
    "farm",
]
COUNTRIES = ["CN", "KZ", "UZ", "KG", "TJ", "MN", "LA", "PE", "MA", "EG"]
AREAS = ["education", "health", "environmental-protection", "job-creation", "poverty-relief"]
LANGUAGES = ["en", "ru", "zh-hans", "fr", "ar", "es"]


def random_network(rng, organisations, demands):
    """Member organisations, projects and demands drawn from a few countries, areas, languages
    and words, so that many share signals; returns the demands."""
    for number in range(organisations):
        make_org(
            f"org-{number}",
            rng.choice(COUNTRIES),
            areas=rng.sample(AREAS, rng.randint(0, 2)),
            languages=rng.sample(LANGUAGES, rng.randint(0, 2)),
            description=" ".join(rng.sample(WORDS, rng.randint(0, 4))),
            activity=rng.sample(COUNTRIES, rng.randint(0, 2)),
        )
    leads = list(Organization.objects.all())
    for _ in range(15):
        Project.objects.create(
            title=MultilingualText.create(" ".join(rng.sample(WORDS, 2)), "en"),
            lead=rng.choice(leads),
            area_id=rng.choice(AREAS),
            status=rng.choice([Project.Status.COMPLETED, Project.Status.ACTIVE]),
        )
    return [
        Demand.objects.create(
            title=MultilingualText.create(" ".join(rng.sample(WORDS, 3)), rng.choice(LANGUAGES)),
            description=MultilingualText.create(" ".join(rng.sample(WORDS, 3)), "en"),
            country_id=rng.choice(COUNTRIES),
            area_id=rng.choice(AREAS),
        )
        for _ in range(demands)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("top", [1, 3, 10])
def test_many_demands_at_once_rank_as_every_member_ranked_for_each(db, seed, top):
    """best_matches skips members that cannot reach the top: never one that would."""
    rng = random.Random(seed)
    demands = random_network(rng, rng.choice([8, 40, 70]), 40)
    found = matching.best_matches(demands, top=top, index=matching.build_index())
    for demand in demands:
        everyone = matching.rank(matching.candidates_for(demand), top=top)
        assert [(m.organization_id, m.score, m.signals) for m in found[demand.pk]] == [
            (m.organization_id, m.score, m.signals) for m in everyone
        ]


def assert_every_demand_keeps_its_ranking(demands):
    """Each demand's stored matches are, row for row, what working it out again gives, and
    name the organisations ranking every member gives, with their scores."""
    matching._index.clear()  # changes made in a test's transaction are not counted: read anew
    again = matching.best_matches(demands, index=matching.build_index())
    for demand in demands:
        stored = list(
            DemandMatch.objects.filter(demand=demand)
            .order_by("rank")
            .values_list(
                "organization_id", "score", "area", "place", "language", "track_record", "why"
            )
        )
        expected = [
            (
                m.organization_id,
                m.score,
                m.signals.area,
                m.signals.place,
                m.signals.language,
                m.signals.track_record,
                m.why,
            )
            for m in again[demand.pk]
        ]
        assert stored == expected, demand
        everyone = matching.rank(matching.candidates_for(demand))
        assert [row[:2] for row in stored] == [(m.organization_id, m.score) for m in everyone]


def change_one_organisation(rng, organization, change):
    """One change of what matching reads of an organisation, as its services would save it."""
    if change == "areas":
        organization.areas.set(rng.sample(AREAS, rng.randint(0, 3)))
    elif change == "country":
        organization.country_id = rng.choice([c for c in COUNTRIES if c != organization.country_id])
        organization.save()
    elif change == "activity":
        organization.countries_of_activity.set(rng.sample(COUNTRIES, rng.randint(0, 3)))
    elif change == "languages":
        organization.working_languages = rng.sample(LANGUAGES, rng.randint(0, 3))
        organization.save()
    elif change == "description":
        words = " ".join(rng.sample(WORDS, rng.randint(0, 6)))
        organization.description = MultilingualText.create(words, "en") if words else None
        organization.save()
    elif change == "suspension":
        organization.status = Organization.Status.SUSPENDED
        organization.save()
    elif change == "name":  # the order of equal scores
        organization.name = MultilingualText.create("Aaa first among equals", "en")
        organization.save()
    elif change == "completed project":
        Project.objects.create(
            title=MultilingualText.create(" ".join(rng.sample(WORDS, 2)), "en"),
            lead=organization,
            area_id=rng.choice(AREAS),
            status=Project.Status.COMPLETED,
        )
    elif change == "partner":
        project = Project.objects.filter(status=Project.Status.COMPLETED).first()
        project.partners.add(organization)
    elif change == "deletion":
        organization.led_projects.all().delete()
        organization.delete()
    elif change == "new member":
        make_org(
            "newcomer",
            rng.choice(COUNTRIES),
            areas=rng.sample(AREAS, 2),
            languages=rng.sample(LANGUAGES, 2),
            description=" ".join(rng.sample(WORDS, 4)),
        )


CHANGES = [
    "areas",
    "country",
    "activity",
    "languages",
    "description",
    "suspension",
    "name",
    "completed project",
    "partner",
    "deletion",
    "new member",
]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("change", CHANGES)
def test_after_one_organisation_changed_every_demand_keeps_its_ranking(
    db, seed, change, django_capture_on_commit_callbacks
):
    """The refresh after a change works out again only some demands: every demand's stored
    matches are still its ranking, the organisation's matches before and after the change."""
    rng = random.Random(seed)
    demands = random_network(rng, 45, 60)
    services.matches_refresh(force=True, fresh=True)
    written_long_ago(*demands)
    # A well-matched one: among the stored matches of many demands.
    organization = Organization.objects.get(
        pk=rng.choice(list(DemandMatch.objects.values_list("organization_id", flat=True)))
    )
    last_row = DemandMatch.objects.order_by("-pk").values_list("pk", flat=True).first()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's refresh, at once
        change_one_organisation(rng, organization, change)
    assert_every_demand_keeps_its_ranking(demands)
    # Rows are written anew for each demand worked out again; the others keep theirs.
    rewritten = DemandMatch.objects.filter(pk__gt=last_row).values("demand").distinct().count()
    assert rewritten < len(demands)  # not every demand: those the change can move
    assert not MatchesRefresh.objects.get().leased_until  # the refresh ended
    assert services.matches_refresh() == 0  # nothing left to work out


def test_a_suspended_organisation_leaves_the_matches_at_once(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    demand = post(secretariat, "Books for our village school library", "CN", "education", "en")
    assert "yunnan-schools" in [slug for slug, _score, _reasons in shown(demand)]
    with django_capture_on_commit_callbacks(execute=True):
        organization_change_status(
            actor=secretariat,
            organization=network["yunnan-schools"],
            to_status=Organization.Status.SUSPENDED,
            reason="Unpaid dues",
        )
    assert "yunnan-schools" not in [slug for slug, _score, _reasons in shown(demand)]
    client.force_login(secretariat)
    page = client.get(f"/en/demands/{demand.pk}/")
    assert "Yunnan Schools" not in page.content.decode()
    assert "Mekong Readers" in page.content.decode()
    api = client.get(f"/api/v1/demands/{demand.pk}/matches").json()
    assert "yunnan-schools" not in [m["organization"] for m in api]
    # The refresh queued by the change worked the matches out again without it.
    assert not DemandMatch.objects.filter(
        demand=demand, organization=network["yunnan-schools"]
    ).exists()


def test_a_new_member_appears_after_the_refresh(network, secretariat):
    demand = post(secretariat, "Clean water for the herders", "KZ", "health", "ru")
    newcomer = make_org(
        "kazakh-water",
        "KZ",
        areas=["health"],
        languages=["ru"],
        description="Clean water for herders.",
    )
    assert "kazakh-water" not in [slug for slug, _s, _r in shown(demand)]  # not yet worked out
    call_command("demand_matches_refresh", verbosity=0)
    assert next(slug for slug, _s, _r in shown(demand)) == newcomer.slug
    assert shown(demand) == live(demand)


def test_the_refresh_follows_a_change_to_what_matching_reads_and_only_then(
    network, secretariat, django_capture_on_commit_callbacks
):
    demand = post(secretariat, "Electricity for the school", "PE", "poverty-relief", "es")
    assert services.matches_refresh() == 1  # the first refresh: nothing known yet
    # Written moments before the last refresh: worked out again (it may have read organisations
    # as that refresh never saw them).
    assert services.matches_refresh() == 1
    written_long_ago(demand)
    assert services.matches_refresh() == 0  # nothing changed since
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            Project.objects.create(
                title=MultilingualText.create(f"Hydro {number}", "en"),
                lead=network["pamir-energy"],
                area_id="poverty-relief",
                status=Project.Status.COMPLETED,
            )
    match = selectors.demand_matches(demand)[0]
    assert match.organization.slug == "pamir-energy"
    assert "Has completed 3 projects in this key area." in [r["text"] for r in match.reasons]
    assert shown(demand) == live(demand)


def test_editing_the_demands_area_works_its_matches_out_again(network, secretariat):
    demand = post(secretariat, "Help for our village", "UZ", "youth-training", "ru")
    assert shown(demand)[0][0] == "tashkent-youth"
    services.demand_edit(
        actor=secretariat,
        demand=demand,
        title="Help for our village",
        description="Help for our village",
        country="UZ",
        area="health",
    )
    demand = selectors.demand_detail(demand.pk)
    assert shown(demand)[0][0] == "aral-water"
    assert "tashkent-youth" not in [slug for slug, _s, _r in shown(demand)[:2]]
    assert shown(demand) == live(demand)


def test_the_reasons_are_written_in_the_readers_language(network, secretariat):
    from django.utils import translation

    demand = post(secretariat, "Books for our village school library", "CN", "education", "en")
    with translation.override("fr"):
        reasons = [r["text"] for r in selectors.demand_matches(demand)[0].reasons]
        assert reasons == [r["text"] for r in matching.matches_for(demand)[0].reasons]
    assert any("Chine" in text for text in reasons)


def test_a_demand_the_change_cannot_move_is_not_worked_out_again(network, secretariat):
    books = post(secretariat, "Books for our village school library", "CN", "education", "en")
    jobs = post(secretariat, "Empleo para los jóvenes del valle", "PE", "job-creation", "es")
    services.matches_refresh(force=True, fresh=True)
    written_long_ago(books, jobs)
    jobs_rows = list(DemandMatch.objects.filter(demand=jobs).values_list("pk", flat=True))
    assert jobs_rows  # andes-jobs
    yunnan = network["yunnan-schools"]
    yunnan.description = MultilingualText.create("A school library in every village.", "en")
    yunnan.save()

    assert services.matches_refresh(fresh=True) == 1  # the library's demand, not the jobs'
    assert list(DemandMatch.objects.filter(demand=jobs).values_list("pk", flat=True)) == jobs_rows
    assert shown(books) == live(books)
    reasons = {slug: reasons for slug, _score, reasons in shown(books)}["yunnan-schools"]
    assert reasons[-1]["text"].endswith("words of the demand: library, school.")
    assert shown(jobs) == live(jobs)


def test_a_change_during_a_refresh_is_worked_out_before_it_ends(
    db, django_capture_on_commit_callbacks
):
    rng = random.Random(4)
    demands = random_network(rng, 45, 60)
    services.matches_refresh(force=True, fresh=True)
    written_long_ago(*demands)
    organization = Organization.objects.get(
        pk=DemandMatch.objects.values_list("organization_id", flat=True).first()
    )
    meanwhile = []

    def suspend_it_meanwhile(_batch):
        # While the refresh under way works the demands out with the organisation as it was.
        if not meanwhile:
            with django_capture_on_commit_callbacks(execute=True):
                organization.status = Organization.Status.SUSPENDED
                organization.save()
            meanwhile.append(MatchesRefresh.objects.get().again)

    services.matches_refresh(force=True, fresh=True, progress=suspend_it_meanwhile)

    # The refresh the change queued left it to the one under way, which ran once more.
    assert meanwhile == [True]
    assert not DemandMatch.objects.filter(organization=organization).exists()
    assert_every_demand_keeps_its_ranking(demands)
    state = MatchesRefresh.objects.get()
    assert state.leased_until is None and not state.again


def test_a_demand_written_between_two_changes_that_undo_each_other_is_worked_out_again(
    network, secretariat
):
    """The refresh sees the organisation as it was, yet a demand posted while it was
    suspended kept matches without it."""
    books = post(secretariat, "Books for our village school library", "CN", "education", "en")
    services.matches_refresh(force=True, fresh=True)
    written_long_ago(books)
    yunnan = network["yunnan-schools"]
    yunnan.status = Organization.Status.SUSPENDED
    yunnan.save()
    matching._index.clear()  # the web process saw the suspension
    later = post(secretariat, "Schoolbooks for our library", "CN", "education", "en")
    assert "yunnan-schools" not in [slug for slug, _s, _r in shown(later)]
    yunnan.status = Organization.Status.MEMBER
    yunnan.save()

    services.matches_refresh(fresh=True)
    assert "yunnan-schools" in [slug for slug, _s, _r in shown(later)]
    assert shown(later) == live(later)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_during_a_refresh_on_another_connection_is_not_lost():
    rng = random.Random(5)
    demands = random_network(rng, 45, 60)
    services.matches_refresh(force=True, fresh=True)
    written_long_ago(*demands)
    organization = Organization.objects.get(
        pk=DemandMatch.objects.values_list("organization_id", flat=True).first()
    )
    paused, go_on = threading.Event(), threading.Event()

    def pause(_batch):
        if not paused.is_set():
            paused.set()
            assert go_on.wait(timeout=60)

    def refresh():
        try:
            return services.matches_refresh(force=True, fresh=True, progress=pause)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        under_way = pool.submit(refresh)
        assert paused.wait(timeout=60)
        # Committed here; its refresh (the tasks backend runs it at once) finds one under way.
        organization.status = Organization.Status.SUSPENDED
        organization.save()
        assert MatchesRefresh.objects.get().again
        go_on.set()
        under_way.result(timeout=120)

    assert not DemandMatch.objects.filter(organization=organization).exists()
    assert_every_demand_keeps_its_ranking(demands)
    assert MatchesRefresh.objects.get().leased_until is None
