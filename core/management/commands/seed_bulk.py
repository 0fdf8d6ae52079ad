"""Generate the benchmark data set: many organisations, demands, projects and events, fast.

    manage.py seed_bulk --scale large            # >= 10,000 organisations, 100,000 demands, ...
    manage.py seed_bulk --scale small --clear    # replace earlier bulk rows with a small set

The data is deterministic (one random.Random with a fixed seed) and skewed like real data: a few
countries and key areas hold many rows, the rest a long tail (Zipf-like weights). Texts are written
in Latin, Chinese, Cyrillic and Arabic script, with translations stored beside some of them.

Bulk rows are recognisable, so --clear removes them and nothing else: organisations have slugs
starting "bulk-"; demands, projects and events carry {"seed": "bulk"} in their title JSON (and
projects and events also point to bulk organisations). Rows are written with bulk_create in
batches, in one transaction, and work on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify
from tqdm import tqdm

from cooperation.models import Demand, Project
from core import taxonomy
from core.models import Country
from core.multilingual import MultilingualText
from exchanges.models import Event
from members.models import Organization

SLUG_PREFIX = "bulk-"
MARK_KEY, MARK_VALUE = "seed", "bulk"
DEFAULT_SEED = 20171121
# Rows at --scale large; small and medium are 1/100 and 1/10 of it.
LARGE = {"organizations": 10_000, "demands": 100_000, "projects": 50_000, "events": 20_000}
SCALES = {"small": 0.01, "medium": 0.1, "large": 1.0}
# "Today" for the generated data (project status, event dates), fixed so every run is the same.
REFERENCE_DAY = date(2026, 11, 1)
NETWORK_FOUNDED = date(2017, 11, 22)

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


def through_model(model: type[models.Model], field_name: str):
    """The automatic M2M table of model.field_name and the names of its two foreign keys."""
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


class Command(BaseCommand):
    help = "Generate the benchmark data set (organisations, demands, projects, events) in bulk."

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
            help='Delete earlier bulk rows (slugs "bulk-…" and rows pointing to them) first.',
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["factor"] <= 0:
            raise CommandError("--factor must be greater than 0.")
        multiplier = SCALES[options["scale"]] * options["factor"]
        counts = {name: max(1, round(n * multiplier)) for name, n in LARGE.items()}
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
        with transaction.atomic(), explicit_timestamps(Organization, Demand, Project, Event):
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
        # Fresh statistics, so the query planner knows the tables are no longer tiny.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s. Rows written:"))
        for table, rows in self.written.items():
            self.stdout.write(f"  {table:<44} {rows:>9,}")
        self.stdout.write(f"  {'total':<44} {sum(self.written.values()):>9,}")

    # -- writing --

    def bar(self, label: str, total: int) -> tqdm:
        return tqdm(
            total=total,
            desc=f"{label:<14}",
            unit=" rows",
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

    # -- clearing --

    def clear(self) -> None:
        """Delete earlier bulk rows, and every row that points to a bulk organisation."""
        started = time.monotonic()
        bulk_organizations = Organization.objects.filter(slug__startswith=SLUG_PREFIX)
        marked = Q(**{f"title__{MARK_KEY}": MARK_VALUE})
        deleted: dict[str, int] = {}
        with transaction.atomic():
            steps = [
                Project.objects.filter(marked | Q(lead__in=bulk_organizations)),
                Event.objects.filter(marked | Q(organizer__in=bulk_organizations)),
                Demand.objects.filter(marked),
                bulk_organizations,
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
