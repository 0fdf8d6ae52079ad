"""What every app's benchmark rows share (seed_bulk, see core.seeding): the random streams, who
writes in which language, place names and phrases by key area, and the bulk helpers.

The data is deterministic (random.Random streams with fixed seeds) and skewed like real data: a few
countries and key areas hold many rows, the rest a long tail (Zipf-like weights). Texts and names
are written in Latin, Chinese, Cyrillic and Arabic script, with translations stored beside some.
Demands, projects and events carry {"seed": "bulk"} in their title JSON (MarkedText), so --clear
finds them.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from django.db import models

from core import taxonomy
from core.multilingual import MultilingualText
from core.seeding import FOUNDING_DAY

MARK_KEY, MARK_VALUE = "seed", "bulk"

# "Today" for the generated data (project status, event dates), fixed so every run is the same.
REFERENCE_DAY = date(2026, 11, 1)
NETWORK_FOUNDED = FOUNDING_DAY
REFERENCE_END = datetime(REFERENCE_DAY.year, REFERENCE_DAY.month, REFERENCE_DAY.day, 23, tzinfo=UTC)

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

# Phrases by key area, shared: what organisations say of their work, and project summaries and
# event descriptions (AREA_SENTENCES, ORG_SENTENCES); what communities need (NEEDS: the demands,
# and the projects and events that answer them).
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


def through_model(model: type[models.Model], field_name: str):
    """The automatic M2M table of model.field_name and the names of its two foreign keys."""
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


class Generator:
    """The random choices every app's rows are made of. Every choice comes from one seeded
    random.Random, in a fixed order: the apps' seeders draw from it in their order (core.seeding),
    so the same --seed gives the same rows."""

    def __init__(self, seed: str, countries: Sequence[str]):
        self.seed = seed
        self.rng = random.Random(seed)
        head = [code for code in HEAD_COUNTRIES if code in countries]
        tail = sorted(set(countries) - set(head))
        self.rng.shuffle(tail)
        self.countries = head + tail
        self.country_weights = zipf_cum_weights(len(self.countries), 1.1)
        self.areas = [area.slug for area in taxonomy.KEY_AREAS]
        self.area_weights = zipf_cum_weights(len(self.areas), 0.8)

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
