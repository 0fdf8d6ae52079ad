"""Seeder 60 (core.seeding): the membership rows. For the demo, the applicants at each step of
the path, so the review and vote pages have work; for the benchmark, the people, the bulk Steering
Committee and Secretariat with their roles, each organisation's staff and contact, its membership
application (open or rejected for applicants, approved for members admitted since the platform
opened) with the Secretariat's questions, the answers and the committee's votes, and its
membership history.

It runs after governance (30), whose Constitution the applications accept. Its random streams are
its own, so where it runs changes none of the other rows. What it writes goes with the bulk
organisations and people when `--clear` removes them (members.seeding.organizations).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models.functions import Length

from accounts.models import NetworkRole, User
from core import data_versions
from core.seeding import BulkContext, DemoContext, at_noon, scaled
from core.seeding.bulk import (
    LANG_INDEX,
    LANGS,
    LANGUAGE_BY_COUNTRY,
    NETWORK_FOUNDED,
    REFERENCE_DAY,
    REFERENCE_END,
    ZH_SURNAMES,
    Generator,
    as_datetime,
    day_between,
    explicit_timestamps,
)
from governance.models import DocumentVersion, NetworkDocument
from members.models import (
    ApplicationMessage,
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
    StatusChange,
)
from members.seeding import PEOPLE_DOMAIN, PEOPLE_PREFIX, bulk_people
from members.seeding.demo_data import APPLICANTS, COMMITTEE, SECRETARIAT_STAFF
from members.seeding.organizations import OrgFacts
from members.selectors import MEMBER_DIRECTORY

# Staff and contacts are counted with the organisations.
BULK_DATA_VERSIONS = (data_versions.ORGANIZATIONS, MEMBER_DIRECTORY)


# --- The demo -----------------------------------------------------------------------------------


def seed_demo(context: DemoContext) -> None:
    load_applications(context)
    context.accounts.append(("applicants", [applicant_email(row) for row in APPLICANTS]))


def applicant_email(row: dict) -> str:
    return f"apply@{row['slug']}.example.org"


def load_applications(context: DemoContext) -> None:
    """The applicants at each step of the path, so the review and vote pages have work."""
    organizations, people, hashed = context.organizations, context.people, context.password
    constitution = (
        DocumentVersion.objects.filter(document__kind=NetworkDocument.Kind.CONSTITUTION)
        .order_by("-number")
        .first()
    )
    secretariat = people[SECRETARIAT_STAFF[0][0]]
    committee = [people[row[0]] for row in COMMITTEE]
    steps = [
        (MembershipApplication.Status.SUBMITTED, None),
        (
            MembershipApplication.Status.RETURNED,
            "Please send the registration certificate of your foundation, in Russian or English.",
        ),
        (MembershipApplication.Status.FORWARDED, None),
        (MembershipApplication.Status.DRAFT, None),
    ]
    for row, (status, question) in zip(APPLICANTS, steps, strict=False):
        organization = organizations[row["slug"]]
        email = applicant_email(row)
        user = User.objects.create_user(
            email=email,
            full_name=f"{organization.name.text.get('en', organization.name.original_text)} (applicant)",
            preferred_language="en",
        )
        user.password = hashed
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people[email] = user
        OrganizationStaff.objects.create(
            organization=organization,
            user=user,
            role=OrganizationStaff.Role.ADMIN,
            is_representative=True,
        )
        OrganizationContact.objects.create(
            organization=organization, name=user.full_name, email=email, public=False
        )
        submitted_at = at_noon(row["applied"])
        application = MembershipApplication.objects.create(
            organization=organization,
            applicant=user,
            status=status,
            constitution_version=constitution
            if status != MembershipApplication.Status.DRAFT
            else None,
            constitution_accepted_at=submitted_at
            if status != MembershipApplication.Status.DRAFT
            else None,
            submitted_at=submitted_at if status != MembershipApplication.Status.DRAFT else None,
            forwarded_at=submitted_at + timedelta(days=7)
            if status == MembershipApplication.Status.FORWARDED
            else None,
        )
        if question:
            ApplicationMessage.objects.create(
                application=application,
                author=secretariat,
                kind=ApplicationMessage.Kind.QUESTION,
                text=question,
            )
        if status == MembershipApplication.Status.FORWARDED:
            ApplicationVote.objects.create(
                application=application,
                voter=committee[0],
                choice=ApplicationVote.Choice.APPROVE,
            )


# --- The benchmark data set ---------------------------------------------------------------------


# Members admitted since then came in through a membership application on the platform.
PLATFORM_OPENED = date(2020, 1, 1)
# The bulk Steering Committee votes on the bulk applications; the bulk Secretariat asks the
# questions and decides the suspensions. Both are among the people, and always made.
COMMITTEE_SIZE, SECRETARIAT_SIZE = 15, 3
# Staff beside an organisation's one admin: 0 to 8, most organisations have few.
STAFF_WEIGHTS = [30, 24, 16, 10, 7, 5, 4, 2, 2]

# --- People: names by script, job titles, and what applicants and the Secretariat write ---------

ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志红玉德文海云燕鹏晓慧"
RU_GIVEN_MALE = [
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Нурлан", "Айбек", "Тимур", "Бахтиёр", "Руслан",
    "Игорь", "Ерлан", "Фарход",
]  # fmt: skip
RU_GIVEN_FEMALE = [
    "Анна", "Мария", "Елена", "Ольга", "Айгерим", "Гульнара", "Динара", "Зарина", "Наталья",
    "Светлана", "Мадина", "Асель",
]  # fmt: skip
RU_FAMILY = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Ахметов", "Садыков", "Исмаилов", "Абдуллаев",
    "Токтогулов", "Петров", "Сулейменов", "Каримов", "Волков", "Назаров",
]  # fmt: skip
AR_GIVEN = [
    "محمد", "أحمد", "علي", "عمر", "يوسف", "خالد", "حسن", "فاطمة", "مريم", "ليلى", "نور", "سارة",
    "هدى", "رنا", "سلمى", "كريم",
]  # fmt: skip
AR_FAMILY = [
    "الحسن", "العلي", "منصور", "حداد", "خوري", "سليمان", "النجار", "عبد الله", "الشامي", "المصري",
    "بن علي", "الزين", "الأحمد", "العمري",
]  # fmt: skip
FR_GIVEN = [
    "Marie", "Jean", "Aminata", "Moussa", "Fatou", "Ibrahima", "Claire", "Luc", "Awa", "Mamadou",
    "Élodie", "François", "Mariam", "Seydou",
]  # fmt: skip
FR_FAMILY = [
    "Dubois", "Diallo", "Traoré", "Ndiaye", "Martin", "Koné", "Ouédraogo", "Lefèvre", "Sow",
    "Camara", "Bernard", "Mbaye", "Sawadogo", "Girard",
]  # fmt: skip
ES_GIVEN = [
    "María", "José", "Lucía", "Carlos", "Ana", "Luis", "Rosa", "Juan", "Carmen", "Diego",
    "Valentina", "Mateo", "Ximena", "Wilmer",
]  # fmt: skip
ES_FAMILY = [
    "García", "Quispe", "Fernández", "Mamani", "López", "Rodríguez", "Huamán", "Martínez",
    "Flores", "Sánchez", "Condori", "Pérez", "Ccori", "Gutiérrez",
]  # fmt: skip
# Latin-script names by the countries where they are common; "family_first" writes the family
# name before the given name.
LATIN_CULTURES = [
    ("TR AZ", False,
     ["Ayşe", "Mehmet", "Elif", "Mustafa", "Zeynep", "Emre", "Leyla", "Orhan"],
     ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"]),
    ("ID MY BN", False,
     ["Budi", "Siti", "Agus", "Dewi", "Ahmad", "Nurul", "Rina", "Hafiz"],
     ["Santoso", "Rahman", "Wijaya", "Hidayat", "Lestari", "Ismail", "Saputra", "Abdullah"]),
    ("VN", True,
     ["An", "Lan", "Minh", "Hoa", "Tuấn", "Hương", "Dũng", "Thảo"],
     ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị"]),
    ("KE TZ ET UG RW", False,
     ["Amina", "Wanjiru", "Otieno", "Baraka", "Neema", "Juma", "Abebe", "Tigist"],
     ["Njoroge", "Mwangi", "Odhiambo", "Kimaro", "Mushi", "Kariuki", "Tesfaye", "Haile"]),
    ("IN NP BD LK PK BT", False,
     ["Priya", "Rahul", "Anjali", "Arjun", "Sita", "Ram", "Farhana", "Imran", "Nimal", "Ayesha"],
     ["Sharma", "Gurung", "Rahman", "Perera", "Khan", "Thapa", "Das", "Hossain", "Patel"]),
    ("TH LA KH MM", False,
     ["Somchai", "Malee", "Sokha", "Dara", "Aung", "Thida", "Niran", "Bopha"],
     ["Srisuk", "Chanthavong", "Sok", "Win", "Kyaw", "Phommachanh", "Chea", "Wongsa"]),
    ("IT GR RS", False,
     ["Giulia", "Marco", "Eleni", "Nikos", "Jelena", "Marko", "Chiara", "Dimitris"],
     ["Rossi", "Bianchi", "Papadopoulos", "Georgiou", "Petrović", "Jovanović", "Romano"]),
    ("MN", False,
     ["Bat-Erdene", "Oyunchimeg", "Ganbold", "Enkhjargal", "Bolormaa", "Tsogt"],
     ["Batbayar", "Dorj", "Ganzorig", "Sükhbaatar", "Erdenebat", "Tömör"]),
]  # fmt: skip
LATIN_BY_COUNTRY = {
    code: (family_first, given, family)
    for codes, family_first, given, family in LATIN_CULTURES
    for code in codes.split()
}
LATIN_DEFAULT = (
    False,
    ["Sarah", "David", "Emma", "James", "Grace", "Daniel", "Olivia", "Samuel", "Joy", "Peter"],
    ["Smith", "Johnson", "Brown", "Mensah", "Okafor", "Silva", "Santos", "Wilson", "Adeyemi"],
)

# Job titles by language; the first is the head of the organisation.
JOB_TITLES = {
    "en": ["Director", "Programme officer", "Project coordinator", "Communications officer",
           "Volunteer coordinator", "Finance officer"],
    "zh-hans": ["主任", "项目官员", "项目协调员", "传播官员", "志愿者协调员", "财务主管"],
    "ru": ["Директор", "Менеджер программ", "Координатор проектов",
           "Специалист по коммуникациям", "Координатор волонтёров", "Бухгалтер"],
    "ar": ["المدير", "مسؤول البرامج", "منسق المشاريع", "مسؤول الاتصال", "منسق المتطوعين",
           "المسؤول المالي"],
    "fr": ["Directrice", "Chargé de programmes", "Coordinatrice de projets",
           "Chargé de communication", "Coordinateur des bénévoles", "Responsable financier"],
    "es": ["Directora", "Oficial de programas", "Coordinador de proyectos",
           "Responsable de comunicación", "Coordinadora de voluntariado", "Responsable de finanzas"],
}  # fmt: skip

# The Secretariat's questions and the applicants' answers, pairwise, in (en, zh-hans, ru, ar, fr, es).
QUESTIONS = [
    (
        "Please send your registration certificate, with a translation into English.",
        "请提供贵机构的登记证书及其英文译本。",
        "Пожалуйста, пришлите свидетельство о регистрации с переводом на английский язык.",
        "يرجى إرسال شهادة التسجيل مع ترجمة إلى اللغة الإنجليزية.",
        "Merci d'envoyer votre certificat d'enregistrement, avec une traduction en anglais.",
        "Envíen por favor su certificado de registro, con una traducción al inglés.",
    ),
    (
        "Could you describe one project you carried out in the last two years?",
        "能否介绍一个贵机构近两年实施的项目？",
        "Не могли бы вы описать один проект, выполненный за последние два года?",
        "هل يمكنكم وصف مشروع واحد نفذتموه خلال العامين الماضيين؟",
        "Pourriez-vous décrire un projet mené au cours des deux dernières années ?",
        "¿Podrían describir un proyecto que hayan realizado en los últimos dos años?",
    ),
    (
        "Which member organisations know your work and could endorse you?",
        "哪些成员机构了解贵机构的工作并可以为贵机构推荐？",
        "Какие организации-члены знают вашу работу и могут вас рекомендовать?",
        "ما هي المنظمات الأعضاء التي تعرف عملكم ويمكنها تزكيتكم؟",
        "Quelles organisations membres connaissent votre travail et pourraient vous parrainer ?",
        "¿Qué organizaciones miembro conocen su trabajo y podrían avalarlos?",
    ),
]
ANSWERS = [
    (
        "We have uploaded the certificate together with a certified translation.",
        "我们已上传登记证书及经认证的译本。",
        "Мы загрузили свидетельство вместе с заверенным переводом.",
        "لقد رفعنا الشهادة مع ترجمة معتمدة.",
        "Nous avons déposé le certificat avec une traduction certifiée.",
        "Hemos subido el certificado junto con una traducción certificada.",
    ),
    (
        "Last year we trained 120 young people in three villages; the report is attached.",
        "去年我们在三个村庄培训了120名青年，报告已附上。",
        "В прошлом году мы обучили 120 молодых людей в трёх сёлах; отчёт приложен.",
        "دربنا العام الماضي 120 شاباً وشابة في ثلاث قرى، والتقرير مرفق.",
        "L'an dernier, nous avons formé 120 jeunes dans trois villages ; le rapport est joint.",
        "El año pasado capacitamos a 120 jóvenes en tres comunidades; adjuntamos el informe.",
    ),
    (
        "Two member organisations of our region have worked with us for several years.",
        "本地区两家成员机构已与我们合作多年。",
        "Две организации-члена из нашего региона работают с нами уже несколько лет.",
        "تعمل معنا منذ عدة سنوات منظمتان عضوان من منطقتنا.",
        "Deux organisations membres de notre région travaillent avec nous depuis plusieurs années.",
        "Dos organizaciones miembro de nuestra región trabajan con nosotros desde hace años.",
    ),
]
REJECTIONS = [
    (
        "The organisation does not meet the conditions for membership set by the Constitution.",
        "该机构不符合章程规定的入会条件。",
        "Организация не отвечает условиям членства, установленным Уставом.",
        "لا تستوفي المنظمة شروط العضوية التي حددها النظام الأساسي.",
        "L'organisation ne remplit pas les conditions d'adhésion fixées par la Constitution.",
        "La organización no cumple las condiciones de membresía fijadas por la Constitución.",
    ),
    (
        "The application stayed incomplete: the documents we asked for were not sent.",
        "申请材料不完整：我们要求的文件未提交。",
        "Заявка осталась неполной: запрошенные документы не были присланы.",
        "ظل الطلب ناقصاً: لم تُرسل الوثائق التي طلبناها.",
        "La demande est restée incomplète : les documents demandés n'ont pas été envoyés.",
        "La solicitud quedó incompleta: no se enviaron los documentos solicitados.",
    ),
]
FOUNDING_REASON = "Admitted by the founding members before the platform opened."
SUSPENSION_REASONS = [
    "No annual report for two years and no answer to the Secretariat's letters.",
    "Membership fees unpaid for two years.",
    "Under review after a complaint from partner organisations.",
]
REINSTATEMENT_REASONS = [
    "The annual reports were received; the suspension is lifted.",
    "The review found no breach of the Constitution.",
]
WITHDRAWAL_REASONS = [
    "The organisation has closed.",
    "The organisation decided to leave the Network.",
    "Merged into another member organisation.",
]


@dataclass
class StaffPlan:
    person: int  # position in the run's list of people
    role: str
    title: str
    shown: bool
    representative: bool
    joined: datetime


ADMIN, STAFF = OrganizationStaff.Role.ADMIN.value, OrganizationStaff.Role.STAFF.value
APPLICANT_MIX = [
    (MembershipApplication.Status.DRAFT.value, 25),
    (MembershipApplication.Status.SUBMITTED.value, 30),
    (MembershipApplication.Status.RETURNED.value, 15),
    (MembershipApplication.Status.FORWARDED.value, 20),
    (MembershipApplication.Status.REJECTED.value, 10),
]
VOTE = ApplicationVote.Choice
MESSAGE = ApplicationMessage.Kind
ORG_STATUS = Organization.Status


def committee_quorum() -> int:
    """Votes that decide an application before the bulk committee (see members.services)."""
    share = float(getattr(settings, "COMMITTEE_QUORUM", 0.5))
    return min(COMMITTEE_SIZE, max(1, math.ceil(COMMITTEE_SIZE * share)))


def person_email(number: int) -> str:
    return f"{PEOPLE_PREFIX}{number:06d}@{PEOPLE_DOMAIN}"


def vote_summary(choices: Sequence[str]) -> str:
    return (
        f"Steering Committee vote: {choices.count(VOTE.APPROVE)} for, "
        f"{choices.count(VOTE.REJECT)} against, {choices.count(VOTE.ABSTAIN)} abstaining."
    )


class Membership:
    """Makes the people and the membership rows, from random streams of their own, so the
    organisations, demands, projects and events are the same rows with or without them.

    People: the bulk Steering Committee (COMMITTEE_SIZE people) and Secretariat (SECRETARIAT_SIZE)
    first, then each organisation's staff (its admin first) named in its country's script, then
    people who belong to no organisation. Once the people are all used (only at tiny --factor),
    staff places go to people made earlier (someone working for two organisations).

    Each organisation's rows (its staff, their names, its contact, application, votes and
    history) come from a stream seeded by the organisation's number, so an organisation looks
    the same whatever the size of the data set.
    """

    def __init__(self, seed: str, generator: Generator, total_people: int, first_number: int):
        self.seed = seed
        self.main = self.rng = random.Random(f"{seed}:membership")
        self.generator = generator
        self.total = total_people
        self.first_number = first_number
        self.people: list[tuple[str, str, datetime]] = []  # (name, language, joined) by position
        self.staff: list[list[StaffPlan]] = []  # by organisation, its admin first
        self.contacts: list[OrganizationContact] = []
        self.staff_weights = list(itertools.accumulate(STAFF_WEIGHTS))
        self.applicant_weights = list(itertools.accumulate(w for _s, w in APPLICANT_MIX))
        self.quorum = committee_quorum()
        # The one password of every bulk person: unusable, and hashed once (Argon2 is slow).
        self.password = make_password(None)

    def use_stream_of(self, organization: OrgFacts, purpose: str) -> None:
        self.rng = random.Random(f"{self.seed}:membership:{organization.number}:{purpose}")

    def country(self) -> str:
        rng = self.rng
        return rng.choices(self.generator.countries, cum_weights=self.generator.country_weights)[0]

    def after(self, moment: datetime, low: float, high: float) -> datetime:
        """Some days after moment, never after the reference day."""
        return min(moment + timedelta(days=self.rng.uniform(low, high)), REFERENCE_END)

    # -- people, staff and contacts --

    def plan(self, organizations: Sequence[OrgFacts]) -> None:
        self.rng = self.main
        for _ in range(COMMITTEE_SIZE + SECRETARIAT_SIZE):
            country = self.country()
            self.add_person(country, day_between(self.rng, NETWORK_FOUNDED, date(2018, 6, 30)))
        for organization in organizations:
            self.use_stream_of(organization, "staff")
            rng = self.rng
            titles = JOB_TITLES[organization.language]
            founded = organization.created.date()
            places = 1 + rng.choices(range(len(STAFF_WEIGHTS)), cum_weights=self.staff_weights)[0]
            rows: list[StaffPlan] = []
            taken: set[int] = set()
            for place in range(places):
                joined = founded if place == 0 else day_between(rng, founded, REFERENCE_DAY, 2.0)
                if len(self.people) < self.total:
                    person = self.add_person(organization.country, joined)
                else:
                    person = rng.randrange(len(self.people))
                    if person in taken:
                        continue
                taken.add(person)
                roll = rng.random()
                if place == 0 and roll < 0.7:
                    title = titles[0]
                else:
                    title = rng.choice(titles[1:]) if roll < 0.85 else ""
                shown = rng.random() < (0.5 if place == 0 else 0.25)
                role = ADMIN if place == 0 else STAFF
                rows.append(StaffPlan(person, role, title, shown, False, as_datetime(joined, rng)))
            if rng.random() < 0.2:  # about one organisation in five names a representative
                chosen = rows[0] if rng.random() < 0.6 else rng.choice(rows)
                chosen.representative = True
                chosen.shown = chosen.shown or rng.random() < 0.7
            self.staff.append(rows)
            contact = self.contact(organization, rows[0].person)
            if contact is not None:
                self.contacts.append(contact)
        self.rng = self.main
        while len(self.people) < self.total:
            country = self.country()
            self.add_person(country, day_between(self.rng, NETWORK_FOUNDED, REFERENCE_DAY, 0.7))

    def add_person(self, country: str, joined: date) -> int:
        """Plans a person from that country; returns their position."""
        rng = self.rng
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        roll = rng.random()
        if home != "en":
            language = home if roll < 0.7 else "en" if roll < 0.93 else rng.choice(LANGS)
        else:
            language = "en" if roll < 0.85 else rng.choice(LANGS)
        self.people.append((self.name(country), language, as_datetime(joined, rng)))
        return len(self.people) - 1

    def name(self, country: str) -> str:
        rng = self.rng
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        if home == "zh-hans":
            return rng.choice(ZH_SURNAMES) + "".join(rng.choices(ZH_GIVEN, k=rng.choice((1, 2, 2))))
        if home == "ru":
            if rng.random() < 0.5:
                return f"{rng.choice(RU_GIVEN_MALE)} {rng.choice(RU_FAMILY)}"
            return f"{rng.choice(RU_GIVEN_FEMALE)} {rng.choice(RU_FAMILY)}а"
        if home == "ar":
            return f"{rng.choice(AR_GIVEN)} {rng.choice(AR_FAMILY)}"
        if home == "fr":
            return f"{rng.choice(FR_GIVEN)} {rng.choice(FR_FAMILY)}"
        if home == "es":
            return f"{rng.choice(ES_GIVEN)} {rng.choice(ES_FAMILY)} {rng.choice(ES_FAMILY)}"
        family_first, given, family = LATIN_BY_COUNTRY.get(country, LATIN_DEFAULT)
        first, last = rng.choice(given), rng.choice(family)
        return f"{last} {first}" if family_first else f"{first} {last}"

    def email(self, position: int) -> str:
        return person_email(self.first_number + position)

    def person(self, position: int) -> User:
        name, language, joined = self.people[position]
        return User(
            email=self.email(position),
            full_name=name,
            preferred_language=language,
            password=self.password,
            date_joined=joined,
        )

    def contact(self, organization: OrgFacts, admin: int) -> OrganizationContact | None:
        rng = self.rng
        if organization.status != ORG_STATUS.APPLICANT and rng.random() >= 0.85:
            return None
        if rng.random() < 0.6:
            name, email = self.people[admin][0], self.email(admin)
        else:
            name = self.name(organization.country)
            email = f"contact-{organization.number:06d}@organisations.example.org"
        phone = (
            f"+{rng.randint(1, 998)} {rng.randint(10, 999)} {rng.randint(100, 999)} "
            f"{rng.randint(1000, 9999)}"
            if rng.random() < 0.7
            else ""
        )
        return OrganizationContact(
            organization_id=organization.pk,
            name=name,
            email=email,
            phone=phone,
            public=rng.random() < 0.3,
        )

    # -- applications, votes and the membership history --

    def text(self, organization: OrgFacts, texts: Sequence[tuple[str, ...]], which: int) -> str:
        """One of parallel texts, in the applicant's language or (40%) in English."""
        language = organization.language if self.rng.random() < 0.6 else "en"
        return texts[which][LANG_INDEX[language]]

    def open_votes(
        self, committee: Sequence[int], forwarded: datetime
    ) -> list[tuple[int, str, datetime]]:
        """Votes so far on an application still before the committee: fewer than the quorum."""
        rng = self.rng
        voters = rng.sample(committee, rng.randrange(self.quorum))
        choices = rng.choices(
            [VOTE.APPROVE, VOTE.REJECT, VOTE.ABSTAIN], weights=[70, 15, 15], k=len(voters)
        )
        return [
            (voter, choice, self.after(forwarded, 0, 25))
            for voter, choice in zip(voters, choices, strict=True)
        ]

    def deciding_votes(
        self, committee: Sequence[int], approve: bool, forwarded: datetime, decided: datetime
    ) -> list[tuple[int, str, datetime]]:
        """The votes that decided: the quorum reached, the winning side ahead. The last vote
        decided, at decided."""
        rng = self.rng
        losing = rng.randint(0, (self.quorum - 1) // 3)
        abstaining = rng.randint(0, (self.quorum - 1) // 4)
        win, lose = (VOTE.APPROVE, VOTE.REJECT) if approve else (VOTE.REJECT, VOTE.APPROVE)
        choices = [lose] * losing + [VOTE.ABSTAIN] * abstaining
        choices += [win] * (self.quorum - len(choices))
        rng.shuffle(choices)
        voters = rng.sample(committee, self.quorum)
        span = decided - forwarded
        moments = sorted(forwarded + span * rng.random() for _ in range(self.quorum - 1))
        return list(zip(voters, choices, [*moments, decided], strict=True))

    def application(
        self,
        organization: OrgFacts,
        applicant: int,
        *,
        committee: Sequence[int],
        secretariat: Sequence[int],
        endorsers: Sequence[int],
        constitution: int | None,
    ) -> tuple[MembershipApplication, list[tuple], list[tuple]] | None:
        """The organisation's application, its messages (kind, author, text, when) and its votes
        (voter, choice, when); None for members admitted before the platform opened. Starts the
        organisation's stream for its application and history (call history() next).

        endorsers: member organisations numbered before this one (an endorser is an older member).
        """
        self.use_stream_of(organization, "application")
        rng = self.rng
        Status = MembershipApplication.Status
        messages: list[tuple] = []
        votes: list[tuple] = []
        submitted = forwarded = decided = None
        reason = ""
        officer = rng.choice(secretariat)
        if organization.status == ORG_STATUS.APPLICANT:
            status = rng.choices(APPLICANT_MIX, cum_weights=self.applicant_weights)[0][0]
            created = last = organization.created
            if status == Status.DRAFT:
                last = self.after(created, 0, 20)
            else:
                submitted = last = self.after(created, 1, 30)
                asked = status == Status.RETURNED or (
                    status in (Status.SUBMITTED, Status.FORWARDED) and rng.random() < 0.2
                )
                if asked:
                    which = rng.randrange(len(QUESTIONS))
                    last = self.after(last, 2, 14)
                    messages.append(
                        (MESSAGE.QUESTION, officer, self.text(organization, QUESTIONS, which), last)
                    )
                    if status != Status.RETURNED:
                        last = self.after(last, 1, 15)
                        messages.append(
                            (
                                MESSAGE.ANSWER,
                                applicant,
                                self.text(organization, ANSWERS, which),
                                last,
                            )
                        )
                if status == Status.FORWARDED:
                    forwarded = last = self.after(last, 3, 30)
                    votes = self.open_votes(committee, forwarded)
                    last = max([last, *(moment for _v, _c, moment in votes)])
                elif status == Status.REJECTED:
                    if rng.random() < 0.5:  # by the Secretariat, during its review
                        decided = self.after(last, 5, 40)
                        reason = self.text(organization, REJECTIONS, rng.randrange(len(REJECTIONS)))
                        messages.append((MESSAGE.DECISION, officer, reason, decided))
                    else:  # by the committee's vote
                        forwarded = self.after(last, 3, 30)
                        decided = self.after(forwarded, 5, 45)
                        votes = self.deciding_votes(committee, False, forwarded, decided)
                        reason = vote_summary([choice for _v, choice, _m in votes])
                        messages.append((MESSAGE.DECISION, None, reason, decided))
                    last = decided
        elif organization.member_since is not None and organization.member_since >= PLATFORM_OPENED:
            status = Status.APPROVED
            decided = last = as_datetime(organization.member_since, rng)
            forwarded = decided - timedelta(days=rng.uniform(5, 45))
            submitted = forwarded - timedelta(days=rng.uniform(3, 40))
            created = submitted - timedelta(days=rng.uniform(1, 90))
            if rng.random() < 0.15:
                which = rng.randrange(len(QUESTIONS))
                span = forwarded - submitted
                question = self.text(organization, QUESTIONS, which)
                answer = self.text(organization, ANSWERS, which)
                messages.append((MESSAGE.QUESTION, officer, question, submitted + span * 0.3))
                messages.append((MESSAGE.ANSWER, applicant, answer, submitted + span * 0.6))
            votes = self.deciding_votes(committee, True, forwarded, decided)
            reason = vote_summary([choice for _v, choice, _m in votes])
            messages.append((MESSAGE.DECISION, None, reason, decided))
        else:
            return None
        endorsed_by = None
        if submitted is not None and endorsers and rng.random() < 0.15:
            endorsed_by = rng.choice(endorsers)
        application = MembershipApplication(
            organization_id=organization.pk,
            applicant_id=applicant,
            status=status,
            constitution_version_id=constitution if submitted else None,
            constitution_accepted_at=submitted if constitution else None,
            endorsed_by_id=endorsed_by,
            submitted_at=submitted,
            forwarded_at=forwarded,
            decided_at=decided,
            decision_reason=reason,
            created_at=created,
            updated_at=last,
        )
        return application, messages, votes

    def history(
        self,
        organization: OrgFacts,
        admitted: tuple[datetime, str] | None,
        admin: int,
        secretariat: Sequence[int],
    ) -> list[StatusChange]:
        """The membership history of an organisation that became a member: admitted, and for
        some suspended, reinstated or withdrawn since."""
        rng = self.rng
        if organization.status == ORG_STATUS.APPLICANT or organization.member_since is None:
            return []
        moment, reason = admitted or (as_datetime(organization.member_since, rng), FOUNDING_REASON)
        rows = [
            StatusChange(
                organization_id=organization.pk,
                from_status=ORG_STATUS.APPLICANT,
                to_status=ORG_STATUS.MEMBER,
                actor_id=None,
                reason=reason,
                created_at=moment,
            )
        ]
        if organization.status == ORG_STATUS.SUSPENDED:
            path = [ORG_STATUS.SUSPENDED]
        elif organization.status == ORG_STATUS.WITHDRAWN:
            path = (
                [ORG_STATUS.SUSPENDED, ORG_STATUS.WITHDRAWN]
                if rng.random() < 0.3
                else [ORG_STATUS.WITHDRAWN]
            )
        elif rng.random() < 0.04:
            path = [ORG_STATUS.SUSPENDED, ORG_STATUS.MEMBER]
        else:
            path = []
        current = ORG_STATUS.MEMBER
        for to_status in path:
            day = day_between(rng, moment.date(), REFERENCE_DAY)
            moment = max(as_datetime(day, rng), moment + timedelta(hours=1))
            if to_status == ORG_STATUS.SUSPENDED:
                actor, reason = rng.choice(secretariat), rng.choice(SUSPENSION_REASONS)
            elif to_status == ORG_STATUS.MEMBER:
                actor, reason = rng.choice(secretariat), rng.choice(REINSTATEMENT_REASONS)
            else:
                actor = admin if rng.random() < 0.6 else rng.choice(secretariat)
                reason = rng.choice(WITHDRAWAL_REASONS)
            rows.append(
                StatusChange(
                    organization_id=organization.pk,
                    from_status=current,
                    to_status=to_status,
                    actor_id=actor,
                    reason=reason,
                    created_at=moment,
                )
            )
            current = to_status
        return rows


MEMBERSHIP_MODELS = (
    MembershipApplication,
    ApplicationMessage,
    ApplicationVote,
    StatusChange,
    NetworkRole,
)


def next_person_number() -> int:
    """The number after the highest bulk person's, so a run without --clear adds new people."""
    last = (
        bulk_people()
        .order_by(Length("email").desc(), "-email")
        .values_list("email", flat=True)
        .first()
    )
    if last is None:
        return 1
    number = last[len(PEOPLE_PREFIX) :].split("@", 1)[0]
    return int(number) + 1 if number.isdigit() else bulk_people().count() + 1


def bulk_rows(multiplier: float) -> dict[str, int]:
    # The bulk committee and Secretariat are always made.
    return {"people": scaled(50_000, multiplier, at_least=COMMITTEE_SIZE + SECRETARIAT_SIZE)}


def seed_bulk(context: BulkContext) -> None:
    generator = context.generator
    # The same seed as the other rows' generator, in streams of its own.
    membership = Membership(
        generator.seed, generator, context.counts["people"], next_person_number()
    )
    with explicit_timestamps(*MEMBERSHIP_MODELS):
        create_membership(context, membership, context.kept["members"])


def create_membership(
    context: BulkContext, membership: Membership, organizations: list[OrgFacts]
) -> None:
    """People, the bulk committee and Secretariat, staff, contacts, applications with their
    messages and votes, and the membership history of every bulk organisation."""
    membership.plan(organizations)
    people = create_people(context, membership)
    committee = people[:COMMITTEE_SIZE]
    secretariat = people[COMMITTEE_SIZE : COMMITTEE_SIZE + SECRETARIAT_SIZE]
    roles = [
        NetworkRole(
            user_id=people[position],
            role=role,
            granted_at=membership.people[position][2],
        )
        for role, positions in (
            (NetworkRole.Role.COMMITTEE, range(COMMITTEE_SIZE)),
            (
                NetworkRole.Role.SECRETARIAT,
                range(COMMITTEE_SIZE, COMMITTEE_SIZE + SECRETARIAT_SIZE),
            ),
        )
        for position in positions
    ]
    context.insert(NetworkRole, roles)
    create_staff(context, membership, people, organizations)
    create_applications(context, membership, people, committee, secretariat, organizations)


def create_people(context: BulkContext, membership: Membership) -> list[int]:
    """Writes the people and their verified email addresses; returns their ids by position."""
    people: list[int] = []
    total = len(membership.people)
    with context.bar("people", total) as progress:
        for size in context.batches(total):
            start = len(people)
            users = [membership.person(position) for position in range(start, start + size)]
            context.insert(User, users)
            context.insert(
                EmailAddress,
                [
                    EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
                    for user in users
                ],
            )
            people += [user.pk for user in users]
            progress.update(size)
    return people


def create_staff(
    context: BulkContext, membership: Membership, people: list[int], organizations: list[OrgFacts]
) -> None:
    with context.bar("staff", len(organizations), " organisations") as progress:
        for start in range(0, len(organizations), context.batch_size):
            chunk = range(start, min(start + context.batch_size, len(organizations)))
            staff = [
                OrganizationStaff(
                    organization_id=organizations[i].pk,
                    user_id=people[plan.person],
                    role=plan.role,
                    title=plan.title,
                    shown_publicly=plan.shown,
                    is_representative=plan.representative,
                    joined_at=plan.joined,
                )
                for i in chunk
                for plan in membership.staff[i]
            ]
            context.insert(OrganizationStaff, staff)
            progress.update(len(chunk))
    context.insert(OrganizationContact, membership.contacts)


def create_applications(
    context: BulkContext,
    membership: Membership,
    people: list[int],
    committee: list[int],
    secretariat: list[int],
    organizations: list[OrgFacts],
) -> None:
    constitution = (
        DocumentVersion.objects.filter(document__kind=NetworkDocument.Kind.CONSTITUTION)
        .order_by("-number")
        .values_list("pk", flat=True)
        .first()
    )
    endorsers: list[int] = []  # the members seen so far
    with context.bar("applications", len(organizations), " organisations") as progress:
        for start in range(0, len(organizations), context.batch_size):
            chunk = range(start, min(start + context.batch_size, len(organizations)))
            made, history = [], []
            for i in chunk:
                organization = organizations[i]
                admin = people[membership.staff[i][0].person]
                result = membership.application(
                    organization,
                    admin,
                    committee=committee,
                    secretariat=secretariat,
                    endorsers=endorsers,
                    constitution=constitution,
                )
                admitted = None
                if result is not None:
                    made.append(result)
                    application = result[0]
                    if application.status == MembershipApplication.Status.APPROVED:
                        admitted = (application.decided_at, application.decision_reason)
                history += membership.history(organization, admitted, admin, secretariat)
                if organization.status == ORG_STATUS.MEMBER:
                    endorsers.append(organization.pk)
            context.insert(MembershipApplication, [application for application, _m, _v in made])
            messages, votes = [], []
            for application, said, cast in made:
                messages += [
                    ApplicationMessage(
                        application_id=application.pk,
                        author_id=author,
                        kind=kind,
                        text=text,
                        created_at=moment,
                    )
                    for kind, author, text, moment in said
                ]
                votes += [
                    ApplicationVote(
                        application_id=application.pk,
                        voter_id=voter,
                        choice=choice,
                        cast_at=moment,
                    )
                    for voter, choice, moment in cast
                ]
            context.insert(ApplicationMessage, messages)
            context.insert(ApplicationVote, votes)
            context.insert(StatusChange, history)
            progress.update(len(chunk))


# -- clearing --
