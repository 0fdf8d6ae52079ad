"""Seeder 50 (core.seeding): events, the first Forum in Beijing among them (with its programme,
outcome summary and report photos, made here: PDFs by WeasyPrint, PNGs by Pillow), organised by
member organisations (from members' seeder, 20). Bulk events carry {"seed": "bulk"} in their title
JSON; `--clear` also removes events organised by bulk organisations.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from core import data_versions
from core.seeding import BulkContext, DemoContext, at_noon, ml, scaled
from core.seeding.bulk import (
    AREA_SENTENCES,
    LANG_INDEX,
    LANGUAGE_BY_COUNTRY,
    MARK_KEY,
    MARK_VALUE,
    NEEDS,
    PLACES,
    REFERENCE_DAY,
    Generator,
    as_datetime,
    day_between,
    explicit_timestamps,
)
from exchanges.models import (
    CheckIn,
    Event,
    EventDocument,
    Feedback,
    Programme,
    Registration,
    Session,
    VisaLetter,
    new_code,
)
from members.seeding import bulk_organizations

BULK_DATA_VERSIONS = (data_versions.EVENTS,)


# --- The demo -----------------------------------------------------------------------------------


def seed_demo(context: DemoContext) -> None:
    load_events(context.organizations)
    context.summary["events"] = Event.objects.all()


# The first Forum in Beijing, regional forums, cultural exchanges, workshops and study visits.
EVENTS = [
    {
        "kind": Event.Kind.FORUM,
        "city": "Beijing",
        "country": "CN",
        "starts": date(2017, 11, 21),
        "ends": date(2017, 11, 22),
        "organizer": "silk-road-civil-exchange-centre",
        "title": ml(
            "zh-hans",
            "首届丝绸之路沿线民间组织合作网络论坛",
            en="The first Silk Road NGO Cooperation Forum",
        ),
        "description": ml(
            "zh-hans",
            "合作网络的成立大会：来自各国的民间组织通过了《北京共识》，"
            "宣布成立丝绸之路沿线民间组织合作网络。",
            en="The founding meeting of the Network: NGOs from many countries adopted the "
            "Beijing Consensus and launched the Silk Road NGO Cooperation Network.",
        ),
    },
    {
        "kind": Event.Kind.FESTIVAL,
        "city": "Almaty",
        "country": "KZ",
        "starts": date(2018, 9, 10),
        "ends": date(2018, 9, 14),
        "organizer": "steppe-bridges",
        "title": ml(
            "ru",
            "Степь и шёлк: молодёжный музыкальный обмен",
            en="Steppe and Silk: a youth music exchange",
        ),
        "description": ml(
            "ru",
            "Молодые музыканты из Китая, Казахстана, России и Узбекистана пять дней "
            "репетировали вместе и дали общий концерт.",
            en="Young musicians from China, Kazakhstan, Russia and Uzbekistan rehearsed together "
            "for five days and gave a joint concert.",
        ),
    },
    {
        "kind": Event.Kind.TRAINING,
        "city": "Kathmandu",
        "country": "NP",
        "starts": date(2019, 4, 22),
        "ends": date(2019, 4, 24),
        "organizer": "himalayan-community-health",
        "title": ml("en", "Workshop on community-led health care in mountain areas"),
        "description": ml(
            "en",
            "Community health workers from six countries compared ways of reaching remote "
            "villages, from birth-waiting homes to mobile clinics.",
        ),
    },
    {
        "kind": Event.Kind.TRAINING,
        "city": "Nakuru",
        "country": "KE",
        "starts": date(2021, 10, 18),
        "ends": date(2021, 10, 20),
        "organizer": "rift-valley-youth-skills",
        "title": ml("en", "Skills for work: a youth training workshop"),
        "description": ml(
            "en",
            "Trainers and young apprentices shared what makes vocational training lead to real "
            "jobs. Held in person and online.",
        ),
    },
    {
        "kind": Event.Kind.VISIT,
        "city": "Can Tho",
        "country": "VN",
        "starts": date(2023, 5, 15),
        "ends": date(2023, 5, 19),
        "organizer": "mekong-delta-community-development",
        "title": ml("en", "Study visit to the Mekong Delta: farming with salt water and floods"),
        "description": ml(
            "en",
            "Members from Bangladesh, Cambodia, Sri Lanka and China visited delta villages that "
            "have switched to salt-tolerant crops and shrimp–rice rotation.",
        ),
    },
    {
        "kind": Event.Kind.FESTIVAL,
        "city": "Samarkand",
        "country": "UZ",
        "starts": date(2024, 9, 5),
        "ends": date(2024, 9, 8),
        "organizer": "mahalla-craftspeople",
        "title": ml(
            "en",
            "Silk Road Heritage Crafts Festival",
            zh_hans="丝路传统手工艺节",
            ru="Фестиваль ремёсел Шёлкового пути",
        ),
        "description": ml(
            "en",
            "Potters, weavers and embroiderers from twelve countries worked side by side in the "
            "old town and showed their work to the public.",
        ),
    },
    {
        "kind": Event.Kind.VISIT,
        "city": "Aswan",
        "country": "EG",
        "starts": date(2025, 6, 2),
        "ends": date(2025, 6, 4),
        "organizer": "nile-community-development",
        "title": ml(
            "ar",
            "زيارة دراسية: الحرف النوبية وتمكين المرأة",
            en="Study visit: Nubian crafts and women's empowerment",
        ),
        "description": ml(
            "ar",
            "زار أعضاء من الأردن وفرنسا والإمارات قرى نوبية تحوّل فيها النساء الحرف التقليدية "
            "إلى مصدر دخل.",
            en="Members from Jordan, France and the UAE visited Nubian villages where women turn "
            "traditional crafts into an income.",
        ),
    },
    {
        "kind": Event.Kind.TRAINING,
        "city": "Belgrade",
        "country": "RS",
        "starts": date(2026, 12, 8),
        "ends": date(2026, 12, 10),
        "organizer": "danube-bridge-youth",
        "title": ml("en", "Youth training and job creation: a regional workshop"),
        "description": ml(
            "en",
            "Members from Europe and Central Asia will plan joint apprenticeship programmes for "
            "2027.",
        ),
    },
]


def load_events(organizations: dict) -> None:
    forum_series = Programme.objects.create(
        title=ml(
            "zh-hans",
            "丝绸之路沿线民间组织合作网络论坛",
            en="The Silk Road NGO Cooperation Forum (annual series)",
            ru="Форум сотрудничества НКО Шёлкового пути (ежегодный)",
        ),
        description=ml(
            "en",
            "The network's annual meeting, first held in Beijing in November 2017.",
        ),
    )
    forum_series.organizers.add(organizations["silk-road-civil-exchange-centre"])
    forum_series.countries.add("CN")
    for row in EVENTS:
        zone = ZONES.get(row["country"], "UTC")
        tz = zoneinfo.ZoneInfo(zone)
        event = Event.objects.create(
            title=row["title"],
            description=row["description"],
            kind=row["kind"],
            city=row["city"],
            country_id=row["country"],
            starts_on=row["starts"],
            ends_on=row["ends"],
            starts_at=datetime.combine(row["starts"], time(9), tzinfo=tz),
            ends_at=datetime.combine(row["ends"], time(18), tzinfo=tz),
            time_zone=zone,
            working_languages=[row["title"].original, "en"]
            if row["title"].original != "en"
            else ["en"],
            organizer=organizations[row["organizer"]],
            programme=forum_series if row["kind"] == Event.Kind.FORUM else None,
            capacity=300 if row["kind"] == Event.Kind.FORUM else None,
        )
        announced = date(row["starts"].year - 1, row["starts"].month, 1)
        Event.objects.filter(pk=event.pk).update(created_at=at_noon(announced))
        if row["kind"] == Event.Kind.FORUM:
            load_forum_sessions(event, tz)
            from governance.models import NetworkDocument

            event.outcome_documents.set(NetworkDocument.objects.filter(slug="beijing-consensus"))
            event.interpretation = ["zh-hans", "en", "ru", "ar"]
            event.venue = "China National Convention Center"
            event.save(update_fields=["interpretation", "venue"])
            load_forum_files(event)
    load_upcoming(organizations)


FORUM_SESSIONS = [
    (9, 10, ml("zh-hans", "开幕式", en="Opening ceremony"), ["Secretariat"]),
    (
        10,
        12,
        ml("zh-hans", "民心相通与民间合作", en="People-to-people bonds and NGO cooperation"),
        ["Li Wei", "Aigerim Nurlanovna"],
    ),
    (
        14,
        17,
        ml("en", "Livelihood cooperation: poverty relief, education, health", zh_hans="民生合作"),
        ["Amina Yusuf", "Ravi Sharma"],
    ),
]


def load_forum_sessions(event: Event, tz) -> None:
    for day_offset, day in enumerate((event.starts_on, event.ends_on)):
        for start, end, title, speakers in FORUM_SESSIONS[: 3 if day_offset == 0 else 2]:
            Session.objects.create(
                event=event,
                title=title,
                starts_at=datetime.combine(day, time(start), tzinfo=tz),
                ends_at=datetime.combine(day, time(end), tzinfo=tz),
                speakers=speakers,
            )
    # The founding text, adopted on the second day.
    Session.objects.create(
        event=event,
        title=ml("zh-hans", "通过《北京共识》", en="Adoption of the Beijing Consensus"),
        starts_at=datetime.combine(event.ends_on, time(15), tzinfo=tz),
        ends_at=datetime.combine(event.ends_on, time(16), tzinfo=tz),
        speakers=["Steering Committee"],
    )


# --- The demo's files: made here (WeasyPrint, Pillow), nothing downloaded ---------------------------


def demo_pdf(title: str, paragraphs: Sequence[str]) -> bytes:
    """A small document for the demo, rendered by the project's PDF tool."""
    from django.utils.html import escape
    from weasyprint import HTML

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    html = (
        "<html><head><style>@page { size: A4; margin: 2cm } body { font-family: sans-serif }"
        "h1 { font-size: 18pt }</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


def demo_photo(caption: str, seed: int) -> bytes:
    """A small picture for the demo report: a hall, a banner, and people seated in rows."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    width, height = 480, 300
    image = Image.new("RGB", (width, height), (236, 229, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 70), fill=(150, 30, 40))  # the banner
    draw.text((20, 25), caption, fill=(255, 240, 200))
    draw.rectangle((0, 230, width, height), fill=(120, 90, 60))  # the floor
    colours = [(40, 60, 120), (30, 110, 90), (160, 120, 40), (90, 50, 110), (60, 60, 60)]
    for row in range(3):
        for seat in range(10):
            x = 30 + seat * 44 + (row % 2) * 20
            y = 110 + row * 40
            colour = colours[(seat * 7 + row * 3 + seed) % len(colours)]
            draw.ellipse((x, y, x + 16, y + 16), fill=(210, 170, 130))  # a head
            draw.rectangle((x - 4, y + 16, x + 20, y + 40), fill=colour)  # shoulders
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _attach(event: Event, kind: str, title: str, language: str, extension: str, content: bytes):
    from django.core.files.base import ContentFile

    name = f"event-{event.pk}-{new_code(8).lower()}.{extension}"
    EventDocument.objects.create(
        event=event,
        kind=kind,
        title=title,
        language=language,
        file=ContentFile(content, name=name),
        extension=extension,
        size=len(content),
    )


def load_forum_files(event: Event) -> None:
    """The Forum's programme for participants, its outcome summary and two report photos."""
    _attach(
        event,
        EventDocument.Kind.DOCUMENT,
        "Forum programme",
        "en",
        "pdf",
        demo_pdf(
            "The Silk Road NGO Cooperation Forum, Beijing, 21-22 November 2017",
            [
                "Day one: opening ceremony; people-to-people bonds and NGO cooperation; "
                "livelihood cooperation in poverty relief, education and health.",
                "Day two: working groups; adoption of the Beijing Consensus; closing.",
                "Working languages: Chinese and English, with interpretation into Russian and "
                "Arabic.",
            ],
        ),
    )
    _attach(
        event,
        EventDocument.Kind.OUTCOME,
        "Summary of the Forum's outcomes",
        "en",
        "pdf",
        demo_pdf(
            "Outcomes of the first Forum",
            [
                "The participating organisations adopted the Beijing Consensus and founded the "
                "Silk Road NGO Cooperation Network.",
                "They agreed on cultural and people-to-people exchanges, livelihood cooperation "
                "based on grassroots demands, and regular communication.",
            ],
        ),
    )
    for seed, caption in enumerate(("Opening ceremony", "Working group on health")):
        _attach(event, EventDocument.Kind.PHOTO, caption, "", "png", demo_photo(caption, seed))


def load_upcoming(organizations: dict) -> None:
    """Events ahead of the day the demo is loaded: one open, one full with a waiting list."""
    today = timezone.localdate()
    open_day = today + timedelta(days=45)
    full_day = today + timedelta(days=75)
    tz = zoneinfo.ZoneInfo("Asia/Almaty")
    summer_school = Event.objects.create(
        title=ml(
            "ru",
            "Молодёжный обмен «Шёлковый путь»: летняя школа",
            en="Silk Road youth exchange: summer school",
        ),
        kind=Event.Kind.TRAINING,
        city="Almaty",
        country_id="KZ",
        starts_on=open_day,
        ends_on=open_day + timedelta(days=4),
        starts_at=datetime.combine(open_day, time(9), tzinfo=tz),
        ends_at=datetime.combine(open_day + timedelta(days=4), time(17), tzinfo=tz),
        time_zone="Asia/Almaty",
        working_languages=["ru", "en"],
        interpretation=["zh-hans"],
        capacity=40,
        organizer=organizations["steppe-bridges"],
    )
    _attach(
        summer_school,
        EventDocument.Kind.DOCUMENT,
        "Информация для участников",
        "ru",
        "pdf",
        demo_pdf(
            "Молодёжный обмен «Шёлковый путь»: летняя школа, Алматы",
            [
                "Пять дней семинаров и визитов для молодёжи из организаций-членов сети.",
                "Приезд накануне; проживание в университетском общежитии; питание включено.",
            ],
        ),
    )
    full = Event.objects.create(
        title=ml("en", "Webinar: community health workers in remote villages"),
        kind=Event.Kind.WEBINAR,
        city="Kathmandu",
        country_id="NP",
        online_link="https://meet.example.org/sironet-health",
        starts_on=full_day,
        ends_on=full_day,
        starts_at=datetime.combine(full_day, time(13), tzinfo=UTC),
        ends_at=datetime.combine(full_day, time(15), tzinfo=UTC),
        time_zone="Asia/Kathmandu",
        working_languages=["en"],
        capacity=5,
        organizer=organizations["himalayan-community-health"],
    )
    people = [
        ("Pema Sherpa", "NP", "en"),
        ("Ana Morales", "ES", "es"),
        ("Layla Haddad", "JO", "ar"),
        ("Wang Fang", "CN", "zh-hans"),
        ("Olga Ivanova", "RU", "ru"),
        ("Claire Martin", "FR", "fr"),
        ("Karim Mansour", "EG", "ar"),
        ("Dilnoza Rahimova", "UZ", "ru"),
    ]
    for index, (name, country, language) in enumerate(people):
        Registration.objects.create(
            event=full,
            full_name=name,
            email=f"participant{index + 1}@example.org",
            country_id=country,
            language=language,
            status=Registration.Status.CONFIRMED if index < 5 else Registration.Status.WAITING,
        )


# --- The benchmark data set ---------------------------------------------------------------------


EVENT_TITLES = {
    "forum": (
        "{place} Regional Forum {year}",
        "{year}年{place}区域论坛",
        "Региональный форум «{place}» {year}",
        "منتدى {place} الإقليمي {year}",
        "Forum régional {place} {year}",
        "Foro regional {place} {year}",
    ),
    "festival": (
        "{place} Cultural Exchange {year}",
        "{year}年{place}文化交流活动",
        "Культурный обмен «{place}» {year}",
        "التبادل الثقافي {place} {year}",
        "Échange culturel {place} {year}",
        "Intercambio cultural {place} {year}",
    ),
    "training": (
        "Workshop: {need}",
        "研讨会：{need}",
        "Семинар: {need}",
        "ورشة عمل: {need}",
        "Atelier : {need}",
        "Taller: {need}",
    ),
    "visit": (
        "Study visit: {need}",
        "考察访问：{need}",
        "Учебный визит: {need}",
        "زيارة دراسية: {need}",
        "Visite d'étude : {need}",
        "Visita de estudio: {need}",
    ),
}
EVENT_KINDS = [("training", 45), ("festival", 25), ("visit", 25), ("forum", 5)]
ZONES = {"CN": "Asia/Shanghai", "KZ": "Asia/Almaty", "RU": "Europe/Moscow", "EG": "Africa/Cairo"}


def bulk_rows(multiplier: float) -> dict[str, int]:
    return {
        "events": scaled(20_000, multiplier),
        "registrations": scaled(200_000, multiplier),
    }


def seed_bulk(context: BulkContext) -> None:
    organizations, weights = context.organizations_by_activity()
    with explicit_timestamps(Event):
        create_events(
            context,
            context.generator,
            context.counts["events"],
            organizations,
            weights,
            context.cities,
        )


def clear_bulk(context: BulkContext) -> None:
    marked = Q(**{f"title__{MARK_KEY}": MARK_VALUE})
    events = Event.objects.filter(marked | Q(organizer__in=bulk_organizations()))
    # Registrations first, in bulk: collected through the events, each would be read.
    registrations = Registration.objects.filter(event__in=events.values("pk"))
    for model in (CheckIn, VisaLetter, Feedback):
        model.objects.filter(registration__in=registrations.values("pk")).delete()
    removed = registrations._raw_delete(registrations.db)
    context.deleted[Registration._meta.label] = (
        context.deleted.get(Registration._meta.label, 0) + removed
    )
    context.delete(events)


def create_events(
    context: BulkContext,
    generator: Generator,
    total: int,
    organizations: list[tuple],
    org_weights: list[float],
    cities: dict[int, str],
) -> None:
    with context.bar("events", total) as progress:
        for size in context.batches(total):
            rows = [event_row(generator, organizations, org_weights, cities) for _ in range(size)]
            created = context.insert(Event, rows)
            context.kept.setdefault("exchanges", []).extend(
                (event.pk, event.capacity, event.country_id) for event in created
            )
            progress.update(size)
    create_registrations(context, generator, context.counts.get("registrations", 0))


def create_registrations(context: BulkContext, generator: Generator, total: int) -> None:
    """Registrations spread over the events just written: places held up to each capacity,
    the rest waiting; names and emails made up, never an account's."""
    events = context.kept.get("exchanges", [])
    if not events or not total:
        return
    rng = generator.rng
    held: dict[int, int] = {}
    statuses = Registration.Status
    languages = ["en", "zh-hans", "ru", "ar", "fr", "es"]
    with context.bar("registrations", total) as progress:
        written = 0
        for size in context.batches(total):
            rows = []
            for _ in range(size):
                event_id, capacity, country = events[rng.randrange(len(events))]
                taken = held.get(event_id, 0)
                if capacity is not None and taken >= capacity:
                    status = statuses.WAITING
                else:
                    status = statuses.CONFIRMED if rng.random() < 0.9 else statuses.CANCELLED
                    if status == statuses.CONFIRMED:
                        held[event_id] = taken + 1
                written += 1
                rows.append(
                    Registration(
                        event_id=event_id,
                        full_name=f"Participant {written}",
                        email=f"bulk-participant-{context.seed}-{written}-{rng.randrange(10**9)}@example.org",
                        language=rng.choice(languages),
                        country_id=country,
                        status=status,
                        code=new_code(12),
                    )
                )
            context.insert(Registration, rows)
            progress.update(size)


def event_row(
    generator: Generator,
    organizations: Sequence[tuple],
    org_weights: list[float],
    cities: dict[int, str],
) -> Event:
    rng = generator.rng
    organizer_id, org_country, area = rng.choices(organizations, cum_weights=org_weights)[0]
    if rng.random() < 0.7:
        country, city = org_country, cities[organizer_id]
    else:
        country = generator.country()
        city = generator.city(country)
    home = LANGUAGE_BY_COUNTRY.get(country, "en")
    original = generator.original_language(country)
    kind = rng.choices([k for k, _w in EVENT_KINDS], weights=[w for _k, w in EVENT_KINDS])[0]
    starts = day_between(rng, date(2018, 1, 1), date(2028, 12, 31), growth=0.8)
    ends = starts + timedelta(days=rng.choices([0, 1, 2, 3, 4], weights=[25, 30, 25, 12, 8])[0])
    place = rng.choice(PLACES)
    need = rng.choice(NEEDS[area])

    def title(language: str) -> str:
        i = LANG_INDEX[language]
        return EVENT_TITLES[kind][i].format(place=place[i], need=need[i], year=starts.year)

    def description(language: str) -> str:
        return AREA_SENTENCES[area][LANG_INDEX[language]]

    created = as_datetime(min(starts - timedelta(days=rng.randint(14, 300)), REFERENCE_DAY), rng)
    return Event(
        title=generator.text(original, home, title, mark=True),
        description=generator.text(original, home, description) if rng.random() < 0.85 else None,
        kind=kind,
        city=city,
        country_id=country,
        starts_on=starts,
        ends_on=ends,
        starts_at=datetime.combine(starts, time(9), tzinfo=UTC),
        ends_at=datetime.combine(ends, time(18), tzinfo=UTC),
        capacity=rng.choice([None, 20, 50, 100, 200]),
        organizer_id=organizer_id,
        created_at=created,
        updated_at=created,
    )
