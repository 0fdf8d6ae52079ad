"""Seeder 20 (core.seeding): the organisations, members and applicants; for the demo also the
people who run the network and its members, with their network roles and staff places.

`seed_bulk --clear` starts here in reverse: the bulk organisations go with everything that hangs on
them, then the bulk people (see members.seeding).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime

from allauth.account.models import EmailAddress
from django.core.management.base import CommandError
from django.utils.text import slugify

from accounts.models import NetworkRole, User
from accounts.services import network_role_grant
from core import data_versions
from core.multilingual import MultilingualText
from core.seeding import BulkContext, DemoContext, at_noon, ml, scaled
from core.seeding.bulk import (
    AREA_SENTENCES,
    LANG_INDEX,
    LANGS,
    LANGUAGE_BY_COUNTRY,
    NETWORK_FOUNDED,
    ORG_SENTENCES,
    PLACES,
    REFERENCE_DAY,
    Generator,
    as_datetime,
    day_between,
    explicit_timestamps,
    through_model,
)
from members.models import Organization, OrganizationStaff
from members.seeding import SLUG_PREFIX, bulk_organizations, bulk_people
from members.seeding.demo_data import (
    APPLICANTS,
    COMMITTEE,
    ORG_ADMINS,
    ORGANIZATIONS,
    SECRETARIAT_STAFF,
    SITE_ADMIN,
)
from members.selectors import MEMBER_DIRECTORY

BULK_DATA_VERSIONS = (data_versions.ORGANIZATIONS, MEMBER_DIRECTORY)


# --- The demo -----------------------------------------------------------------------------------


def demo_found() -> list[str]:
    emails = [SITE_ADMIN[0]] + [row[0] for row in SECRETARIAT_STAFF + COMMITTEE + ORG_ADMINS]
    checks = [
        ("organisations", Organization.objects.exists()),
        ("demo accounts", User.objects.filter(email__in=emails).exists()),
    ]
    return [label for label, found in checks if found]


def seed_demo(context: DemoContext) -> None:
    context.organizations.update(load_organizations())
    load_people(context)
    members = Organization.objects.members()
    context.summary.update(
        {
            "member organisations": members,
            "countries with members": members.values("country").distinct(),
            "applicants": Organization.objects.filter(status=Organization.Status.APPLICANT),
            "people": User.objects.all(),
        }
    )
    context.accounts += [
        ("site administrator", [SITE_ADMIN[0]]),
        ("Secretariat staff", [row[0] for row in SECRETARIAT_STAFF]),
        ("Steering Committee", [row[0] for row in COMMITTEE]),
        ("organisation admins", [row[0] for row in ORG_ADMINS]),
    ]


def organization_texts(row: dict) -> tuple[MultilingualText, MultilingualText]:
    language, text, translation = row["name"]
    name = ml(language, text)
    if translation:
        name.add_translation(row.get("name_translation_language", "en"), translation)
    language, text, translation = row["description"]
    description = ml(language, text)
    if translation:
        description.add_translation("en", translation)
    return name, description


def load_organizations() -> dict[str, Organization]:
    organizations = {}
    rows = [(row, Organization.Status.MEMBER) for row in ORGANIZATIONS]
    rows += [(row, Organization.Status.APPLICANT) for row in APPLICANTS]
    for row, status in rows:
        name, description = organization_texts(row)
        organization = Organization(
            slug=row["slug"],
            name=name,
            description=description,
            kind=row["kind"],
            status=status,
            country_id=row["country"],
            city=row["city"],
            founded_year=row["founded"],
            website=f"https://{row['slug']}.example.org/",
            working_languages=row["languages"],
            member_since=row.get("since"),
        )
        organization.full_clean()
        organization.save()
        organization.areas.set(row["areas"])
        organization.countries_of_activity.set(row["active_in"])
        joined = row.get("since") or row["applied"]
        Organization.objects.filter(pk=organization.pk).update(created_at=at_noon(joined))
        organizations[row["slug"]] = organization
    return organizations


def load_people(context: DemoContext) -> None:
    """The site administrator, the Secretariat, the Steering Committee (each an admin of the
    member organisation they come from) and some organisation admins."""
    organizations, people = context.organizations, context.people

    def person(email: str, full_name: str, language: str, **extra) -> User:
        user = User.objects.create_user(
            email=email, full_name=full_name, preferred_language=language, **extra
        )
        user.password = context.password
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people[email] = user
        return user

    email, full_name, language = SITE_ADMIN
    admin = person(email, full_name, language, is_superuser=True)
    network_role_grant(actor=None, user=admin, role=NetworkRole.Role.SITE_ADMIN)
    for email, full_name, language in SECRETARIAT_STAFF:
        user = person(email, full_name, language)
        network_role_grant(actor=None, user=user, role=NetworkRole.Role.SECRETARIAT)
    for email, full_name, language, slug, title in COMMITTEE:
        user = person(email, full_name, language)
        network_role_grant(actor=None, user=user, role=NetworkRole.Role.COMMITTEE)
        OrganizationStaff.objects.create(
            organization=organizations[slug],
            user=user,
            role=OrganizationStaff.Role.ADMIN,
            title=title,
            shown_publicly=True,
        )
    for email, full_name, language, slug, title in ORG_ADMINS:
        user = person(email, full_name, language)
        OrganizationStaff.objects.create(
            organization=organizations[slug],
            user=user,
            role=OrganizationStaff.Role.ADMIN,
            title=title,
        )


# --- The benchmark data set ---------------------------------------------------------------------


# What an organisation works for, by key area; Russian in the genitive ("Фонд <...>").
FOCUS = {
    "poverty-relief": [
        ("Rural Development", "乡村发展", "сельского развития", "للتنمية الريفية",
         "le développement rural", "el desarrollo rural"),
        ("Livelihoods", "民生", "поддержки семей", "لسبل العيش",
         "les moyens de subsistance", "los medios de vida"),
        ("Food Security", "粮食安全", "продовольственной безопасности", "للأمن الغذائي",
         "la sécurité alimentaire", "la seguridad alimentaria"),
    ],
    "education": [
        ("Education", "教育", "образования", "للتعليم", "l'éducation", "la educación"),
        ("Literacy", "扫盲", "грамотности", "لمحو الأمية", "l'alphabétisation", "la alfabetización"),
        ("Children's Learning", "儿童学习", "детского обучения", "لتعليم الأطفال",
         "l'apprentissage des enfants", "el aprendizaje infantil"),
    ],
    "health": [
        ("Community Health", "社区健康", "общественного здоровья", "للصحة المجتمعية",
         "la santé communautaire", "la salud comunitaria"),
        ("Mother and Child Health", "妇幼健康", "охраны материнства и детства", "لصحة الأم والطفل",
         "la santé maternelle et infantile", "la salud materno-infantil"),
        ("Clean Water", "清洁饮水", "чистой воды", "للمياه النظيفة", "l'eau potable", "el agua potable"),
    ],
    "environmental-protection": [
        ("Environmental", "环境保护", "охраны природы", "لحماية البيئة",
         "la protection de l'environnement", "la protección del medio ambiente"),
        ("Green Future", "绿色未来", "зелёного будущего", "للمستقبل الأخضر",
         "un avenir vert", "un futuro verde"),
        ("Climate Action", "气候行动", "действий по климату", "للعمل المناخي",
         "l'action climatique", "la acción climática"),
    ],
    "youth-training": [
        ("Youth Skills", "青年技能", "молодёжных навыков", "لمهارات الشباب",
         "les compétences des jeunes", "las capacidades juveniles"),
        ("Vocational Training", "职业培训", "профессионального обучения", "للتدريب المهني",
         "la formation professionnelle", "la formación profesional"),
    ],
    "job-creation": [
        ("Enterprise", "创业", "предпринимательства", "لريادة الأعمال",
         "l'entrepreneuriat", "el emprendimiento"),
        ("Decent Work", "体面就业", "достойного труда", "للعمل اللائق",
         "le travail décent", "el trabajo digno"),
        ("Cooperative Economy", "合作经济", "кооперативной экономики", "للاقتصاد التعاوني",
         "l'économie coopérative", "la economía cooperativa"),
    ],
    "cultural-exchange": [
        ("Cultural Exchange", "文化交流", "культурного обмена", "للتبادل الثقافي",
         "les échanges culturels", "el intercambio cultural"),
        ("Heritage", "文化遗产", "наследия", "للتراث", "le patrimoine", "el patrimonio"),
        ("People-to-People Friendship", "民间友好", "народной дружбы", "للصداقة بين الشعوب",
         "l'amitié entre les peuples", "la amistad entre los pueblos"),
    ],
}  # fmt: skip

# (organisation kind, weight, (en, zh-hans, ru, ar, fr, es))
ORG_TYPES = [
    ("ngo", 22, ("Centre", "中心", "Центр", "مركز", "Centre", "Centro")),
    ("ngo", 18, ("Initiative", "促进会", "Инициатива", "مبادرة", "Initiative", "Iniciativa")),
    ("association", 20, ("Association", "协会", "Ассоциация", "جمعية", "Association", "Asociación")),
    ("foundation", 15, ("Foundation", "基金会", "Фонд", "مؤسسة", "Fondation", "Fundación")),
    ("network", 5, ("Network", "网络", "Сеть", "شبكة", "Réseau", "Red")),
    ("network", 3, ("Alliance", "联盟", "Альянс", "تحالف", "Alliance", "Alianza")),
    ("social_enterprise", 8, ("Cooperative", "合作社", "Кооператив", "تعاونية", "Coopérative", "Cooperativa")),
    ("think_tank", 5, ("Institute", "研究院", "Институт", "معهد", "Institut", "Instituto")),
]  # fmt: skip

NAME_TEMPLATES = (
    "{place} {focus} {type}",  # en
    "{place}{focus}{type}",  # zh-hans
    "{type} {focus} «{place}»",  # ru
    "{type} {place} {focus}",  # ar
    "{type} {place} pour {focus}",  # fr
    "{type} {place} para {focus}",  # es
)
TYPE_WEIGHTS = list(itertools.accumulate(weight for _k, weight, _n in ORG_TYPES))


@dataclass(frozen=True)
class OrgFacts:
    """What the people and membership rows (members.seeding.membership) need to know of one bulk
    organisation."""

    pk: int
    number: int  # the number in its slug
    country: str
    language: str  # the language of its name: the one its people write in
    status: str
    created: datetime
    member_since: date | None


def bulk_rows(multiplier: float) -> dict[str, int]:
    return {"organizations": scaled(10_000, multiplier)}


def seed_bulk(context: BulkContext) -> None:
    offset = bulk_organizations().count()
    # The seed includes the number of earlier bulk rows: a second run without --clear adds
    # different rows (and fresh slugs); a run after --clear repeats the first exactly. Every
    # seeder after this one draws from the same generator.
    generator = context.start_generator(offset)
    with explicit_timestamps(Organization):
        context.kept["members"] = create_organizations(
            context, generator, context.counts["organizations"], offset
        )


def clear_bulk(context: BulkContext) -> None:
    # With the organisations go their staff, contacts, applications (their messages and votes)
    # and membership history; then the bulk people (written by members.seeding.membership), with
    # their email addresses and network roles. The seeders after this one clear first: their
    # projects and events no longer point to these organisations.
    context.delete(bulk_organizations())
    context.delete(bulk_people())


def create_organizations(
    context: BulkContext, generator: Generator, total: int, offset: int
) -> list[OrgFacts]:
    """Writes the organisations; hands each one's id, country, main key area and city to the
    seeders after this one (context), and returns what the membership rows need of them."""
    area_table, area_from, area_to = through_model(Organization, "areas")
    country_table, country_from, country_to = through_model(Organization, "countries_of_activity")
    facts: list[OrgFacts] = []
    index = offset
    with context.bar("organisations", total) as progress:
        for size in context.batches(total):
            rows, links = [], []
            for _ in range(size):
                index += 1
                organization, areas, active_in = organization_row(generator, index)
                rows.append(organization)
                links.append((areas, active_in))
            context.insert(Organization, rows)
            area_rows, country_rows = [], []
            for organization, (areas, active_in) in zip(rows, links, strict=True):
                pk = organization.pk
                if pk is None:
                    raise CommandError("The database did not return the new rows' ids.")
                context.organizations.append((pk, organization.country_id, areas[0]))
                facts.append(
                    OrgFacts(
                        pk=pk,
                        number=int(organization.slug[len(SLUG_PREFIX) :].split("-", 1)[0]),
                        country=organization.country_id,
                        language=organization.name.original,
                        status=organization.status,
                        created=organization.created_at,
                        member_since=organization.member_since,
                    )
                )
                context.cities[pk] = organization.city
                area_rows += [
                    area_table(**{f"{area_from}_id": pk, f"{area_to}_id": slug}) for slug in areas
                ]
                country_rows += [
                    country_table(**{f"{country_from}_id": pk, f"{country_to}_id": code})
                    for code in active_in
                ]
            context.insert(area_table, area_rows)
            context.insert(country_table, country_rows)
            progress.update(size)
    return facts


def organization_row(generator: Generator, index: int) -> tuple[Organization, list[str], list[str]]:
    rng = generator.rng
    country = generator.country()
    home = LANGUAGE_BY_COUNTRY.get(country, "en")
    original = generator.original_language(country)
    area = generator.area()
    place = rng.choice(PLACES)
    focus = rng.choice(FOCUS[area])
    kind, _weight, type_name = rng.choices(ORG_TYPES, cum_weights=TYPE_WEIGHTS)[0]

    def name(language: str) -> str:
        i = LANG_INDEX[language]
        return NAME_TEMPLATES[i].format(place=place[i], focus=focus[i], type=type_name[i])

    founded = max(1950, 2024 - int(rng.expovariate(1 / 14)))
    reach = rng.choice([200, 500, 1000, 2000, 5000, 10000, 50000])
    extra = rng.sample(range(len(ORG_SENTENCES)), k=rng.randint(1, 2))

    def description(language: str) -> str:
        i = LANG_INDEX[language]
        parts = [AREA_SENTENCES[area][i]]
        parts += [ORG_SENTENCES[j][i].format(year=founded, n=reach) for j in sorted(extra)]
        return generator.sentences(language, parts)

    roll = rng.random()
    if roll < 0.85:
        status = Organization.Status.MEMBER
    elif roll < 0.93:
        status = Organization.Status.APPLICANT
    elif roll < 0.96:
        status = Organization.Status.SUSPENDED
    else:
        status = Organization.Status.WITHDRAWN
    if status == Organization.Status.APPLICANT:
        member_since = None
        joined = day_between(rng, date(2026, 1, 1), REFERENCE_DAY)
    else:
        member_since = day_between(rng, NETWORK_FOUNDED, REFERENCE_DAY, growth=0.7)
        joined = member_since
    created = as_datetime(joined, rng)
    languages = [original, "en"] if original != "en" else ["en"]
    if home not in languages:
        languages.append(home)
    if rng.random() < 0.15:
        other = rng.choice(LANGS)
        if other not in languages:
            languages.append(other)

    areas = [area]
    for _ in range(rng.choices([0, 1, 2], weights=[45, 40, 15])[0]):
        other = generator.area()
        if other not in areas:
            areas.append(other)
    active_in = [country]
    for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[40, 25, 15, 12, 8])[0]):
        other = generator.country()
        if other not in active_in:
            active_in.append(other)

    slug = f"{SLUG_PREFIX}{index:06d}-{slugify(name('en'))}"[:80].rstrip("-")
    organization = Organization(
        slug=slug,
        name=generator.text(original, home, name),
        description=generator.text(original, home, description),
        kind=kind,
        status=status,
        country_id=country,
        city=generator.city(country),
        founded_year=founded,
        website=f"https://{slug}.example.org/",
        working_languages=languages,
        member_since=member_since,
        created_at=created,
        updated_at=created,
    )
    # bulk_create skips save(): fill the columns save() derives from the row (if the model
    # has them), so the directory finds and sorts bulk rows like any other.
    refresh_derived = getattr(organization, "refresh_derived", None)
    if refresh_derived is not None:
        refresh_derived()
    return organization, areas, active_in
