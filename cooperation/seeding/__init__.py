"""Seeder 40 (core.seeding): grassroots demands and the projects that answer some of them, led by
member organisations with partners in other countries (the organisations come from members'
seeder, 20). Bulk demands and projects carry {"seed": "bulk"} in their title JSON; `--clear` also
removes projects led by bulk organisations.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from cooperation.models import (
    BudgetLine,
    Demand,
    DemandMatch,
    DemandStatusChange,
    Indicator,
    Milestone,
    Offer,
    ProgressUpdate,
    Project,
    ProjectLocation,
)
from cooperation.seeding.demo_data import DEMANDS, PROJECTS
from core import data_versions
from core.seeding import BulkContext, DemoContext, at_noon, ml, scaled
from core.seeding.bulk import (
    AREA_SENTENCES,
    LANG_INDEX,
    LANGUAGE_BY_COUNTRY,
    MARK_KEY,
    MARK_VALUE,
    NEEDS,
    ORG_SENTENCES,
    PLACES,
    REFERENCE_DAY,
    Generator,
    as_datetime,
    day_between,
    explicit_timestamps,
    through_model,
)
from members.seeding import bulk_organizations

BULK_DATA_VERSIONS = (data_versions.DEMANDS, data_versions.PROJECTS)

# The demo's "now" for back-dated creation times, so every run writes the same rows.
DEMO_DAY = date(2026, 11, 1)


# --- The demo -----------------------------------------------------------------------------------


def seed_demo(context: DemoContext) -> None:
    from cooperation.services import matches_refresh

    load_demands_and_projects(context.organizations)
    matches_refresh(force=True, fresh=True)
    context.summary.update(
        {"grassroots demands": Demand.objects.all(), "projects": Project.objects.all()}
    )


URGENCIES = ("low", "medium", "high", "critical")


def load_demands_and_projects(organizations: dict) -> None:
    demands = {}
    for index, row in enumerate(DEMANDS):
        key, country, locality, area, status, submitted, title, description = row
        demand = Demand.objects.create(
            title=ml(title[0], title[1], **({"en": title[2]} if title[2] else {})),
            description=ml(
                description[0],
                description[1],
                **({"en": description[2]} if description[2] else {}),
            ),
            country_id=country,
            locality=locality,
            area_id=area,
            status=status,
            urgency=URGENCIES[index % 4],
            people_concerned=(index % 7 + 1) * 60,
            contact_name="Demo contact",
            contact_email=f"demand{index + 1}@example.org",
        )
        Demand.objects.filter(pk=demand.pk).update(
            created_at=at_noon(submitted), published_at=at_noon(submitted)
        )
        DemandStatusChange.objects.create(demand=demand, to_status=Demand.Moderation.APPROVED)
        demands[key] = demand
    projects = []
    for row in PROJECTS:
        title, summary, lead, partners, area, countries, demand_key, status, starts, ends = row
        demand = demands[demand_key] if demand_key else None
        project = Project.objects.create(
            title=title,
            summary=summary,
            lead=organizations[lead],
            area_id=area,
            status=status,
            starts_on=starts,
            ends_on=ends,
        )
        project.partners.set([organizations[slug] for slug in partners])
        project.countries.set(countries)
        if demand is not None:
            project.demands.add(demand)
            if demand.locality:  # it works where the demand came from
                ProjectLocation.objects.create(
                    project=project, country_id=demand.country_id, place=demand.locality
                )
        proposed = min(starts - timedelta(days=90), DEMO_DAY)
        Project.objects.filter(pk=project.pk).update(created_at=at_noon(proposed))
        projects.append(project)
        if demand is not None:
            # A demand a project answers is in progress; met once that project is completed.
            met = status == Project.Status.COMPLETED
            demand.status = Demand.Status.MET if met else Demand.Status.IN_PROGRESS
            demand.save(update_fields=["status"])
            DemandStatusChange.objects.create(
                demand=demand, from_status=Demand.Status.OPEN, to_status=demand.status
            )
            # The project grew out of its lead's offer, accepted by the Secretariat.
            Offer.objects.create(
                demand=demand,
                organization=project.lead,
                contribution=str(summary) if summary else str(title),
                status=Offer.Status.ACCEPTED,
                project=project,
                decided_at=at_noon(proposed),
            )
    add_project_details(projects)


def add_project_details(projects: list[Project]) -> None:
    """Budgets, funding, indicators and progress updates; one project cancelled, one active
    project's report overdue (its last update more than six months old), lessons learned."""
    for number, project in enumerate(projects):
        BudgetLine.objects.create(
            project=project,
            label="Materials and equipment",
            amount=Decimal(12000 + 1500 * number),
            currency="USD" if number % 3 else "CNY",
        )
        BudgetLine.objects.create(
            project=project,
            kind=BudgetLine.Kind.FUNDING,
            label="Member contributions",
            amount=Decimal(8000 + 1000 * number),
            currency="USD" if number % 3 else "CNY",
        )
        if project.starts_on and project.ends_on:
            Indicator.objects.create(
                project=project,
                name="People trained",
                unit="people",
                baseline=Decimal(0),
                target=Decimal(200 + 20 * number),
                actual=Decimal(150 + 10 * number)
                if project.status != Project.Status.PLANNED
                else None,
                period_start=project.starts_on,
                period_end=project.ends_on,
            )
        if project.starts_on:
            Milestone.objects.create(
                project=project,
                title="Partners agree the work plan",
                due_on=project.starts_on + timedelta(days=60),
                done_on=project.starts_on + timedelta(days=55)
                if project.status != Project.Status.PLANNED
                else None,
            )
        if project.status in (Project.Status.ACTIVE, Project.Status.COMPLETED):
            update = ProgressUpdate.objects.create(
                project=project,
                text="Work is under way with our partners; the first activities have been held.",
            )
            ProgressUpdate.objects.filter(pk=update.pk).update(
                created_at=at_noon(project.starts_on + timedelta(days=120))
            )
        if project.status == Project.Status.COMPLETED:
            project.lessons_learned = (
                "Working with local volunteers from the start made the results last."
            )
            project.people_reached = 800 + 100 * number
            project.save(update_fields=["lessons_learned", "people_reached"])
    active = [p for p in projects if p.status == Project.Status.ACTIVE]
    linked = set(Project.demands.through.objects.values_list("project_id", flat=True))
    unlinked = [p for p in active if p.pk not in linked] or active
    if unlinked:
        cancelled = unlinked[-1]
        cancelled.status = Project.Status.CANCELLED
        cancelled.save(update_fields=["status"])


# --- The benchmark data set ---------------------------------------------------------------------


DEMAND_TITLES = (
    "{need} in {place}",
    "{place}：{need}",
    "{need} — {place}",
    "{need} في {place}",
    "{need} à {place}",
    "{need} en {place}",
)
DEMAND_SENTENCES = [
    (
        "About {n} families in our community would benefit.",
        "我们社区约有{n}户家庭将从中受益。",
        "Это поможет примерно {n} семьям нашей общины.",
        "سيستفيد من ذلك نحو {n} أسرة في مجتمعنا.",
        "Environ {n} familles de notre communauté en bénéficieraient.",
        "Se beneficiarían unas {n} familias de nuestra comunidad.",
    ),
    (
        "We can contribute volunteers and local materials.",
        "我们可以提供志愿者和本地材料。",
        "Мы можем выделить волонтёров и местные материалы.",
        "يمكننا المساهمة بالمتطوعين والمواد المحلية.",
        "Nous pouvons apporter des bénévoles et des matériaux locaux.",
        "Podemos aportar voluntarios y materiales locales.",
    ),
    (
        "The local council supports this request.",
        "当地村委会支持这项需求。",
        "Местная администрация поддерживает эту просьбу.",
        "يدعم المجلس المحلي هذا الطلب.",
        "Le conseil local soutient cette demande.",
        "El consejo local apoya esta solicitud.",
    ),
]
PROJECT_TITLES = (
    "{place} programme: {need}",
    "{place}项目：{need}",
    "Программа «{place}»: {need}",
    "برنامج {place}: {need}",
    "Programme {place} : {need}",
    "Programa {place}: {need}",
)


BULK_URGENCIES = ("low", "medium", "high", "critical")


def bulk_rows(multiplier: float) -> dict[str, int]:
    return {"demands": scaled(100_000, multiplier), "projects": scaled(50_000, multiplier)}


def seed_bulk(context: BulkContext) -> None:
    generator = context.generator
    with explicit_timestamps(Demand, Project):
        answered, made = create_demands(context, generator, context.counts["demands"])
        # After the demands: the ranking draws from the same random stream.
        organizations, weights = context.organizations_by_activity()
        create_projects(
            context, generator, context.counts["projects"], organizations, weights, answered
        )
        # Last: matching reads the organisations' completed projects and their titles.
        store_matches(context, made)


def clear_bulk(context: BulkContext) -> None:
    marked = Q(**{f"title__{MARK_KEY}": MARK_VALUE})
    context.delete(Project.objects.filter(marked | Q(lead__in=bulk_organizations())))
    context.delete(Demand.objects.filter(marked))


def create_demands(
    context: BulkContext, generator: Generator, total: int
) -> tuple[list[tuple[int, str]], list[int]]:
    """Writes the demands; returns (id, area) of those marked matched or closed, and the ids of
    all."""
    answered = []
    made = []
    with context.bar("demands", total) as progress:
        for size in context.batches(total):
            rows = [demand_row(generator) for _ in range(size)]
            context.insert(Demand, rows)
            answered += [(row.pk, row.area_id) for row in rows if row.status != "open"]
            made += [row.pk for row in rows]
            progress.update(size)
    return answered, made


def store_matches(context: BulkContext, demand_ids: list[int]) -> None:
    """Each new demand's top matches (cooperation.matching.best_matches), kept with bulk_create."""
    from cooperation import matching
    from cooperation.services import match_rows

    index = matching.build_index()
    # In the order best_matches groups them (country and key area): a batch holds whole groups.
    if demand_ids:
        demand_ids = list(
            Demand.objects.filter(pk__gte=min(demand_ids), pk__lte=max(demand_ids))
            .order_by("country_id", "area_id", "pk")
            .values_list("pk", flat=True)
        )
    with context.bar("demand matches", len(demand_ids)) as progress:
        for start in range(0, len(demand_ids), context.batch_size):
            chunk = demand_ids[start : start + context.batch_size]
            demands = list(Demand.objects.filter(pk__in=chunk))
            context.insert(DemandMatch, match_rows(matching.best_matches(demands, index=index)))
            progress.update(len(chunk))


def create_projects(
    context: BulkContext,
    generator: Generator,
    total: int,
    organizations: list[tuple],
    org_weights: list[float],
    answered: list[tuple[int, str]],
) -> None:
    partner_table, partner_from, partner_to = through_model(Project, "partners")
    country_table, country_from, country_to = through_model(Project, "countries")
    demand_table, demand_from, demand_to = through_model(Project, "demands")
    with context.bar("projects", total) as progress:
        for size in context.batches(total):
            made = [
                project_row(generator, organizations, org_weights, answered) for _ in range(size)
            ]
            rows = [project for project, _partners, _countries in made]
            context.insert(Project, rows)
            partner_rows, country_rows = [], []
            for project, partners, countries in made:
                partner_rows += [
                    partner_table(**{f"{partner_from}_id": project.pk, f"{partner_to}_id": pk})
                    for pk in partners
                ]
                country_rows += [
                    country_table(**{f"{country_from}_id": project.pk, f"{country_to}_id": code})
                    for code in countries
                ]
            demand_rows = [
                demand_table(
                    **{f"{demand_from}_id": project.pk, f"{demand_to}_id": project.answers}
                )
                for project, _partners, _countries in made
                if project.answers
            ]
            context.insert(partner_table, partner_rows)
            context.insert(country_table, country_rows)
            context.insert(demand_table, demand_rows)
            progress.update(size)


def demand_row(generator: Generator) -> Demand:
    rng = generator.rng
    country = generator.country()
    home = LANGUAGE_BY_COUNTRY.get(country, "en")
    original = generator.original_language(country)
    area = generator.area()
    need = rng.choice(NEEDS[area])
    locality = generator.locality(original if original != "en" else home)
    families = rng.choice([12, 25, 40, 60, 85, 120, 200, 350, 500])
    extra = [j for j in (1, 2) if rng.random() < 0.5]

    def title(language: str) -> str:
        i = LANG_INDEX[language]
        return DEMAND_TITLES[i].format(need=need[i], place=locality)

    def description(language: str) -> str:
        i = LANG_INDEX[language]
        parts = [DEMAND_SENTENCES[0][i].format(n=families)]
        parts += [DEMAND_SENTENCES[j][i] for j in extra]
        return generator.sentences(language, parts)

    roll = rng.random()
    status = "open" if roll < 0.55 else "matched" if roll < 0.85 else "closed"
    created = as_datetime(day_between(rng, date(2017, 12, 1), REFERENCE_DAY, 0.6), rng)
    return Demand(
        title=generator.text(original, home, title, mark=True),
        description=generator.text(original, home, description),
        country_id=country,
        locality=locality,
        area_id=area,
        status=status,
        urgency=BULK_URGENCIES[families % 4],
        people_concerned=families * 4,
        published_at=created,
        created_at=created,
        updated_at=created,
    )


def project_row(
    generator: Generator,
    organizations: Sequence[tuple],
    org_weights: list[float],
    answered: Sequence[tuple],
) -> tuple[Project, list[int], list[str]]:
    rng = generator.rng
    lead_id, country, lead_area = rng.choices(organizations, cum_weights=org_weights)[0]
    home = LANGUAGE_BY_COUNTRY.get(country, "en")
    original = generator.original_language(country)
    partners: list[int] = []
    countries = [country]
    for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[15, 35, 30, 15, 5])[0]):
        partner_id, partner_country, _area = rng.choices(organizations, cum_weights=org_weights)[0]
        if partner_id != lead_id and partner_id not in partners:
            partners.append(partner_id)
            if partner_country not in countries and len(countries) < 4:
                countries.append(partner_country)
    demand_id = None
    area = lead_area if rng.random() < 0.7 else generator.area()
    if answered and rng.random() < 0.4:
        demand_id, area = answered[rng.randrange(len(answered))]
    need = rng.choice(NEEDS[area])
    place = rng.choice(PLACES)
    reach = rng.choice([100, 300, 800, 1500, 4000, 12000])

    def title(language: str) -> str:
        i = LANG_INDEX[language]
        return PROJECT_TITLES[i].format(place=place[i], need=need[i])

    def summary(language: str) -> str:
        i = LANG_INDEX[language]
        parts = [AREA_SENTENCES[area][i], ORG_SENTENCES[1][i].format(n=reach)]
        return generator.sentences(language, parts)

    starts = day_between(rng, date(2018, 1, 1), date(2027, 12, 31), growth=0.8)
    ends = starts + timedelta(days=30 * rng.randint(6, 48))
    if starts > REFERENCE_DAY:
        status = Project.Status.PLANNED
    elif ends < REFERENCE_DAY:
        status = Project.Status.COMPLETED
    else:
        status = Project.Status.ACTIVE
    created = as_datetime(min(starts - timedelta(days=rng.randint(20, 200)), REFERENCE_DAY), rng)
    project = Project(
        title=generator.text(original, home, title, mark=True),
        summary=generator.text(original, home, summary) if rng.random() < 0.9 else None,
        lead_id=lead_id,
        area_id=area,
        status=status,
        starts_on=starts,
        ends_on=ends,
        created_at=created,
        updated_at=created,
    )
    project.answers = demand_id  # the demand it answers, linked once the project is saved
    return project, partners, countries
