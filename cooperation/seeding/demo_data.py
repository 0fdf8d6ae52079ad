"""The demo's grassroots demands and projects (cooperation.seeding)."""

from datetime import date

from cooperation.models import Project
from core.seeding import ml

# --- Grassroots demands -----------------------------------------------------------------------

# key, country, locality, area, status, submitted, title (lang, text, en), description (same)
DEMANDS = [
    (
        "cn-reading-corner",
        "CN",
        "怒江州老姆登村",
        "education",
        "open",
        date(2024, 3, 12),
        (
            "zh-hans",
            "村小需要双语图书和阅读角",
            "Village school needs bilingual books and a reading corner",
        ),
        (
            "zh-hans",
            "我们村小有86名学生，大多是少数民族孩子，学校没有图书室。"
            "希望得到适合儿童的双语图书和阅读角书架。",
            "Our village school has 86 pupils, most of them from ethnic minorities, and no "
            "library. We hope for bilingual children's books and shelves for a reading corner.",
        ),
    ),
    (
        "cn-windbreak",
        "CN",
        "古浪县黄花滩",
        "environmental-protection",
        "open",
        date(2019, 4, 2),
        (
            "zh-hans",
            "防风固沙林的苗木和滴灌设备",
            "Seedlings and drip irrigation for a windbreak forest",
        ),
        (
            "zh-hans",
            "移民新村周边沙化严重，村民愿意义务植树，但缺少耐旱苗木和滴灌设备。",
            "Sand encroaches on our resettlement village. Villagers will plant trees as "
            "volunteers but lack drought-resistant seedlings and drip irrigation.",
        ),
    ),
    (
        "cn-ecommerce",
        "CN",
        "凉山州昭觉县",
        "job-creation",
        "open",
        date(2023, 9, 18),
        ("zh-hans", "返乡青年电商培训", "E-commerce training for young people returning home"),
        (
            "zh-hans",
            "很多年轻人从城市回到家乡，想通过网店销售荞麦和花椒，需要电商和包装设计培训。",
            "Many young people have come home from the cities and want to sell buckwheat and "
            "Sichuan pepper online; they need training in e-commerce and packaging design.",
        ),
    ),
    (
        "cn-village-clinics",
        "CN",
        "黔东南州雷山县",
        "health",
        "closed",
        date(2018, 6, 25),
        ("zh-hans", "乡村卫生室的基本检查设备", "Basic equipment for village clinics"),
        (
            "zh-hans",
            "五个村卫生室缺少血压计、血糖仪和儿童体重秤，村医希望得到设备和培训。",
            "Five village clinics lack blood-pressure monitors, glucose meters and scales for "
            "children; the village doctors ask for equipment and training.",
        ),
    ),
    (
        "cn-dong-songs",
        "CN",
        "黎平县肇兴侗寨",
        "cultural-exchange",
        "open",
        date(2025, 5, 8),
        (
            "zh-hans",
            "侗族大歌的传承与交流",
            "Passing on and sharing the Grand Songs of the Dong people",
        ),
        (
            "zh-hans",
            "寨子里的老歌师希望带青年合唱队与合作网络其他国家的民间艺术团体交流。",
            "The village's elder song masters want to take the youth choir to meet folk art "
            "groups in other countries of the Network.",
        ),
    ),
    (
        "kz-water-filters",
        "KZ",
        "посёлок Жалагаш",
        "health",
        "open",
        date(2020, 8, 14),
        ("ru", "Фильтры для питьевой воды в посёлке", "Drinking-water filters for the settlement"),
        (
            "ru",
            "Вода в колодцах солёная. Нужны фильтры для школы и медпункта и обучение "
            "их обслуживанию.",
            "The well water is salty. We need filters for the school and the health post, and "
            "training to maintain them.",
        ),
    ),
    (
        "kg-pastures",
        "KG",
        "село Кызыл-Суу",
        "environmental-protection",
        "open",
        date(2024, 10, 2),
        ("ru", "Восстановление пастбищ", "Restoring pastures"),
        (
            "ru",
            "Пастбища вокруг села сильно истощены. Просим помочь с планом ротации выпаса "
            "и семенами трав.",
            "The pastures around the village are badly degraded. We ask for help with a grazing "
            "rotation plan and grass seed.",
        ),
    ),
    (
        "ru-baikal-school",
        "RU",
        "село Турунтаево",
        "education",
        "open",
        date(2025, 2, 20),
        (
            "ru",
            "Летняя экологическая школа для подростков",
            "A summer environmental school for teenagers",
        ),
        (
            "ru",
            "Хотим организовать летнюю школу на берегу Байкала для подростков из сельских районов.",
            "We want to run a summer school on the shore of Lake Baikal for teenagers from rural "
            "districts.",
        ),
    ),
    (
        "by-pottery",
        "BY",
        "г. Пинск",
        "job-creation",
        "open",
        date(2021, 11, 3),
        ("ru", "Мастерская для молодых ремесленников", "A workshop for young craftspeople"),
        (
            "ru",
            "Нужны оборудование для гончарной мастерской и наставники, чтобы молодёжь могла "
            "зарабатывать ремеслом.",
            "We need equipment for a pottery workshop and mentors so that young people can earn "
            "a living from crafts.",
        ),
    ),
    (
        "kz-coding",
        "KZ",
        "село Узынагаш",
        "youth-training",
        "open",
        date(2026, 3, 15),
        ("ru", "Курсы программирования для сельской молодёжи", "Coding courses for rural youth"),
        (
            "ru",
            "В селе нет компьютерного класса. Молодёжь просит курсы программирования и помощь "
            "со стажировками.",
            "The village has no computer room. Young people ask for coding courses and help "
            "finding internships.",
        ),
    ),
    (
        "eg-nubian-crafts",
        "EG",
        "غرب سهيل، أسوان",
        "job-creation",
        "open",
        date(2022, 1, 19),
        (
            "ar",
            "تدريب النساء على الحرف اليدوية والتسويق",
            "Training women in handicrafts and marketing",
        ),
        (
            "ar",
            "ترغب نساء القرية في تحويل الحرف النوبية التقليدية إلى مصدر دخل، "
            "ويحتجن إلى تدريب على التسويق والتصميم.",
            "The village women want to turn traditional Nubian crafts into an income and need "
            "training in marketing and design.",
        ),
    ),
    (
        "jo-catch-up",
        "JO",
        "المفرق",
        "education",
        "open",
        date(2019, 10, 7),
        (
            "ar",
            "فصول تقوية للأطفال المتسربين من المدارس",
            "Catch-up classes for children who dropped out of school",
        ),
        (
            "ar",
            "نحتاج إلى معلمين متطوعين ومواد تعليمية لمساعدة ٦٠ طفلاً على العودة إلى المدرسة.",
            "We need volunteer teachers and learning materials to help 60 children return to "
            "school.",
        ),
    ),
    (
        "lb-mobile-clinic",
        "LB",
        "عكار",
        "health",
        "open",
        date(2025, 12, 1),
        ("ar", "عيادة متنقلة للقرى الجبلية", "A mobile clinic for mountain villages"),
        (
            "ar",
            "لا تصل الخدمات الصحية إلى القرى البعيدة في عكار خلال الشتاء. "
            "نطلب دعماً لتشغيل عيادة متنقلة.",
            "Remote villages in Akkar are cut off from health services in winter. We ask for "
            "support to run a mobile clinic.",
        ),
    ),
    (
        "eg-compost",
        "EG",
        "الفيوم",
        "environmental-protection",
        "closed",
        date(2018, 9, 30),
        ("ar", "تدوير المخلفات الزراعية إلى سماد", "Turning farm waste into compost"),
        (
            "ar",
            "يحرق المزارعون قش الأرز فيلوث الهواء. نريد تدريباً ومعدات لصنع السماد العضوي.",
            "Farmers burn rice straw and pollute the air. We want training and equipment to "
            "make organic compost.",
        ),
    ),
    (
        "jo-solar-skills",
        "JO",
        "إربد",
        "youth-training",
        "open",
        date(2026, 6, 10),
        (
            "ar",
            "تدريب الشباب على صيانة ألواح الطاقة الشمسية",
            "Training young people to maintain solar panels",
        ),
        (
            "ar",
            "يرغب شباب المدينة في تعلم تركيب أنظمة الطاقة الشمسية وصيانتها للحصول على عمل.",
            "Young people in the town want to learn to install and maintain solar systems so "
            "they can find work.",
        ),
    ),
    (
        "sn-grain-bank",
        "SN",
        "Kaffrine",
        "poverty-relief",
        "open",
        date(2024, 7, 22),
        ("fr", "Banque de céréales pour la soudure", "A grain bank for the lean season"),
        (
            "fr",
            "Pendant la soudure, les familles s'endettent pour acheter du mil. Un stock "
            "villageois géré par les femmes éviterait cela.",
            "In the lean season families fall into debt to buy millet. A village store run by "
            "the women would prevent this.",
        ),
    ),
    (
        "ma-school-bus",
        "MA",
        "Aït Ourir",
        "education",
        "open",
        date(2021, 2, 11),
        (
            "fr",
            "Transport scolaire pour les filles des douars",
            "School transport for girls from the hamlets",
        ),
        (
            "fr",
            "Les filles abandonnent le collège à cause des longues distances. Nous cherchons "
            "un minibus et un soutien au fonctionnement.",
            "Girls leave secondary school because of the long distances. We are looking for a "
            "minibus and help with running costs.",
        ),
    ),
    (
        "fr-youth-exchange",
        "FR",
        "Saint-Denis",
        "cultural-exchange",
        "open",
        date(2023, 4, 4),
        (
            "fr",
            "Échanges culturels pour les jeunes des quartiers populaires",
            "Cultural exchanges for young people from working-class neighbourhoods",
        ),
        (
            "fr",
            "Des jeunes de nos quartiers souhaitent découvrir la musique et l'artisanat "
            "d'Asie centrale et partager les leurs.",
            "Young people from our neighbourhoods want to discover the music and crafts of "
            "Central Asia and share their own.",
        ),
    ),
    (
        "pe-greenhouses",
        "PE",
        "Comunidad de Chinchero",
        "poverty-relief",
        "open",
        date(2020, 5, 26),
        (
            "es",
            "Invernaderos para cultivar hortalizas en altura",
            "Greenhouses to grow vegetables at high altitude",
        ),
        (
            "es",
            "A 3.700 metros las heladas destruyen las cosechas. Pedimos apoyo para construir "
            "invernaderos familiares.",
            "At 3,700 metres frost destroys the harvest. We ask for support to build family "
            "greenhouses.",
        ),
    ),
    (
        "bo-library",
        "BO",
        "Tiwanaku",
        "education",
        "open",
        date(2025, 8, 19),
        (
            "es",
            "Biblioteca comunitaria bilingüe aimara-castellano",
            "A bilingual Aymara–Spanish community library",
        ),
        (
            "es",
            "Queremos una biblioteca donde niñas y niños lean en su lengua materna y en "
            "castellano.",
            "We want a library where children can read in their mother tongue and in Spanish.",
        ),
    ),
    (
        "pe-school-water",
        "PE",
        "Vilcashuamán, Ayacucho",
        "health",
        "open",
        date(2026, 1, 28),
        ("es", "Agua segura para escuelas rurales", "Safe water for rural schools"),
        (
            "es",
            "Las escuelas no tienen agua potable. Se necesitan filtros y talleres de higiene.",
            "The schools have no drinking water. Filters and hygiene workshops are needed.",
        ),
    ),
    (
        "np-birth-home",
        "NP",
        "Sindhupalchok",
        "health",
        "open",
        date(2019, 2, 14),
        ("en", "A birth-waiting home near the health post", None),
        (
            "en",
            "Women from the high villages walk for a day to give birth. A waiting home beside "
            "the health post would keep mothers and newborns safe.",
            None,
        ),
    ),
    (
        "pk-apricots",
        "PK",
        "Hunza, Gilgit-Baltistan",
        "job-creation",
        "open",
        date(2024, 5, 30),
        ("en", "Market access for apricot growers", None),
        (
            "en",
            "Dried apricots from our valley are sold cheaply to middlemen. Growers want a shared "
            "solar drying unit and buyers abroad.",
            None,
        ),
    ),
    (
        "bd-rainwater",
        "BD",
        "Shyamnagar, Satkhira",
        "environmental-protection",
        "open",
        date(2023, 7, 9),
        ("en", "Salt-tolerant rice and rainwater tanks", None),
        (
            "en",
            "Cyclones push salt water into our fields and ponds. Households need rainwater tanks "
            "and salt-tolerant seed.",
            None,
        ),
    ),
    (
        "lk-engine-repair",
        "LK",
        "Hambantota",
        "youth-training",
        "closed",
        date(2018, 11, 20),
        ("en", "Boat-engine repair training", None),
        (
            "en",
            "Young fishermen lose weeks of work when engines fail. A repair course would create "
            "skilled jobs in the harbour.",
            None,
        ),
    ),
    (
        "mm-monastic-teachers",
        "MM",
        "Pakokku",
        "education",
        "open",
        date(2022, 6, 16),
        ("en", "Teacher training for monastic schools", None),
        (
            "en",
            "Monastic schools teach many poor children, but their volunteer teachers have had "
            "no training.",
            None,
        ),
    ),
    (
        "ke-goats",
        "KE",
        "Baringo",
        "poverty-relief",
        "open",
        date(2022, 10, 5),
        ("en", "Drought-resistant goats and fodder", None),
        (
            "en",
            "After three failed rainy seasons, families have lost their herds. We ask for "
            "restocking with hardy goats and for fodder storage.",
            None,
        ),
    ),
    (
        "et-girls-health",
        "ET",
        "Lalibela",
        "health",
        "open",
        date(2024, 2, 8),
        ("en", "Menstrual health kits and lessons for schoolgirls", None),
        (
            "en",
            "Girls miss school every month. We need reusable kits and health lessons for 400 "
            "pupils.",
            None,
        ),
    ),
    (
        "tz-coffee",
        "TZ",
        "Moshi Rural",
        "job-creation",
        "open",
        date(2025, 10, 14),
        ("en", "Processing equipment for a coffee co-operative", None),
        (
            "en",
            "Our co-operative of 300 smallholders wants a pulping unit so that it can sell "
            "washed coffee at a better price.",
            None,
        ),
    ),
    (
        "kh-potters",
        "KH",
        "Kampong Chhnang",
        "cultural-exchange",
        "open",
        date(2021, 8, 23),
        ("en", "Exchange visits for village potters", None),
        (
            "en",
            "Our potters would like to host and visit craft villages in other countries to learn "
            "glazing and selling.",
            None,
        ),
    ),
]


# --- Projects ---------------------------------------------------------------------------------

# title, summary, lead, partners, area, countries, demand key, status, starts, ends
PROJECTS = [
    (
        ml("zh-hans", "山区学校双语阅读角", en="Bilingual reading corners for mountain schools"),
        ml(
            "zh-hans",
            "为云南、老挝和缅甸的40所村小配备双语图书并培训阅读教师。",
            en="Bilingual books and reading teachers for 40 village schools in Yunnan, Laos and "
            "Myanmar.",
        ),
        "yunling-rural-education",
        ["irrawaddy-learning-circle", "mekong-basin-youth-foundation"],
        "education",
        ["CN", "LA", "MM"],
        "cn-reading-corner",
        Project.Status.ACTIVE,
        date(2024, 9, 1),
        date(2027, 6, 30),
    ),
    (
        ml("zh-hans", "河西走廊防风固沙林", en="Windbreak forests along the Hexi Corridor"),
        ml(
            "zh-hans",
            "村民和志愿者种植了12万株耐旱苗木，并安装了滴灌系统。",
            en="Villagers and volunteers planted 120,000 drought-resistant seedlings and "
            "installed drip irrigation.",
        ),
        "green-oasis-environment",
        ["gobi-herders", "baikal-ecological-alliance"],
        "environmental-protection",
        ["CN", "MN"],
        "cn-windbreak",
        Project.Status.COMPLETED,
        date(2019, 6, 1),
        date(2023, 12, 31),
    ),
    (
        ml("zh-hans", "乡村电商学院", en="Rural e-commerce academy"),
        ml(
            "zh-hans",
            "为中国、巴基斯坦和孟加拉国的返乡青年提供网店运营和产品包装培训。",
            en="Training in online shops and packaging for young people back in their villages in "
            "China, Pakistan and Bangladesh.",
        ),
        "huaxia-rural-revitalisation",
        ["karakoram-womens-enterprise", "delta-micro-enterprise"],
        "job-creation",
        ["CN", "PK", "BD"],
        "cn-ecommerce",
        Project.Status.ACTIVE,
        date(2024, 3, 1),
        date(2026, 12, 31),
    ),
    (
        ml("ru", "Чистая вода для посёлков Приаралья", en="Safe water for Aral Sea settlements"),
        ml(
            "ru",
            "Фильтры для 14 школ и медпунктов и обучение местных техников.",
            en="Filters for 14 schools and health posts, and training for local technicians.",
        ),
        "aral-water-and-health",
        ["green-oasis-environment", "bridges-of-goodwill"],
        "health",
        ["KZ", "UZ"],
        "kz-water-filters",
        Project.Status.COMPLETED,
        date(2020, 10, 1),
        date(2022, 9, 30),
    ),
    (
        ml("ru", "Восстановление пастбищ Тянь-Шаня", en="Restoring pastures in the Tian Shan"),
        ml(
            "ru",
            "Планы ротации выпаса и подсев трав вместе с пастбищными комитетами.",
            en="Grazing rotation plans and reseeding with the village pasture committees.",
        ),
        "tian-shan-mountain-communities",
        ["gobi-herders", "steppe-bridges"],
        "environmental-protection",
        ["KG", "KZ"],
        "kg-pastures",
        Project.Status.PLANNED,
        date(2027, 4, 1),
        date(2029, 10, 31),
    ),
    (
        ml("ru", "Мастерские для молодых ремесленников", en="Workshops for young craftspeople"),
        ml(
            "ru",
            "Гончарные и ткацкие мастерские с наставниками в Беларуси, Сербии и Узбекистане.",
            en="Pottery and weaving workshops with mentors in Belarus, Serbia and Uzbekistan.",
        ),
        "polesie-crafts",
        ["danube-bridge-youth", "mahalla-craftspeople"],
        "job-creation",
        ["BY", "RS", "UZ"],
        "by-pottery",
        Project.Status.ACTIVE,
        date(2022, 3, 1),
        date(2026, 12, 31),
    ),
    (
        ml(
            "ar",
            "الحرف النوبية مصدراً لدخل النساء",
            en="Nubian crafts as an income for women",
        ),
        ml(
            "ar",
            "تدريب ١٢٠ امرأة على التصميم والتسويق وفتح متجر مشترك على الإنترنت.",
            en="Design and marketing training for 120 women and a shared online shop.",
        ),
        "nile-community-development",
        ["caravane-des-savoirs", "bridges-of-goodwill"],
        "job-creation",
        ["EG"],
        "eg-nubian-crafts",
        Project.Status.ACTIVE,
        date(2022, 9, 1),
        date(2027, 8, 31),
    ),
    (
        ml("ar", "العودة إلى المدرسة: فصول التقوية", en="Back to school: catch-up classes"),
        ml(
            "ar",
            "فصول تقوية ودعم نفسي ساعدت ١٨٠ طفلاً على العودة إلى التعليم النظامي.",
            en="Catch-up classes and psychosocial support helped 180 children back into regular "
            "schooling.",
        ),
        "al-waha-education",
        ["cedar-environmental-action", "desert-children-education"],
        "education",
        ["JO", "LB"],
        "jo-catch-up",
        Project.Status.COMPLETED,
        date(2020, 1, 15),
        date(2022, 6, 30),
    ),
    (
        ml("fr", "Un minibus pour la scolarité des filles", en="A minibus for girls' schooling"),
        ml(
            "fr",
            "Un minibus et un fonds de fonctionnement pour 45 collégiennes de six douars.",
            en="A minibus and a running-cost fund for 45 schoolgirls from six hamlets.",
        ),
        "caravane-des-savoirs",
        ["al-waha-education"],
        "education",
        ["MA"],
        "ma-school-bus",
        Project.Status.COMPLETED,
        date(2021, 9, 1),
        date(2024, 7, 15),
    ),
    (
        ml(
            "es",
            "Invernaderos familiares de altura",
            en="High-altitude family greenhouses",
        ),
        ml(
            "es",
            "Doscientas familias cultivan hortalizas todo el año en invernaderos construidos "
            "con materiales locales.",
            en="Two hundred families grow vegetables all year round in greenhouses built from "
            "local materials.",
        ),
        "andes-solidarios",
        ["sementes-do-cerrado", "huaxia-rural-revitalisation"],
        "poverty-relief",
        ["PE"],
        "pe-greenhouses",
        Project.Status.COMPLETED,
        date(2020, 9, 1),
        date(2023, 5, 31),
    ),
    (
        ml("en", "A birth-waiting home in Sindhupalchok"),
        ml(
            "en",
            "A six-bed waiting home next to the health post, run by trained community health "
            "workers.",
        ),
        "himalayan-community-health",
        ["lingnan-health-volunteers", "delta-micro-enterprise"],
        "health",
        ["NP"],
        "np-birth-home",
        Project.Status.COMPLETED,
        date(2019, 5, 1),
        date(2021, 4, 30),
    ),
    (
        ml("en", "Restocking herds after the drought", zh_hans="旱灾后的牲畜补栏"),
        ml("en", "Hardy goats, fodder stores and animal-health training for 350 families."),
        "rift-valley-youth-skills",
        ["kilimanjaro-smallholders", "bridges-of-goodwill"],
        "poverty-relief",
        ["KE", "TZ"],
        "ke-goats",
        Project.Status.ACTIVE,
        date(2023, 1, 10),
        date(2026, 12, 31),
    ),
    (
        ml(
            "zh-hans",
            "丝路青年交流营",
            en="Silk Road youth exchange camps",
            ru="Молодёжные лагеря Шёлкового пути",
        ),
        ml(
            "zh-hans",
            "每年夏天，来自五个国家的青年在交流营中共同生活、学习和做志愿服务。",
            en="Every summer young people from five countries live, learn and volunteer together "
            "in exchange camps.",
        ),
        "silk-road-civil-exchange-centre",
        ["volga-shores-youth", "steppe-bridges", "danube-bridge-youth", "aegean-cultural-routes"],
        "cultural-exchange",
        ["CN", "RU", "KZ", "RS", "GR"],
        None,
        Project.Status.ACTIVE,
        date(2018, 7, 1),
        date(2027, 12, 31),
    ),
    (
        ml("zh-hans", "湄公河流域社区健康志愿者", en="Community health volunteers for the Mekong"),
        ml(
            "zh-hans",
            "在柬埔寨、老挝和越南培训300名社区健康志愿者。",
            en="Training 300 community health volunteers in Cambodia, Laos and Viet Nam.",
        ),
        "lingnan-health-volunteers",
        ["mekong-delta-community-development", "mekong-rice-farmers-cambodia", "lao-village-water"],
        "health",
        ["KH", "LA", "VN"],
        None,
        Project.Status.ACTIVE,
        date(2021, 5, 1),
        date(2026, 12, 31),
    ),
    (
        ml("en", "Mangroves and coastal livelihoods"),
        ml(
            "en",
            "Coastal families replant mangroves and add rainwater tanks, crab farming and "
            "salt-tolerant rice to their income.",
        ),
        "coastal-livelihoods-lanka",
        ["nusantara-fisherfolk", "borneo-green-schools", "delta-micro-enterprise"],
        "environmental-protection",
        ["LK", "ID", "BD"],
        "bd-rainwater",
        Project.Status.ACTIVE,
        date(2024, 1, 1),
        date(2027, 12, 31),
    ),
    (
        ml(
            "ar",
            "مهارات صيانة الطاقة الشمسية للشباب",
            en="Solar maintenance skills for young people",
        ),
        ml(
            "ar",
            "دورة مهنية معتمدة مدتها ستة أشهر لستين شاباً وشابة.",
            en="A six-month certified vocational course for sixty young women and men.",
        ),
        "al-waha-education",
        ["anatolian-rural-development", "bridges-of-goodwill"],
        "youth-training",
        ["JO", "TR"],
        "jo-solar-skills",
        Project.Status.PLANNED,
        date(2027, 2, 1),
        date(2028, 1, 31),
    ),
]
