"""Generate the benchmark data set: many organisations with their people, demands, projects and
events, fast.

    manage.py seed_bulk --scale large            # >= 10,000 organisations, 50,000 people, ...
    manage.py seed_bulk --scale small --clear    # replace earlier bulk rows with a small set

The data is deterministic (random.Random streams with fixed seeds) and skewed like real data: a few
countries and key areas hold many rows, the rest a long tail (Zipf-like weights). Texts and names
are written in Latin, Chinese, Cyrillic and Arabic script, with translations stored beside some.

Membership (see Membership): people (every one with the same unusable password, hashed once, and
a verified email address), a bulk Steering Committee and Secretariat holding their network roles,
each organisation's admin and staff, its contact person, its membership application (open or
rejected for applicants, approved for members admitted since the platform opened) with the
Secretariat's questions, the answers and the committee's votes (one per member and application),
and its membership history.

Bulk rows are recognisable, so --clear removes them and nothing else: organisations have slugs
starting "bulk-" (their staff, contacts, applications, messages, votes and history go with them);
people have emails "bulk-NNNNNN@people.example.org" (their email addresses and roles go with
them); demands, projects and events carry {"seed": "bulk"} in their title JSON (and projects and
events also point to bulk organisations). Rows are written with bulk_create in batches, in one
transaction, and work on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.text import slugify
from tqdm import tqdm

from accounts.models import NetworkRole, User
from cooperation.models import Demand, Project
from core import taxonomy
from core.data_versions import DEMANDS, EVENTS, ORGANIZATIONS, PROJECTS, counted_once
from core.models import Country
from core.multilingual import MultilingualText
from exchanges.models import Event
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

SLUG_PREFIX = "bulk-"
# The kinds of data a run changes (core.data_versions).
TOUCHED = (ORGANIZATIONS, DEMANDS, PROJECTS, EVENTS)
MARK_KEY, MARK_VALUE = "seed", "bulk"
DEFAULT_SEED = 20171121
# Rows at --scale large; small and medium are 1/100 and 1/10 of it.
LARGE = {
    "organizations": 10_000,
    "demands": 100_000,
    "projects": 50_000,
    "events": 20_000,
    "people": 50_000,
}
SCALES = {"small": 0.01, "medium": 0.1, "large": 1.0}
# "Today" for the generated data (project status, event dates), fixed so every run is the same.
REFERENCE_DAY = date(2026, 11, 1)
NETWORK_FOUNDED = date(2017, 11, 22)
# Members admitted since then came in through a membership application on the platform.
PLATFORM_OPENED = date(2020, 1, 1)

# People are recognisable by their email: bulk-000123@people.example.org.
PEOPLE_PREFIX, PEOPLE_DOMAIN = "bulk-", "people.example.org"
# The bulk Steering Committee votes on the bulk applications; the bulk Secretariat asks the
# questions and decides the suspensions. Both are among the people, and always made.
COMMITTEE_SIZE, SECRETARIAT_SIZE = 15, 3
# Staff beside an organisation's one admin: 0 to 8, most organisations have few.
STAFF_WEIGHTS = [30, 24, 16, 10, 7, 5, 4, 2, 2]

LANGS = ("en", "zh-hans", "ru", "ar", "fr", "es")
LANG_INDEX = {code: i for i, code in enumerate(LANGS)}

# --- Who writes in which language ------------------------------------------------------------

_LANGUAGE_COUNTRIES = {
    "zh-hans": "CN",
    "ru": "RU BY KZ KG TJ UZ TM",
    "ar": "EG JO LB AE SA IQ SY YE OM KW QA BH DZ MA TN LY SD PS MR",
    "fr": "FR SN CI ML BF NE TD CM CD CG GA BJ TG GN MG HT",
    "es": "ES MX AR PE CO CL BO EC VE UY PY CU GT HN SV NI CR PA DO",
}
LANGUAGE_BY_COUNTRY = {
    code: language for language, codes in _LANGUAGE_COUNTRIES.items() for code in codes.split()
}
# Countries with the most rows, in order; every other country follows in a shuffled long tail.
HEAD_COUNTRIES = [
    "CN", "RU", "KZ", "PK", "UZ", "KE", "EG", "TH", "IN", "ID", "TR", "NP", "BD", "VN", "KG", "MN",
    "IR", "LK", "MY", "FR", "IT", "RS", "GR", "BY", "JO", "LB", "AE", "ET", "TZ", "BR", "MM", "KH",
    "LA", "PE", "SN", "MA", "AZ", "TJ", "GE", "AM",
]  # fmt: skip

CITIES = {
    "CN": ["Beijing", "Shanghai", "Kunming", "Chengdu", "Lanzhou", "Urumqi", "Xi'an", "Guangzhou"],
    "RU": ["Moscow", "Kazan", "Irkutsk", "Novosibirsk", "Yekaterinburg", "Ulan-Ude"],
    "KZ": ["Almaty", "Astana", "Shymkent", "Kyzylorda", "Turkistan"],
    "PK": ["Lahore", "Karachi", "Islamabad", "Peshawar", "Gilgit", "Quetta"],
    "UZ": ["Tashkent", "Samarkand", "Bukhara", "Khiva", "Fergana"],
    "KE": ["Nairobi", "Nakuru", "Kisumu", "Mombasa", "Eldoret"],
    "EG": ["Cairo", "Alexandria", "Aswan", "Luxor", "Faiyum"],
    "TH": ["Bangkok", "Chiang Mai", "Chiang Rai", "Khon Kaen", "Udon Thani"],
    "IN": ["New Delhi", "Kolkata", "Chennai", "Guwahati", "Leh"],
    "ID": ["Jakarta", "Makassar", "Yogyakarta", "Medan", "Kupang"],
    "TR": ["Istanbul", "Ankara", "Kayseri", "Gaziantep", "Izmir"],
    "NP": ["Kathmandu", "Pokhara", "Biratnagar", "Nepalgunj"],
    "BD": ["Dhaka", "Khulna", "Chittagong", "Sylhet", "Rajshahi"],
    "VN": ["Hanoi", "Ho Chi Minh City", "Can Tho", "Hue", "Da Nang"],
    "KG": ["Bishkek", "Osh", "Karakol", "Naryn"],
    "MN": ["Ulaanbaatar", "Erdenet", "Dalanzadgad", "Khovd"],
    "IR": ["Tehran", "Isfahan", "Yazd", "Tabriz", "Mashhad"],
    "LK": ["Colombo", "Kandy", "Galle", "Jaffna"],
    "MY": ["Kuala Lumpur", "Kuching", "Penang", "Kota Kinabalu"],
    "FR": ["Paris", "Lyon", "Marseille", "Lille", "Toulouse"],
    "IT": ["Rome", "Venice", "Milan", "Naples", "Palermo"],
    "RS": ["Belgrade", "Novi Sad", "Niš"],
    "GR": ["Athens", "Thessaloniki", "Patras"],
    "BY": ["Minsk", "Brest", "Pinsk", "Gomel"],
    "JO": ["Amman", "Irbid", "Mafraq", "Aqaba"],
    "LB": ["Beirut", "Tripoli", "Byblos", "Zahle"],
    "AE": ["Dubai", "Abu Dhabi", "Sharjah"],
    "ET": ["Addis Ababa", "Bahir Dar", "Mekelle", "Hawassa"],
    "TZ": ["Dar es Salaam", "Arusha", "Moshi", "Dodoma"],
    "BR": ["São Paulo", "Brasília", "Recife", "Belém"],
    "MM": ["Yangon", "Mandalay", "Taunggyi"],
    "KH": ["Phnom Penh", "Battambang", "Siem Reap"],
    "LA": ["Vientiane", "Luang Prabang", "Pakse"],
    "PE": ["Lima", "Cusco", "Arequipa", "Ayacucho"],
    "SN": ["Dakar", "Thiès", "Saint-Louis", "Kaolack"],
    "MA": ["Rabat", "Marrakech", "Fès", "Agadir"],
}

# --- Parallel vocabulary: (en, zh-hans, ru, ar, fr, es) ---------------------------------------

PLACES = [
    ("Pamir", "帕米尔", "Памир", "بامير", "Pamir", "Pamir"),
    ("Tian Shan", "天山", "Тянь-Шань", "تيان شان", "Tian Shan", "Tian Shan"),
    ("Altai", "阿尔泰", "Алтай", "ألتاي", "Altaï", "Altái"),
    ("Karakoram", "喀喇昆仑", "Каракорум", "قراقرم", "Karakoram", "Karakórum"),
    ("Mekong", "湄公", "Меконг", "ميكونغ", "Mékong", "Mekong"),
    ("Oasis", "绿洲", "Оазис", "الواحة", "Oasis", "Oasis"),
    ("Caravan", "驼队", "Караван", "القافلة", "Caravane", "Caravana"),
    ("Lotus", "莲花", "Лотос", "اللوتس", "Lotus", "Loto"),
    ("Jade Gate", "玉门", "Нефритовые ворота", "بوابة اليشم", "Porte de Jade", "Puerta de Jade"),
    ("Dunhuang", "敦煌", "Дуньхуан", "دونهوانغ", "Dunhuang", "Dunhuang"),
    ("Samarkand", "撒马尔罕", "Самарканд", "سمرقند", "Samarcande", "Samarcanda"),
    ("Bukhara", "布哈拉", "Бухара", "بخارى", "Boukhara", "Bujará"),
    ("Kashgar", "喀什", "Кашгар", "كاشغر", "Kachgar", "Kasgar"),
    ("Indus", "印度河", "Инд", "السند", "Indus", "Indo"),
    ("Himalaya", "喜马拉雅", "Гималаи", "الهيمالايا", "Himalaya", "Himalaya"),
    ("Irrawaddy", "伊洛瓦底", "Иравади", "إيراوادي", "Irrawaddy", "Irawadi"),
    ("Nile", "尼罗河", "Нил", "النيل", "Nil", "Nilo"),
    ("Euphrates", "幼发拉底", "Евфрат", "الفرات", "Euphrate", "Éufrates"),
    ("Anatolia", "安纳托利亚", "Анатолия", "الأناضول", "Anatolie", "Anatolia"),
    ("Danube", "多瑙河", "Дунай", "الدانوب", "Danube", "Danubio"),
    ("Volga", "伏尔加", "Волга", "الفولغا", "Volga", "Volga"),
    ("Baikal", "贝加尔", "Байкал", "بايكال", "Baïkal", "Baikal"),
    ("Gobi", "戈壁", "Гоби", "غوبي", "Gobi", "Gobi"),
    ("Aral", "咸海", "Арал", "آرال", "Aral", "Aral"),
    ("Caspian", "里海", "Каспий", "قزوين", "Caspienne", "Caspio"),
    ("Kilimanjaro", "乞力马扎罗", "Килиманджаро", "كليمنجارو", "Kilimandjaro", "Kilimanjaro"),
    ("Rift Valley", "东非大裂谷", "Рифт", "الوادي المتصدع", "Rift", "Valle del Rift"),
    ("Andes", "安第斯", "Анды", "الأنديز", "Andes", "Andes"),
    ("Atlas", "阿特拉斯", "Атлас", "الأطلس", "Atlas", "Atlas"),
    ("Cedar", "雪松", "Кедр", "الأرز", "Cèdre", "Cedro"),
    ("Silk Road", "丝路", "Шёлковый путь", "طريق الحرير", "Route de la soie", "Ruta de la Seda"),
    ("Sunrise", "晨曦", "Рассвет", "الفجر", "Aurore", "Amanecer"),
    ("Harmony", "和谐", "Гармония", "الوئام", "Harmonie", "Armonía"),
    ("Horizon", "地平线", "Горизонт", "الأفق", "Horizon", "Horizonte"),
    ("Seedling", "幼苗", "Росток", "البذرة", "Pousse", "Brote"),
    ("Bridge", "桥梁", "Мост", "الجسر", "Pont", "Puente"),
    ("Camel Bell", "驼铃", "Колокольчик", "جرس القافلة", "Clochette", "Cascabel"),
]

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

AREA_SENTENCES = {
    "poverty-relief": (
        "We help the poorest households secure food and a steady income.",
        "我们帮助最贫困的家庭获得粮食和稳定收入。",
        "Мы помогаем самым бедным семьям обеспечить себя едой и постоянным доходом.",
        "نساعد الأسر الأشد فقراً على تأمين الغذاء ودخل ثابت.",
        "Nous aidons les ménages les plus pauvres à assurer leur alimentation et un revenu stable.",
        "Ayudamos a los hogares más pobres a asegurar alimentos y un ingreso estable.",
    ),
    "education": (
        "We support schools, teachers and learners of every age.",
        "我们支持学校、教师和各年龄段的学习者。",
        "Мы поддерживаем школы, учителей и учащихся всех возрастов.",
        "ندعم المدارس والمعلمين والمتعلمين من جميع الأعمار.",
        "Nous soutenons les écoles, les enseignants et les apprenants de tout âge.",
        "Apoyamos a escuelas, docentes y estudiantes de todas las edades.",
    ),
    "health": (
        "We bring basic health care and health education to villages.",
        "我们把基本医疗和健康教育送到乡村。",
        "Мы приносим в сёла базовую медицинскую помощь и знания о здоровье.",
        "نوصل الرعاية الصحية الأساسية والتثقيف الصحي إلى القرى.",
        "Nous apportons les soins de base et l'éducation à la santé dans les villages.",
        "Llevamos atención básica de salud y educación sanitaria a las comunidades.",
    ),
    "environmental-protection": (
        "We protect water, land and forests together with local communities.",
        "我们与当地社区一起保护水源、土地和森林。",
        "Мы вместе с местными жителями охраняем воду, землю и леса.",
        "نحمي المياه والأراضي والغابات بالتعاون مع المجتمعات المحلية.",
        "Nous protégeons l'eau, les sols et les forêts avec les communautés locales.",
        "Protegemos el agua, la tierra y los bosques junto con las comunidades locales.",
    ),
    "youth-training": (
        "We train young people in skills that lead to work.",
        "我们为青年提供能带来就业的技能培训。",
        "Мы обучаем молодёжь навыкам, которые помогают найти работу.",
        "ندرّب الشباب على مهارات تقودهم إلى العمل.",
        "Nous formons les jeunes à des métiers qui mènent à l'emploi.",
        "Formamos a jóvenes en oficios que conducen al empleo.",
    ),
    "job-creation": (
        "We help small enterprises and co-operatives create decent jobs.",
        "我们帮助小微企业和合作社创造体面的工作岗位。",
        "Мы помогаем малым предприятиям и кооперативам создавать достойные рабочие места.",
        "نساعد المشاريع الصغيرة والتعاونيات على خلق فرص عمل لائقة.",
        "Nous aidons les petites entreprises et les coopératives à créer des emplois décents.",
        "Ayudamos a pequeñas empresas y cooperativas a crear empleos dignos.",
    ),
    "cultural-exchange": (
        "We bring people from different countries together through culture.",
        "我们通过文化交流把不同国家的人们联系在一起。",
        "Мы сближаем людей из разных стран через культуру.",
        "نجمع بين شعوب البلدان المختلفة من خلال الثقافة.",
        "Nous rapprochons les peuples de différents pays par la culture.",
        "Acercamos a personas de distintos países a través de la cultura.",
    ),
}

ORG_SENTENCES = [
    (
        "Founded in {year}, we work hand in hand with local volunteers.",
        "我们成立于{year}年，与当地志愿者携手工作。",
        "Мы основаны в {year} году и работаем вместе с местными волонтёрами.",
        "تأسسنا عام {year} ونعمل جنباً إلى جنب مع المتطوعين المحليين.",
        "Fondés en {year}, nous travaillons main dans la main avec des bénévoles locaux.",
        "Fundados en {year}, trabajamos codo a codo con voluntarios locales.",
    ),
    (
        "Our programmes reach about {n} people each year.",
        "我们的项目每年惠及约{n}人。",
        "Наши программы ежегодно охватывают около {n} человек.",
        "تصل برامجنا إلى نحو {n} شخص كل عام.",
        "Nos programmes touchent environ {n} personnes chaque année.",
        "Nuestros programas llegan a unas {n} personas cada año.",
    ),
    (
        "We welcome partners from every country of the Network.",
        "我们欢迎合作网络各国的伙伴。",
        "Мы открыты для партнёров из всех стран Сети.",
        "نرحب بالشركاء من جميع بلدان الشبكة.",
        "Nous accueillons des partenaires de tous les pays du Réseau.",
        "Damos la bienvenida a socios de todos los países de la Red.",
    ),
]

NEEDS = {
    "poverty-relief": [
        ("Seeds and tools for family farms", "家庭农场的种子和农具",
         "Семена и инструменты для семейных хозяйств", "بذور وأدوات للمزارع العائلية",
         "Semences et outils pour les fermes familiales", "Semillas y herramientas para fincas familiares"),
        ("A village grain store", "村级粮仓", "Сельский зерновой склад", "مخزن حبوب للقرية",
         "Un grenier villageois", "Un almacén comunitario de granos"),
        ("Livestock for poor households", "贫困户的牲畜", "Скот для малоимущих семей",
         "ماشية للأسر الفقيرة", "Du bétail pour les ménages pauvres", "Ganado para familias pobres"),
    ],
    "education": [
        ("Books for the village school", "村小图书", "Книги для сельской школы", "كتب لمدرسة القرية",
         "Des livres pour l'école du village", "Libros para la escuela del pueblo"),
        ("Training for volunteer teachers", "志愿教师培训", "Обучение учителей-волонтёров",
         "تدريب المعلمين المتطوعين", "Formation des enseignants bénévoles",
         "Capacitación de docentes voluntarios"),
        ("School transport for girls", "女童上学交通", "Школьный транспорт для девочек",
         "نقل مدرسي للفتيات", "Transport scolaire pour les filles", "Transporte escolar para niñas"),
    ],
    "health": [
        ("Equipment for the health post", "卫生室设备", "Оборудование для медпункта",
         "معدات للمركز الصحي", "Équipement pour le poste de santé", "Equipos para la posta de salud"),
        ("Safe drinking water", "安全饮用水", "Безопасная питьевая вода", "مياه شرب آمنة",
         "Eau potable sûre", "Agua potable segura"),
        ("A mobile clinic", "流动诊所", "Передвижная клиника", "عيادة متنقلة",
         "Une clinique mobile", "Una clínica móvil"),
    ],
    "environmental-protection": [
        ("Tree seedlings against erosion", "防止水土流失的树苗", "Саженцы против эрозии",
         "شتلات أشجار لمكافحة التعرية", "Des plants d'arbres contre l'érosion",
         "Plantones contra la erosión"),
        ("Waste collection and recycling", "垃圾收集与回收", "Сбор и переработка отходов",
         "جمع النفايات وتدويرها", "Collecte et recyclage des déchets",
         "Recolección y reciclaje de residuos"),
        ("Rainwater harvesting", "雨水收集", "Сбор дождевой воды", "حصاد مياه الأمطار",
         "Récupération de l'eau de pluie", "Captación de agua de lluvia"),
    ],
    "youth-training": [
        ("Computer courses for young people", "青年计算机课程", "Компьютерные курсы для молодёжи",
         "دورات حاسوب للشباب", "Cours d'informatique pour les jeunes",
         "Cursos de computación para jóvenes"),
        ("Apprenticeships in repair trades", "维修行业学徒培训", "Обучение ремонтным профессиям",
         "تدريب مهني في أعمال الصيانة", "Apprentissage des métiers de la réparation",
         "Aprendizaje en oficios de reparación"),
        ("Tailoring training for young women", "青年女性裁缝培训", "Курсы шитья для девушек",
         "تدريب الشابات على الخياطة", "Formation en couture pour les jeunes femmes",
         "Capacitación en costura para mujeres jóvenes"),
    ],
    "job-creation": [
        ("Market access for small producers", "小农户的市场渠道",
         "Выход на рынок для мелких производителей", "وصول صغار المنتجين إلى الأسواق",
         "Accès au marché pour les petits producteurs", "Acceso al mercado para pequeños productores"),
        ("Equipment for a co-operative", "合作社设备", "Оборудование для кооператива",
         "معدات لتعاونية", "Équipement pour une coopérative", "Equipos para una cooperativa"),
        ("Microcredit for women's businesses", "妇女创业小额贷款", "Микрокредиты для женского бизнеса",
         "قروض صغيرة لمشاريع النساء", "Microcrédit pour les entreprises de femmes",
         "Microcrédito para emprendimientos de mujeres"),
    ],
    "cultural-exchange": [
        ("Exchange visits for folk artists", "民间艺人交流互访", "Обмен визитами народных мастеров",
         "زيارات تبادلية للفنانين الشعبيين", "Visites d'échange pour les artistes populaires",
         "Visitas de intercambio para artistas populares"),
        ("A youth choir tour", "青年合唱团巡演", "Гастроли молодёжного хора", "جولة لجوقة الشباب",
         "Tournée d'une chorale de jeunes", "Gira de un coro juvenil"),
        ("Restoring a community heritage site", "修复社区文化遗产", "Восстановление памятника наследия",
         "ترميم موقع تراثي للمجتمع", "Restauration d'un site du patrimoine local",
         "Restauración de un sitio patrimonial comunitario"),
    ],
}  # fmt: skip

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
EVENT_TITLES = {
    "forum": (
        "{place} Regional Forum {year}",
        "{year}年{place}区域论坛",
        "Региональный форум «{place}» {year}",
        "منتدى {place} الإقليمي {year}",
        "Forum régional {place} {year}",
        "Foro regional {place} {year}",
    ),
    "cultural_exchange": (
        "{place} Cultural Exchange {year}",
        "{year}年{place}文化交流活动",
        "Культурный обмен «{place}» {year}",
        "التبادل الثقافي {place} {year}",
        "Échange culturel {place} {year}",
        "Intercambio cultural {place} {year}",
    ),
    "workshop": (
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
EVENT_KINDS = [("workshop", 45), ("cultural_exchange", 25), ("visit", 25), ("forum", 5)]

# Place names of villages and towns, by script.
ZH_SURNAMES = "李王张刘陈杨赵黄周吴徐孙马朱胡林何高罗郑"
ZH_FEATURES = "家庄河山坪沟湾桥坝岭"
ZH_SUFFIXES = ["村", "镇", "乡"]
RU_PLACES = [
    "Ивановка", "Берёзовка", "Сосновка", "Каменка", "Озёрное", "Степное", "Белогорье",
    "Красный Яр", "Новосёлово", "Луговое", "Кызыл-Жар", "Талды-Булак", "Ак-Суу", "Жаркент",
    "Сарыагаш", "Кок-Джар", "Ясная Поляна", "Подгорное",
]  # fmt: skip
RU_KINDS = ["село", "посёлок", "аул"]
AR_PLACES = [
    "الواحة", "النخيل", "الزيتون", "العين", "الرمان", "السلام", "الخير", "البستان", "الجبل",
    "الوادي", "المنارة", "الشروق", "النور", "الربيع", "القلعة",
]  # fmt: skip
FR_PLACES = [
    "Saint-Martin", "Les Trois Puits", "Bel-Air", "Fontaine", "Mont-Noir", "La Source",
    "Les Palmiers", "Bourg-Neuf", "Koudougou", "Diamniadio", "Tizi n'Tichka", "Sainte-Rose",
]  # fmt: skip
ES_PLACES = [
    "San Isidro", "Santa Rosa", "La Esperanza", "Villa Nueva", "San Pedro", "El Porvenir",
    "Los Andes", "Valle Verde", "Santa Cruz", "La Libertad", "Tres Cruces", "Pueblo Nuevo",
]  # fmt: skip
SYLLABLES = [
    "ka", "ra", "ta", "lo", "mi", "sa", "na", "bu", "do", "ri", "ko", "la", "ma", "te", "nu", "ga",
    "ba", "zi", "ho", "ya", "sha", "dar", "kul", "tal",
]  # fmt: skip
ENDINGS = ["n", "r", "l", "", "sh", "k", "pur", "abad", "ganj", "ovo", "kent", "dong"]

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


class MarkedText(MultilingualText):
    """A MultilingualText stored with the bulk mark beside it ({"seed": "bulk"} in its JSON).

    The mark lives only in the stored JSON: read back, the value is a plain MultilingualText, and
    a save that writes the field again stores it without the mark.
    """

    def to_json(self) -> dict:
        return {**super().to_json(), MARK_KEY: MARK_VALUE}


def zipf_cum_weights(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(n)))


def as_datetime(day: date, rng: random.Random) -> datetime:
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return moment + timedelta(seconds=rng.randrange(6 * 3600, 20 * 3600))


def day_between(rng: random.Random, start: date, end: date, growth: float = 1.0) -> date:
    """A day in [start, end]; growth < 1 puts more days near the end (a network that grows)."""
    span = (end - start).days
    return start + timedelta(days=int(span * rng.random() ** growth))


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create write the created/updated times we give (auto_now would overwrite them)."""
    fields = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Generator:
    """Makes the rows. Every random choice comes from one seeded random.Random, in a fixed order."""

    def __init__(self, seed: str, countries: Sequence[str]):
        self.rng = random.Random(seed)
        head = [code for code in HEAD_COUNTRIES if code in countries]
        tail = sorted(set(countries) - set(head))
        self.rng.shuffle(tail)
        self.countries = head + tail
        self.country_weights = zipf_cum_weights(len(self.countries), 1.1)
        self.areas = [area.slug for area in taxonomy.KEY_AREAS]
        self.area_weights = zipf_cum_weights(len(self.areas), 0.8)
        self.type_weights = list(itertools.accumulate(weight for _k, weight, _n in ORG_TYPES))

    # -- picks --

    def country(self) -> str:
        return self.rng.choices(self.countries, cum_weights=self.country_weights)[0]

    def area(self) -> str:
        return self.rng.choices(self.areas, cum_weights=self.area_weights)[0]

    def original_language(self, country: str) -> str:
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        return home if home != "en" and self.rng.random() < 0.8 else "en"

    def city(self, country: str) -> str:
        cities = CITIES.get(country)
        if cities:
            return self.rng.choice(cities)
        return self.latin_name()

    def latin_name(self) -> str:
        parts = self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))
        return ("".join(parts) + self.rng.choice(ENDINGS)).capitalize()

    def locality(self, language: str) -> str:
        rng = self.rng
        if language == "zh-hans":
            return rng.choice(ZH_SURNAMES) + rng.choice(ZH_FEATURES) + rng.choice(ZH_SUFFIXES)
        if language == "ru":
            return f"{rng.choice(RU_KINDS)} {rng.choice(RU_PLACES)}"
        if language == "ar":
            return f"قرية {rng.choice(AR_PLACES)}"
        if language == "fr":
            return rng.choice(FR_PLACES)
        if language == "es":
            return rng.choice(ES_PLACES)
        return self.latin_name()

    def text(
        self, original: str, home: str, build: Callable[[str], str], *, mark: bool = False
    ) -> MultilingualText:
        """The original text plus some human or machine translations."""
        text = {original: build(original)}
        machine = []
        roll = self.rng.random()
        if original != "en":
            if roll < 0.55:
                text["en"] = build("en")
            elif roll < 0.8:
                text["en"] = build("en")
                machine.append("en")
        elif home != "en" and roll < 0.3:
            text[home] = build(home)
        if "zh-hans" not in text and self.rng.random() < 0.08:
            text["zh-hans"] = build("zh-hans")
            machine.append("zh-hans")
        return (MarkedText if mark else MultilingualText)(original, text, machine)

    @staticmethod
    def sentences(language: str, parts: Sequence[str]) -> str:
        return ("" if language == "zh-hans" else " ").join(parts)

    # -- rows --

    def organization(self, index: int) -> tuple[Organization, list[str], list[str]]:
        rng = self.rng
        country = self.country()
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        original = self.original_language(country)
        area = self.area()
        place = rng.choice(PLACES)
        focus = rng.choice(FOCUS[area])
        kind, _weight, type_name = rng.choices(ORG_TYPES, cum_weights=self.type_weights)[0]

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
            return self.sentences(language, parts)

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
            other = self.area()
            if other not in areas:
                areas.append(other)
        active_in = [country]
        for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[40, 25, 15, 12, 8])[0]):
            other = self.country()
            if other not in active_in:
                active_in.append(other)

        slug = f"{SLUG_PREFIX}{index:06d}-{slugify(name('en'))}"[:80].rstrip("-")
        organization = Organization(
            slug=slug,
            name=self.text(original, home, name),
            description=self.text(original, home, description),
            kind=kind,
            status=status,
            country_id=country,
            city=self.city(country),
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

    def demand(self) -> Demand:
        rng = self.rng
        country = self.country()
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        original = self.original_language(country)
        area = self.area()
        need = rng.choice(NEEDS[area])
        locality = self.locality(original if original != "en" else home)
        families = rng.choice([12, 25, 40, 60, 85, 120, 200, 350, 500])
        extra = [j for j in (1, 2) if rng.random() < 0.5]

        def title(language: str) -> str:
            i = LANG_INDEX[language]
            return DEMAND_TITLES[i].format(need=need[i], place=locality)

        def description(language: str) -> str:
            i = LANG_INDEX[language]
            parts = [DEMAND_SENTENCES[0][i].format(n=families)]
            parts += [DEMAND_SENTENCES[j][i] for j in extra]
            return self.sentences(language, parts)

        roll = rng.random()
        status = "open" if roll < 0.55 else "matched" if roll < 0.85 else "closed"
        created = as_datetime(day_between(rng, date(2017, 12, 1), REFERENCE_DAY, 0.6), rng)
        return Demand(
            title=self.text(original, home, title, mark=True),
            description=self.text(original, home, description),
            country_id=country,
            locality=locality,
            area_id=area,
            status=status,
            created_at=created,
            updated_at=created,
        )

    def project(
        self, organizations: Sequence[tuple], org_weights: list[float], answered: Sequence[tuple]
    ) -> tuple[Project, list[int], list[str]]:
        rng = self.rng
        lead_id, country, lead_area = rng.choices(organizations, cum_weights=org_weights)[0]
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        original = self.original_language(country)
        partners: list[int] = []
        countries = [country]
        for _ in range(rng.choices([0, 1, 2, 3, 4], weights=[15, 35, 30, 15, 5])[0]):
            partner_id, partner_country, _area = rng.choices(
                organizations, cum_weights=org_weights
            )[0]
            if partner_id != lead_id and partner_id not in partners:
                partners.append(partner_id)
                if partner_country not in countries and len(countries) < 4:
                    countries.append(partner_country)
        demand_id = None
        area = lead_area if rng.random() < 0.7 else self.area()
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
            return self.sentences(language, parts)

        starts = day_between(rng, date(2018, 1, 1), date(2027, 12, 31), growth=0.8)
        ends = starts + timedelta(days=30 * rng.randint(6, 48))
        if starts > REFERENCE_DAY:
            status = Project.Status.PLANNED
        elif ends < REFERENCE_DAY:
            status = Project.Status.COMPLETED
        else:
            status = Project.Status.ACTIVE
        created = as_datetime(
            min(starts - timedelta(days=rng.randint(20, 200)), REFERENCE_DAY), rng
        )
        project = Project(
            title=self.text(original, home, title, mark=True),
            summary=self.text(original, home, summary) if rng.random() < 0.9 else None,
            lead_id=lead_id,
            area_id=area,
            demand_id=demand_id,
            status=status,
            starts_on=starts,
            ends_on=ends,
            created_at=created,
            updated_at=created,
        )
        return project, partners, countries

    def event(
        self, organizations: Sequence[tuple], org_weights: list[float], cities: dict[int, str]
    ) -> Event:
        rng = self.rng
        organizer_id, org_country, area = rng.choices(organizations, cum_weights=org_weights)[0]
        if rng.random() < 0.7:
            country, city = org_country, cities[organizer_id]
        else:
            country = self.country()
            city = self.city(country)
        home = LANGUAGE_BY_COUNTRY.get(country, "en")
        original = self.original_language(country)
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

        created = as_datetime(
            min(starts - timedelta(days=rng.randint(14, 300)), REFERENCE_DAY), rng
        )
        return Event(
            title=self.text(original, home, title, mark=True),
            description=self.text(original, home, description) if rng.random() < 0.85 else None,
            kind=kind,
            city=city,
            country_id=country,
            starts_on=starts,
            ends_on=ends,
            organizer_id=organizer_id,
            created_at=created,
            updated_at=created,
        )


@dataclass(frozen=True)
class OrgFacts:
    """What the people and membership rows need to know of one bulk organisation."""

    pk: int
    number: int  # the number in its slug
    country: str
    language: str  # the language of its name: the one its people write in
    status: str
    created: datetime
    member_since: date | None


@dataclass
class StaffPlan:
    person: int  # position in the run's list of people
    role: str
    title: str
    shown: bool
    representative: bool
    joined: datetime


REFERENCE_END = datetime(REFERENCE_DAY.year, REFERENCE_DAY.month, REFERENCE_DAY.day, 23, tzinfo=UTC)
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


def bulk_people() -> models.QuerySet[User]:
    return User.objects.filter(email__startswith=PEOPLE_PREFIX, email__endswith=f"@{PEOPLE_DOMAIN}")


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


def through_model(model: type[models.Model], field_name: str):
    """The automatic M2M table of model.field_name and the names of its two foreign keys."""
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


class Command(BaseCommand):
    help = (
        "Generate the benchmark data set in bulk: organisations with their people, staff, "
        "contacts, membership applications, votes and history; demands, projects and events."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument(
            "--factor",
            type=float,
            default=1.0,
            help="Multiply every row count by this (for quick test runs, e.g. 0.1).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--clear",
            action="store_true",
            help=(
                'Delete earlier bulk rows first (organisations "bulk-…", people '
                f'"…@{PEOPLE_DOMAIN}" and the rows pointing to them).'
            ),
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["factor"] <= 0:
            raise CommandError("--factor must be greater than 0.")
        multiplier = SCALES[options["scale"]] * options["factor"]
        counts = {name: max(1, round(n * multiplier)) for name, n in LARGE.items()}
        counts["people"] = max(counts["people"], COMMITTEE_SIZE + SECRETARIAT_SIZE)
        self.batch_size = max(1, options["batch_size"])
        self.progress = options["verbosity"] >= 1
        self.written: dict[str, int] = {}
        started = time.monotonic()

        if options["clear"]:
            self.clear()
        countries = list(Country.objects.order_by("code").values_list("code", flat=True))
        if not countries:
            raise CommandError("No countries: run `manage.py migrate` first (it loads them).")
        offset = Organization.objects.filter(slug__startswith=SLUG_PREFIX).count()
        # The seed includes the number of earlier bulk rows: a second run without --clear adds
        # different rows (and fresh slugs); a run after --clear repeats the first exactly.
        generator = Generator(f"{options['seed']}:{offset}", countries)

        self.stdout.write(
            f"Generating scale {options['scale']} (x{multiplier:g}) on {connection.vendor}: "
            + ", ".join(f"{n:,} {name}" for name, n in counts.items())
        )
        timestamped = (Organization, Demand, Project, Event, *MEMBERSHIP_MODELS)
        with (
            transaction.atomic(),
            explicit_timestamps(*timestamped),
            # bulk_create sends no signals: count the changes once, for cached pages and counts.
            counted_once(*TOUCHED),
        ):
            self.org_facts: list[OrgFacts] = []
            organizations, cities = self.create_organizations(
                generator, counts["organizations"], offset
            )
            answered = self.create_demands(generator, counts["demands"])
            # Some organisations lead and join many projects and host many events.
            order = list(range(len(organizations)))
            generator.rng.shuffle(order)
            ranked = [organizations[i] for i in order]
            org_weights = zipf_cum_weights(len(ranked), 0.8)
            self.create_projects(generator, counts["projects"], ranked, org_weights, answered)
            self.create_events(generator, counts["events"], ranked, org_weights, cities)
            membership = Membership(
                f"{options['seed']}:{offset}", generator, counts["people"], next_person_number()
            )
            self.create_membership(membership)
        # bulk_create sends no signals: the search index is built once for all the new rows.
        call_command("search_rebuild", verbosity=options["verbosity"], stdout=self.stdout)
        # Fresh statistics, so the query planner knows the tables are no longer tiny.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s. Rows written:"))
        for table, rows in self.written.items():
            self.stdout.write(f"  {table:<44} {rows:>9,}")
        self.stdout.write(f"  {'total':<44} {sum(self.written.values()):>9,}")

    # -- writing --

    def bar(self, label: str, total: int, unit: str = " rows") -> tqdm:
        return tqdm(
            total=total,
            desc=f"{label:<14}",
            unit=unit,
            unit_scale=True,
            file=sys.stderr,
            disable=not self.progress or None,  # None: only on a terminal
        )

    def batches(self, total: int) -> Iterator[int]:
        for start in range(0, total, self.batch_size):
            yield min(self.batch_size, total - start)

    def insert(self, model: type[models.Model], rows: list, label: str | None = None) -> list:
        created = model.objects.bulk_create(rows, batch_size=self.batch_size)
        key = label or model._meta.label
        self.written[key] = self.written.get(key, 0) + len(rows)
        return created

    def create_organizations(
        self, generator: Generator, total: int, offset: int
    ) -> tuple[list[tuple], dict[int, str]]:
        area_table, area_from, area_to = through_model(Organization, "areas")
        country_table, country_from, country_to = through_model(
            Organization, "countries_of_activity"
        )
        organizations: list[tuple] = []
        cities: dict[int, str] = {}
        index = offset
        with self.bar("organisations", total) as progress:
            for size in self.batches(total):
                rows, links = [], []
                for _ in range(size):
                    index += 1
                    organization, areas, active_in = generator.organization(index)
                    rows.append(organization)
                    links.append((areas, active_in))
                self.insert(Organization, rows)
                area_rows, country_rows = [], []
                for organization, (areas, active_in) in zip(rows, links, strict=True):
                    pk = organization.pk
                    if pk is None:
                        raise CommandError("The database did not return the new rows' ids.")
                    organizations.append((pk, organization.country_id, areas[0]))
                    self.org_facts.append(
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
                    cities[pk] = organization.city
                    area_rows += [
                        area_table(**{f"{area_from}_id": pk, f"{area_to}_id": slug})
                        for slug in areas
                    ]
                    country_rows += [
                        country_table(**{f"{country_from}_id": pk, f"{country_to}_id": code})
                        for code in active_in
                    ]
                self.insert(area_table, area_rows)
                self.insert(country_table, country_rows)
                progress.update(size)
        return organizations, cities

    def create_demands(self, generator: Generator, total: int) -> list[tuple[int, str]]:
        """Writes the demands; returns (id, area) of those marked matched or closed."""
        answered = []
        with self.bar("demands", total) as progress:
            for size in self.batches(total):
                rows = [generator.demand() for _ in range(size)]
                self.insert(Demand, rows)
                answered += [(row.pk, row.area_id) for row in rows if row.status != "open"]
                progress.update(size)
        return answered

    def create_projects(
        self,
        generator: Generator,
        total: int,
        organizations: list[tuple],
        org_weights: list[float],
        answered: list[tuple[int, str]],
    ) -> None:
        partner_table, partner_from, partner_to = through_model(Project, "partners")
        country_table, country_from, country_to = through_model(Project, "countries")
        with self.bar("projects", total) as progress:
            for size in self.batches(total):
                made = [
                    generator.project(organizations, org_weights, answered) for _ in range(size)
                ]
                rows = [project for project, _partners, _countries in made]
                self.insert(Project, rows)
                partner_rows, country_rows = [], []
                for project, partners, countries in made:
                    partner_rows += [
                        partner_table(**{f"{partner_from}_id": project.pk, f"{partner_to}_id": pk})
                        for pk in partners
                    ]
                    country_rows += [
                        country_table(
                            **{f"{country_from}_id": project.pk, f"{country_to}_id": code}
                        )
                        for code in countries
                    ]
                self.insert(partner_table, partner_rows)
                self.insert(country_table, country_rows)
                progress.update(size)

    def create_events(
        self,
        generator: Generator,
        total: int,
        organizations: list[tuple],
        org_weights: list[float],
        cities: dict[int, str],
    ) -> None:
        with self.bar("events", total) as progress:
            for size in self.batches(total):
                rows = [generator.event(organizations, org_weights, cities) for _ in range(size)]
                self.insert(Event, rows)
                progress.update(size)

    def create_membership(self, membership: Membership) -> None:
        """People, the bulk committee and Secretariat, staff, contacts, applications with their
        messages and votes, and the membership history of every bulk organisation."""
        organizations = self.org_facts
        membership.plan(organizations)
        people = self.create_people(membership)
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
        self.insert(NetworkRole, roles)
        self.create_staff(membership, people)
        self.create_applications(membership, people, committee, secretariat)

    def create_people(self, membership: Membership) -> list[int]:
        """Writes the people and their verified email addresses; returns their ids by position."""
        people: list[int] = []
        total = len(membership.people)
        with self.bar("people", total) as progress:
            for size in self.batches(total):
                start = len(people)
                users = [membership.person(position) for position in range(start, start + size)]
                self.insert(User, users)
                self.insert(
                    EmailAddress,
                    [
                        EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
                        for user in users
                    ],
                )
                people += [user.pk for user in users]
                progress.update(size)
        return people

    def create_staff(self, membership: Membership, people: list[int]) -> None:
        organizations = self.org_facts
        with self.bar("staff", len(organizations), " organisations") as progress:
            for start in range(0, len(organizations), self.batch_size):
                chunk = range(start, min(start + self.batch_size, len(organizations)))
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
                self.insert(OrganizationStaff, staff)
                progress.update(len(chunk))
        self.insert(OrganizationContact, membership.contacts)

    def create_applications(
        self,
        membership: Membership,
        people: list[int],
        committee: list[int],
        secretariat: list[int],
    ) -> None:
        organizations = self.org_facts
        constitution = (
            DocumentVersion.objects.filter(document__kind=NetworkDocument.Kind.CONSTITUTION)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
        endorsers: list[int] = []  # the members seen so far
        with self.bar("applications", len(organizations), " organisations") as progress:
            for start in range(0, len(organizations), self.batch_size):
                chunk = range(start, min(start + self.batch_size, len(organizations)))
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
                self.insert(MembershipApplication, [application for application, _m, _v in made])
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
                self.insert(ApplicationMessage, messages)
                self.insert(ApplicationVote, votes)
                self.insert(StatusChange, history)
                progress.update(len(chunk))

    # -- clearing --

    def clear(self) -> None:
        """Delete earlier bulk rows, and every row that points to a bulk organisation or person."""
        started = time.monotonic()
        bulk_organizations = Organization.objects.filter(slug__startswith=SLUG_PREFIX)
        marked = Q(**{f"title__{MARK_KEY}": MARK_VALUE})
        deleted: dict[str, int] = {}
        # One count per kind of data, not one per deleted row.
        with transaction.atomic(), counted_once(*TOUCHED):
            steps = [
                Project.objects.filter(marked | Q(lead__in=bulk_organizations)),
                Event.objects.filter(marked | Q(organizer__in=bulk_organizations)),
                Demand.objects.filter(marked),
                # With them go their staff, contacts, applications (their messages and votes)
                # and membership history.
                bulk_organizations,
                # Then the bulk people, with their email addresses and network roles.
                bulk_people(),
            ]
            for queryset in steps:
                # only("pk"): the delete collects ids, not whole rows with their JSON texts.
                _total, per_model = queryset.only("pk").delete()
                for label, rows in per_model.items():
                    deleted[label] = deleted.get(label, 0) + rows
        elapsed = time.monotonic() - started
        rows = {label: n for label, n in deleted.items() if n}
        self.stdout.write(
            f"Cleared earlier bulk rows in {elapsed:.1f} s" + (":" if rows else ": none.")
        )
        for label, n in rows.items():
            self.stdout.write(f"  {label:<44} {n:>9,}")
