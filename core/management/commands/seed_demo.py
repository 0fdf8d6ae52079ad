"""Load a small, realistic, multilingual demo network into an empty database.

Everything is written in one transaction and is the same on every run: fixed data, no randomness.
The command refuses to run when the database already holds organisations (or the demo's people,
bodies or documents), so running it twice never duplicates anything.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import NetworkRole, User
from accounts.services import network_role_grant
from cooperation.models import Demand, Project
from core.multilingual import MultilingualText
from exchanges.models import Event
from governance.models import Body, DocumentVersion, NetworkDocument, Seat
from members.models import (
    ApplicationMessage,
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
)

DEFAULT_PASSWORD = "sironet-demo"  # noqa: S105 (the published demo password)
FOUNDING_DAY = date(2017, 11, 22)
# The demo's "now" for back-dated creation times, so every run writes the same rows.
DEMO_DAY = date(2026, 11, 1)


def ml(language: str, text: str, **translations: str) -> MultilingualText:
    """Text in its original language with human translations (keyword zh_hans means zh-hans)."""
    return MultilingualText.create(text, language, **translations)


def md(text: str, *, cjk: bool = False) -> str:
    """Markdown written wrapped in the source, unwrapped: one line per paragraph or list item.

    Lines inside a block are joined with a space, or with nothing for Chinese text (a soft line
    break between Chinese characters would show as a stray space).
    """
    joiner = "" if cjk else " "
    blocks = [block.strip() for block in textwrap.dedent(text).strip().split("\n\n")]
    return "\n\n".join(joiner.join(line.strip() for line in block.splitlines()) for block in blocks)


# --- Network documents ------------------------------------------------------------------------

CONSENSUS_TITLE = ml(
    "en",
    "Silk Road NGO Cooperation Network Beijing Consensus",
    zh_hans="丝绸之路沿线民间组织合作网络北京共识",
)

CONSENSUS_EN = md(
    """
    # Silk Road NGO Cooperation Network Beijing Consensus

    *Adopted in Beijing on 22 November 2017 at the first Silk Road NGO Cooperation Forum.*

    1. We, non-governmental organisations from countries along the Silk Road and beyond, met in
    Beijing on 21 and 22 November 2017 and agreed to found the Silk Road NGO Cooperation Network.

    2. We believe that friendship between peoples is the foundation of lasting cooperation
    between countries, and that civil society has a part of its own to play in bringing people
    closer together.

    3. The Network is open, inclusive and non-political. It welcomes organisations of every
    country, size and field of work, and treats all its members as equals.

    4. We will pursue cultural and people-to-people exchanges, so that our societies learn from
    one another and understand one another better.

    5. We will cooperate for people's livelihoods — in poverty relief, education, health,
    environmental protection, youth training and job creation — starting from the demands that
    communities themselves express.

    6. We will communicate regularly on public opinion and cooperation demands, share our
    experience, and discuss matters of common concern.

    7. We will work by joint consultation, joint building and sharing, and seek the support of
    more countries, organisations, businesses and social sectors.

    8. We will adopt a Constitution, form an International Steering Committee and set up a
    Secretariat to carry this work forward.
    """
)

CONSENSUS_ZH = md(
    """
    # 丝绸之路沿线民间组织合作网络北京共识

    *2017年11月22日于北京首届丝绸之路沿线民间组织合作网络论坛通过。*

    1. 我们，来自丝绸之路沿线及其他国家的民间组织，于2017年11月21日至22日
    在北京相聚，一致同意成立丝绸之路沿线民间组织合作网络。

    2. 我们相信，民心相通是国家间持久合作的基础，民间社会在增进各国人民
    相互了解方面具有独特作用。

    3. 合作网络秉持开放、包容、非政治化的原则，欢迎各国、各种规模和各个领域的
    组织加入，所有成员一律平等。

    4. 我们将开展人文交流和民间交往，促进各国社会相互学习、增进理解。

    5. 我们将围绕扶贫、教育、卫生、环保、青年培训和创造就业等民生领域开展合作，
    以基层社区自身提出的需求为出发点。

    6. 我们将定期沟通民意和合作需求，分享经验，共商共同关心的问题。

    7. 我们将坚持共商、共建、共享，争取更多国家、组织、企业和社会各界的支持。

    8. 我们将制定章程，组建国际指导委员会，设立秘书处，推动上述工作。
    """,
    cjk=True,
)

CONSTITUTION_TITLE = ml(
    "en",
    "Constitution of the Silk Road NGO Cooperation Network",
    zh_hans="丝绸之路沿线民间组织合作网络章程",
)

# {seats} and {online} differ between version 1 (2017) and version 2 (2021).
CONSTITUTION_EN = md(
    """
    # Constitution of the Silk Road NGO Cooperation Network

    ## Chapter I. General provisions

    **Article 1. Name.** The name of the Network is the Silk Road NGO Cooperation Network
    (SIRONET), called "the Network" below.

    **Article 2. Nature.** The Network is a voluntary, non-profit and non-political platform of
    non-governmental organisations. It has no authority over its members, who keep their full
    independence.

    **Article 3. Purpose.** The Network brings the peoples of the Silk Road countries and beyond
    closer together through cultural and people-to-people exchanges, and improves people's
    livelihoods through practical cooperation between its members.

    **Article 4. Principles.** The Network works in openness, inclusiveness, equality, mutual
    learning and mutual benefit, and by joint consultation, joint building and sharing.

    ## Chapter II. Membership

    **Article 5. Members.** Any lawfully registered non-governmental organisation, foundation,
    association, think tank or social enterprise that accepts this Constitution may apply to
    join. The Secretariat reviews each application; the International Steering Committee decides
    on it.

    **Article 6. Rights and duties.** Members take part in the Forum, in consultations and in
    votes; propose and join projects; and use the Network's services. They share information
    honestly, respect the laws and customs of the countries where they work, and report openly on
    joint projects.

    **Article 7. Leaving the Network.** A member may withdraw at any time by written notice. A
    member that acts against this Constitution may be suspended by a two-thirds majority of the
    International Steering Committee after it has been heard.

    ## Chapter III. Governance

    **Article 8. The International Steering Committee.** The Committee has {seats} members,
    elected by the members for three years with a fair balance of regions. It elects a chair and
    vice-chairs from among its members, meets at least once a year, and decides by consensus or,
    failing consensus, by a two-thirds majority.{online}

    **Article 9. The Secretariat.** The Secretariat runs the Network's daily work: it welcomes
    applications, keeps the register of members, prepares meetings, publishes the demands of
    communities and reports on cooperation. It is led by a Secretary-General appointed by the
    International Steering Committee.

    **Article 10. The Forum.** The Silk Road NGO Cooperation Forum gathers all members at
    regular intervals to review the Network's work and set its priorities.

    ## Chapter IV. Activities

    **Article 11. Exchanges.** The Network promotes cultural and people-to-people exchanges:
    visits, festivals, youth camps, training and the sharing of heritage.

    **Article 12. Livelihood cooperation.** The Network's members cooperate in poverty relief,
    education, health, environmental protection, youth training and job creation. Cooperation
    starts from grassroots demands: communities state their needs, members answer them, and
    projects are run jointly and reported openly.

    **Article 13. Communication.** Members communicate regularly on public opinion and
    cooperation demands, share experience, and discuss matters of common concern.

    ## Chapter V. Final provisions

    **Article 14. Languages.** The Network works in many languages. This Constitution is drawn up
    in Chinese and English; both texts are equally authentic.

    **Article 15. Amendment.** Amendments may be proposed by the International Steering Committee
    or by one fifth of the members, and are adopted by two thirds of the members voting.

    **Article 16. Entry into force.** This Constitution enters into force on the day of its
    adoption.
    """
)

CONSTITUTION_ZH = md(
    """
    # 丝绸之路沿线民间组织合作网络章程

    ## 第一章 总则

    **第一条 名称。** 本组织名称为丝绸之路沿线民间组织合作网络（SIRONET），
    以下简称“合作网络”。

    **第二条 性质。** 合作网络是民间组织自愿组成的非营利、非政治性合作平台。
    合作网络不领导其成员，各成员保持完全独立。

    **第三条 宗旨。** 合作网络通过人文交流和民间交往，拉近丝绸之路沿线及其他国家
    人民之间的距离，并通过成员之间的务实合作改善民生。

    **第四条 原则。** 合作网络坚持开放、包容、平等、互学、互利，坚持共商、共建、共享。

    ## 第二章 成员

    **第五条 成员资格。** 凡依法登记、承认本章程的民间组织、基金会、协会、智库或
    社会企业，均可申请加入。秘书处负责审核申请，国际指导委员会作出决定。

    **第六条 权利和义务。** 成员有权参加论坛、协商和表决，提出和参与项目，使用
    合作网络提供的服务。成员应如实分享信息，尊重所在国的法律和习俗，
    公开报告合作项目情况。

    **第七条 退出。** 成员可随时书面通知退出。违反本章程的成员，经听取其陈述后，
    可由国际指导委员会三分之二多数决定暂停其成员资格。

    ## 第三章 治理

    **第八条 国际指导委员会。** 委员会由{seats}名委员组成，由成员选举产生，
    任期三年，兼顾地区平衡。委员会从委员中选举主席和副主席，每年至少开会一次，
    以协商一致方式作出决定；不能协商一致时，以三分之二多数作出决定。{online}

    **第九条 秘书处。** 秘书处负责合作网络的日常工作：受理入网申请，管理成员名册，
    筹备会议，发布基层社区需求，报告合作情况。秘书处由国际指导委员会任命的
    秘书长领导。

    **第十条 论坛。** 丝绸之路沿线民间组织合作网络论坛定期召集全体成员，
    回顾合作网络的工作并确定工作重点。

    ## 第四章 活动

    **第十一条 交流。** 合作网络推动人文交流和民间交往，包括互访、文化节、
    青年营、培训和文化遗产分享。

    **第十二条 民生合作。** 成员在扶贫、教育、卫生、环保、青年培训和创造就业等领域
    开展合作。合作以基层需求为出发点：社区提出需求，成员作出回应，
    项目共同实施并公开报告。

    **第十三条 沟通。** 成员定期沟通民意和合作需求，分享经验，共商共同关心的问题。

    ## 第五章 附则

    **第十四条 语言。** 合作网络使用多种语言开展工作。本章程以中文和英文写成，
    两种文本具有同等效力。

    **第十五条 修改。** 章程修改可由国际指导委员会或五分之一的成员提出，
    经参加表决的成员三分之二通过。

    **第十六条 生效。** 本章程自通过之日起生效。
    """,
    cjk=True,
)

CONSTITUTION_VERSIONS = [
    # number, adopted on, seats, online clause (en, zh), note
    (1, FOUNDING_DAY, 11, ("", ""), "Adopted at the first Forum in Beijing."),
    (
        2,
        date(2021, 11, 23),
        15,
        (
            " Members of the Committee may take part in its meetings and votes online.",
            "委员可以在线参加委员会会议和表决。",
        ),
        "Article 8 amended: the Committee grows to 15 seats and may meet and vote online.",
    ),
]


def constitution_text(seats: int, online: tuple[str, str]) -> MultilingualText:
    return ml(
        "en",
        CONSTITUTION_EN.format(seats=seats, online=online[0]),
        zh_hans=CONSTITUTION_ZH.format(seats=seats, online=online[1]),
    )


# --- Organisations ----------------------------------------------------------------------------

# Every name and description is invented. name/description: (original language, text, English).
ORGANIZATIONS: list[dict] = [
    # China
    {
        "slug": "yunling-rural-education",
        "country": "CN",
        "city": "Kunming",
        "kind": "foundation",
        "founded": 2008,
        "since": FOUNDING_DAY,
        "name": (
            "zh-hans",
            "云岭乡村教育发展基金会",
            "Yunling Rural Education Development Foundation",
        ),
        "description": (
            "zh-hans",
            "在云南山区和湄公河流域支持乡村学校、教师培训和儿童阅读。",
            "Supports village schools, teacher training and children's reading in the mountains "
            "of Yunnan and the Mekong basin.",
        ),
        "areas": ["education", "youth-training"],
        "active_in": ["CN", "LA", "MM"],
        "languages": ["zh-hans", "en"],
    },
    {
        "slug": "silk-road-civil-exchange-centre",
        "country": "CN",
        "city": "Beijing",
        "kind": "ngo",
        "founded": 2012,
        "since": FOUNDING_DAY,
        "name": ("zh-hans", "北京丝路民间交流中心", "Beijing Silk Road Civil Exchange Centre"),
        "description": (
            "zh-hans",
            "组织青年、艺术家和社区工作者之间的民间交流与互访。",
            "Organises people-to-people exchanges and reciprocal visits between young people, "
            "artists and community workers.",
        ),
        "areas": ["cultural-exchange", "youth-training"],
        "active_in": ["CN", "KZ", "UZ", "RU"],
        "languages": ["zh-hans", "en", "ru"],
    },
    {
        "slug": "green-oasis-environment",
        "country": "CN",
        "city": "Lanzhou",
        "kind": "association",
        "founded": 2005,
        "since": FOUNDING_DAY,
        "name": (
            "zh-hans",
            "绿洲生态环境保护协会",
            "Green Oasis Environmental Protection Association",
        ),
        "description": (
            "zh-hans",
            "在河西走廊开展防沙治沙、节水农业和生态教育。",
            "Works on desertification control, water-saving agriculture and environmental "
            "education along the Hexi Corridor.",
        ),
        "areas": ["environmental-protection", "poverty-relief"],
        "active_in": ["CN", "MN", "KZ"],
        "languages": ["zh-hans", "en"],
    },
    {
        "slug": "lingnan-health-volunteers",
        "country": "CN",
        "city": "Guangzhou",
        "kind": "network",
        "founded": 2010,
        "since": date(2018, 5, 14),
        "name": (
            "zh-hans",
            "岭南社区健康志愿者联合会",
            "Lingnan Community Health Volunteers Federation",
        ),
        "description": (
            "zh-hans",
            "培训社区健康志愿者，开展妇幼保健和健康教育项目。",
            "Trains community health volunteers and runs maternal and child health and health "
            "education programmes.",
        ),
        "areas": ["health"],
        "active_in": ["CN", "KH", "MY", "BD"],
        "languages": ["zh-hans", "en"],
    },
    {
        "slug": "huaxia-rural-revitalisation",
        "country": "CN",
        "city": "Chengdu",
        "kind": "social_enterprise",
        "founded": 2016,
        "since": date(2019, 3, 8),
        "name": (
            "zh-hans",
            "华夏乡村振兴社会企业",
            "Huaxia Rural Revitalisation Social Enterprise",
        ),
        "description": (
            "zh-hans",
            "帮助农村合作社开拓市场，为返乡青年创造就业机会。",
            "Helps rural co-operatives reach markets and creates jobs for young people returning "
            "to their villages.",
        ),
        "areas": ["job-creation", "poverty-relief"],
        "active_in": ["CN", "NP", "PK"],
        "languages": ["zh-hans", "en"],
    },
    # Russia, Central Asia, Mongolia, Belarus
    {
        "slug": "volga-shores-youth",
        "country": "RU",
        "city": "Kazan",
        "kind": "foundation",
        "founded": 2009,
        "since": FOUNDING_DAY,
        "name": (
            "ru",
            "Фонд молодёжных инициатив «Волжские берега»",
            '"Volga Shores" Youth Initiatives Foundation',
        ),
        "description": (
            "ru",
            "Поддерживает молодёжные обмены, волонтёрство и профессиональное обучение в Поволжье.",
            "Supports youth exchanges, volunteering and vocational training in the Volga region.",
        ),
        "areas": ["youth-training", "cultural-exchange"],
        "active_in": ["RU", "KZ", "BY", "CN"],
        "languages": ["ru", "en"],
    },
    {
        "slug": "baikal-ecological-alliance",
        "country": "RU",
        "city": "Irkutsk",
        "kind": "network",
        "founded": 2003,
        "since": date(2018, 9, 3),
        "name": ("ru", "Байкальский экологический альянс", "Baikal Ecological Alliance"),
        "description": (
            "ru",
            "Объединяет местные организации для охраны озера Байкал и экологического просвещения.",
            "Brings local groups together to protect Lake Baikal and to promote environmental "
            "education.",
        ),
        "areas": ["environmental-protection", "education"],
        "active_in": ["RU", "MN"],
        "languages": ["ru", "en"],
    },
    {
        "slug": "steppe-bridges",
        "country": "KZ",
        "city": "Almaty",
        "kind": "association",
        "founded": 2011,
        "since": FOUNDING_DAY,
        "name": (
            "ru",
            "Общественное объединение «Мосты степи»",
            '"Steppe Bridges" Public Association',
        ),
        "description": (
            "ru",
            "Развивает культурные обмены и двуязычное образование в Центральной Азии.",
            "Develops cultural exchanges and bilingual education across Central Asia.",
        ),
        "areas": ["cultural-exchange", "education"],
        "active_in": ["KZ", "KG", "UZ", "CN"],
        "languages": ["ru", "kk", "en", "zh-hans"],
    },
    {
        "slug": "aral-water-and-health",
        "country": "KZ",
        "city": "Kyzylorda",
        "kind": "ngo",
        "founded": 2006,
        "since": date(2019, 6, 17),
        "name": ("ru", "Центр «Арал: вода и здоровье»", '"Aral: Water and Health" Centre'),
        "description": (
            "ru",
            "Обеспечивает доступ к чистой воде и медицинской помощи в посёлках Приаралья.",
            "Brings clean water and health care to settlements around the Aral Sea.",
        ),
        "areas": ["health", "environmental-protection"],
        "active_in": ["KZ", "UZ"],
        "languages": ["ru", "kk", "en"],
    },
    {
        "slug": "mahalla-craftspeople",
        "country": "UZ",
        "city": "Samarkand",
        "kind": "association",
        "founded": 2014,
        "since": date(2018, 4, 20),
        "name": ("uz", "Mahalla hunarmandlari uyushmasi", "Mahalla Craftspeople Association"),
        "description": (
            "en",
            "Helps neighbourhood artisans — potters, embroiderers, woodcarvers — train "
            "apprentices and sell their work.",
            None,
        ),
        "areas": ["job-creation", "cultural-exchange"],
        "active_in": ["UZ", "TJ", "CN"],
        "languages": ["uz", "ru", "en"],
    },
    {
        "slug": "tian-shan-mountain-communities",
        "country": "KG",
        "city": "Bishkek",
        "kind": "association",
        "founded": 2007,
        "since": date(2018, 4, 20),
        "name": (
            "ru",
            "Ассоциация горных сообществ Тянь-Шаня",
            "Tian Shan Mountain Communities Association",
        ),
        "description": (
            "ru",
            "Помогает горным сёлам развивать пастбищное хозяйство и экотуризм.",
            "Helps mountain villages develop pasture management and eco-tourism.",
        ),
        "areas": ["poverty-relief", "environmental-protection"],
        "active_in": ["KG", "KZ", "TJ"],
        "languages": ["ru", "ky", "en"],
    },
    {
        "slug": "gobi-herders",
        "country": "MN",
        "city": "Dalanzadgad",
        "kind": "association",
        "founded": 2000,
        "since": date(2019, 6, 17),
        "name": ("mn", "Говийн малчдын холбоо", "Gobi Herders' Association"),
        "description": (
            "en",
            "Supports herding families in the Gobi with winter fodder reserves, veterinary care "
            "and rangeland protection.",
            None,
        ),
        "areas": ["poverty-relief", "environmental-protection"],
        "active_in": ["MN", "CN"],
        "languages": ["mn", "ru", "en"],
    },
    {
        "slug": "polesie-crafts",
        "country": "BY",
        "city": "Pinsk",
        "kind": "association",
        "founded": 2012,
        "since": date(2020, 11, 24),
        "name": (
            "ru",
            "Общественное объединение «Полесские ремёсла»",
            '"Polesie Crafts" Public Association',
        ),
        "description": (
            "ru",
            "Сохраняет традиционные ремёсла Полесья и помогает молодым мастерам найти работу.",
            "Keeps the traditional crafts of Polesie alive and helps young craftspeople find work.",
        ),
        "areas": ["cultural-exchange", "job-creation"],
        "active_in": ["BY", "RU", "RS"],
        "languages": ["ru", "be", "en"],
    },
    # South Asia
    {
        "slug": "indus-valley-literacy-trust",
        "country": "PK",
        "city": "Lahore",
        "kind": "foundation",
        "founded": 2002,
        "since": FOUNDING_DAY,
        "name": ("en", "Indus Valley Literacy Trust", "印度河流域扫盲信托基金"),
        "name_translation_language": "zh-hans",
        "description": (
            "en",
            "Runs community schools and adult literacy circles in rural Punjab and Sindh.",
            None,
        ),
        "areas": ["education"],
        "active_in": ["PK"],
        "languages": ["ur", "en"],
    },
    {
        "slug": "karakoram-womens-enterprise",
        "country": "PK",
        "city": "Gilgit",
        "kind": "network",
        "founded": 2013,
        "since": date(2019, 3, 8),
        "name": ("en", "Karakoram Women's Enterprise Network", None),
        "description": (
            "en",
            "Connects women producers in the northern mountain valleys with training, credit "
            "and buyers.",
            None,
        ),
        "areas": ["job-creation", "youth-training"],
        "active_in": ["PK", "CN"],
        "languages": ["ur", "en"],
    },
    {
        "slug": "himalayan-community-health",
        "country": "NP",
        "city": "Kathmandu",
        "kind": "ngo",
        "founded": 2004,
        "since": FOUNDING_DAY,
        "name": ("en", "Himalayan Community Health Forum", None),
        "description": (
            "en",
            "Trains community health workers and builds birth-waiting homes in remote hill "
            "districts.",
            None,
        ),
        "areas": ["health", "poverty-relief"],
        "active_in": ["NP", "IN"],
        "languages": ["ne", "en"],
    },
    {
        "slug": "coastal-livelihoods-lanka",
        "country": "LK",
        "city": "Galle",
        "kind": "ngo",
        "founded": 2005,
        "since": date(2018, 9, 3),
        "name": ("en", "Coastal Livelihoods Lanka", None),
        "description": (
            "en",
            "Founded after the 2004 tsunami; restores mangroves and helps fishing families "
            "diversify their income.",
            None,
        ),
        "areas": ["poverty-relief", "environmental-protection"],
        "active_in": ["LK", "MV"],
        "languages": ["si", "ta", "en"],
    },
    {
        "slug": "delta-micro-enterprise",
        "country": "BD",
        "city": "Khulna",
        "kind": "social_enterprise",
        "founded": 1998,
        "since": FOUNDING_DAY,
        "name": ("en", "Delta Micro-Enterprise Society", None),
        "description": (
            "en",
            "Offers savings groups, small loans and business training to households in the "
            "coastal delta.",
            None,
        ),
        "areas": ["job-creation", "poverty-relief"],
        "active_in": ["BD", "MM", "NP"],
        "languages": ["bn", "en"],
    },
    # South-east Asia
    {
        "slug": "irrawaddy-learning-circle",
        "country": "MM",
        "city": "Mandalay",
        "kind": "ngo",
        "founded": 2012,
        "since": date(2018, 5, 14),
        "name": ("en", "Irrawaddy Learning Circle", None),
        "description": (
            "en",
            "Trains volunteer teachers for monastic and community schools along the Irrawaddy.",
            None,
        ),
        "areas": ["education", "youth-training"],
        "active_in": ["MM", "TH"],
        "languages": ["my", "en"],
    },
    {
        "slug": "mekong-rice-farmers-cambodia",
        "country": "KH",
        "city": "Battambang",
        "kind": "association",
        "founded": 2009,
        "since": date(2019, 11, 12),
        "name": ("en", "Mekong Rice Farmers' Association of Cambodia", None),
        "description": (
            "en",
            "A farmer-led association teaching sustainable rice growing and collective marketing.",
            None,
        ),
        "areas": ["poverty-relief", "job-creation"],
        "active_in": ["KH"],
        "languages": ["km", "en"],
    },
    {
        "slug": "lao-village-water",
        "country": "LA",
        "city": "Luang Prabang",
        "kind": "ngo",
        "founded": 2011,
        "since": date(2019, 11, 12),
        "name": ("en", "Village Water and Sanitation Initiative Laos", None),
        "description": (
            "en",
            "Builds gravity-fed water systems and latrines with village committees.",
            None,
        ),
        "areas": ["health", "environmental-protection"],
        "active_in": ["LA"],
        "languages": ["lo", "en", "fr"],
    },
    {
        "slug": "mekong-basin-youth-foundation",
        "country": "TH",
        "city": "Chiang Rai",
        "kind": "foundation",
        "founded": 2001,
        "since": FOUNDING_DAY,
        "name": ("th", "มูลนิธิพัฒนาเยาวชนลุ่มน้ำโขง", "Mekong Basin Youth Development Foundation"),
        "description": (
            "en",
            "Runs vocational courses and scholarships for young people from hill-tribe and "
            "border communities.",
            None,
        ),
        "areas": ["youth-training", "education"],
        "active_in": ["TH", "LA", "MM"],
        "languages": ["th", "en"],
    },
    {
        "slug": "mekong-delta-community-development",
        "country": "VN",
        "city": "Can Tho",
        "kind": "association",
        "founded": 2006,
        "since": date(2020, 11, 24),
        "name": (
            "vi",
            "Hội Phát triển Cộng đồng Đồng bằng sông Cửu Long",
            "Mekong Delta Community Development Society",
        ),
        "description": (
            "en",
            "Helps delta farmers adapt to salt water and floods with new crops and shared "
            "irrigation.",
            None,
        ),
        "areas": ["poverty-relief", "environmental-protection"],
        "active_in": ["VN", "KH"],
        "languages": ["vi", "en"],
    },
    {
        "slug": "borneo-green-schools",
        "country": "MY",
        "city": "Kuching",
        "kind": "network",
        "founded": 2010,
        "since": date(2021, 11, 23),
        "name": ("en", "Borneo Green Schools Network", None),
        "description": (
            "en",
            "Links rural schools that teach through school gardens, river clean-ups and "
            "forest walks.",
            None,
        ),
        "areas": ["education", "environmental-protection"],
        "active_in": ["MY", "ID", "BN"],
        "languages": ["ms", "en", "zh-hans"],
    },
    {
        "slug": "nusantara-fisherfolk",
        "country": "ID",
        "city": "Makassar",
        "kind": "foundation",
        "founded": 2007,
        "since": date(2021, 11, 23),
        "name": (
            "id",
            "Yayasan Pemberdayaan Nelayan Nusantara",
            "Nusantara Fisherfolk Empowerment Foundation",
        ),
        "description": (
            "en",
            "Supports small-scale fishing communities with cold storage, co-operatives and "
            "reef protection.",
            None,
        ),
        "areas": ["poverty-relief", "job-creation"],
        "active_in": ["ID"],
        "languages": ["id", "en"],
    },
    # Europe and Türkiye
    {
        "slug": "danube-bridge-youth",
        "country": "RS",
        "city": "Novi Sad",
        "kind": "association",
        "founded": 2010,
        "since": date(2018, 9, 3),
        "name": (
            "sr",
            "Удружење за развој младих „Дунавски мост“",
            '"Danube Bridge" Youth Development Association',
        ),
        "description": (
            "en",
            "Runs youth exchanges, summer schools and job-skills programmes in the Danube region.",
            None,
        ),
        "areas": ["youth-training", "cultural-exchange"],
        "active_in": ["RS", "GR", "IT", "BY"],
        "languages": ["sr", "en", "ru"],
    },
    {
        "slug": "aegean-cultural-routes",
        "country": "GR",
        "city": "Thessaloniki",
        "kind": "network",
        "founded": 2008,
        "since": date(2019, 11, 12),
        "name": (
            "el",
            "Δίκτυο Πολιτιστικών Διαδρομών του Αιγαίου",
            "Aegean Cultural Routes Network",
        ),
        "description": (
            "en",
            "Brings together museums, music schools and heritage groups around the Aegean.",
            None,
        ),
        "areas": ["cultural-exchange", "education"],
        "active_in": ["GR", "IT", "TR"],
        "languages": ["el", "en", "fr"],
    },
    {
        "slug": "ponte-di-marco",
        "country": "IT",
        "city": "Venice",
        "kind": "foundation",
        "founded": 2009,
        "since": FOUNDING_DAY,
        "name": (
            "it",
            "Fondazione Ponte di Marco per il dialogo tra i popoli",
            "Marco's Bridge Foundation for Dialogue between Peoples",
        ),
        "description": (
            "en",
            "Organises residencies, translations and exhibitions linking Venice with the "
            "cities of the old caravan routes.",
            None,
        ),
        "areas": ["cultural-exchange", "education"],
        "active_in": ["IT", "GR", "CN", "UZ"],
        "languages": ["it", "en", "zh-hans"],
    },
    {
        "slug": "anatolian-rural-development",
        "country": "TR",
        "city": "Kayseri",
        "kind": "association",
        "founded": 2003,
        "since": date(2018, 5, 14),
        "name": (
            "tr",
            "Anadolu Kırsal Kalkınma Derneği",
            "Anatolian Rural Development Association",
        ),
        "description": (
            "en",
            "Supports village women's co-operatives, beekeeping and small irrigation schemes in "
            "central Anatolia.",
            None,
        ),
        "areas": ["poverty-relief", "job-creation"],
        "active_in": ["TR", "AZ", "IR"],
        "languages": ["tr", "en"],
    },
    {
        "slug": "caravane-des-savoirs",
        "country": "FR",
        "city": "Lyon",
        "kind": "association",
        "founded": 2007,
        "since": FOUNDING_DAY,
        "name": ("fr", "Association Caravane des savoirs", "Caravan of Knowledge Association"),
        "description": (
            "fr",
            "Soutient des écoles rurales et organise des échanges entre enseignants d'Europe, "
            "d'Afrique et d'Asie.",
            "Supports rural schools and organises exchanges between teachers from Europe, Africa "
            "and Asia.",
        ),
        "areas": ["education", "cultural-exchange"],
        "active_in": ["FR", "MA", "SN", "CN"],
        "languages": ["fr", "en", "ar"],
    },
    # West Asia and North Africa
    {
        "slug": "desert-children-education",
        "country": "IR",
        "city": "Yazd",
        "kind": "association",
        "founded": 2006,
        "since": date(2019, 3, 8),
        "name": (
            "fa",
            "انجمن حمایت از آموزش کودکان کویر",
            "Association for the Education of Desert Children",
        ),
        "description": (
            "en",
            "Provides school supplies, transport and tutoring for children in desert villages.",
            None,
        ),
        "areas": ["education", "poverty-relief"],
        "active_in": ["IR", "AF"],
        "languages": ["fa", "en"],
    },
    {
        "slug": "nile-community-development",
        "country": "EG",
        "city": "Aswan",
        "kind": "association",
        "founded": 1999,
        "since": FOUNDING_DAY,
        "name": (
            "ar",
            "جمعية نهر النيل للتنمية المجتمعية",
            "Nile River Community Development Association",
        ),
        "description": (
            "ar",
            "تعمل مع القرى النوبية في مجالات الصحة وتمكين المرأة والحرف التقليدية.",
            "Works with Nubian villages on health, women's empowerment and traditional crafts.",
        ),
        "areas": ["poverty-relief", "health"],
        "active_in": ["EG", "SD"],
        "languages": ["ar", "en"],
    },
    {
        "slug": "al-waha-education",
        "country": "JO",
        "city": "Irbid",
        "kind": "foundation",
        "founded": 2005,
        "since": date(2018, 5, 14),
        "name": (
            "ar",
            "مؤسسة الواحة للتعليم والتدريب المهني",
            "Al-Waha Foundation for Education and Vocational Training",
        ),
        "description": (
            "ar",
            "تقدم دروس تقوية للأطفال وتدريباً مهنياً للشباب في شمال الأردن.",
            "Offers catch-up classes for children and vocational training for young people in "
            "northern Jordan.",
        ),
        "areas": ["education", "youth-training"],
        "active_in": ["JO", "LB"],
        "languages": ["ar", "en"],
    },
    {
        "slug": "cedar-environmental-action",
        "country": "LB",
        "city": "Byblos",
        "kind": "network",
        "founded": 2011,
        "since": date(2020, 11, 24),
        "name": ("ar", "شبكة الأرز للعمل البيئي", "Cedar Network for Environmental Action"),
        "description": (
            "ar",
            "تعيد تشجير الجبال وتنظم حملات لتدوير النفايات في البلدات اللبنانية.",
            "Replants mountain forests and runs recycling campaigns in Lebanese towns.",
        ),
        "areas": ["environmental-protection", "cultural-exchange"],
        "active_in": ["LB", "JO"],
        "languages": ["ar", "fr", "en"],
    },
    {
        "slug": "bridges-of-goodwill",
        "country": "AE",
        "city": "Sharjah",
        "kind": "ngo",
        "founded": 2014,
        "since": date(2019, 6, 17),
        "name": (
            "ar",
            "مبادرة جسور الخير للتنمية المستدامة",
            "Bridges of Goodwill Initiative for Sustainable Development",
        ),
        "description": (
            "ar",
            "تموّل مشاريع صغيرة مدرّة للدخل وتدعم شراكات بين الجمعيات في آسيا وأفريقيا.",
            "Funds small income-generating projects and supports partnerships between "
            "associations in Asia and Africa.",
        ),
        "areas": ["poverty-relief", "job-creation"],
        "active_in": ["AE", "EG", "PK", "KE"],
        "languages": ["ar", "en"],
    },
    # Africa
    {
        "slug": "rift-valley-youth-skills",
        "country": "KE",
        "city": "Nakuru",
        "kind": "network",
        "founded": 2008,
        "since": date(2018, 9, 3),
        "name": ("en", "Rift Valley Youth Skills Network", None),
        "description": (
            "en",
            "Runs apprenticeships in solar, tailoring and mechanics and helps young graduates "
            "start businesses.",
            None,
        ),
        "areas": ["youth-training", "job-creation"],
        "active_in": ["KE", "TZ", "ET"],
        "languages": ["sw", "en"],
    },
    {
        "slug": "highlands-mother-child-health",
        "country": "ET",
        "city": "Bahir Dar",
        "kind": "association",
        "founded": 2004,
        "since": date(2020, 11, 24),
        "name": ("en", "Highlands Mother and Child Health Association", None),
        "description": (
            "en",
            "Trains health extension workers and supports girls' health education in the "
            "Amhara highlands.",
            None,
        ),
        "areas": ["health"],
        "active_in": ["ET"],
        "languages": ["am", "en"],
    },
    {
        "slug": "kilimanjaro-smallholders",
        "country": "TZ",
        "city": "Moshi",
        "kind": "association",
        "founded": 2002,
        "since": date(2021, 11, 23),
        "name": (
            "sw",
            "Chama cha Maendeleo ya Wakulima Wadogo Kilimanjaro",
            "Kilimanjaro Smallholder Farmers Development Association",
        ),
        "description": (
            "en",
            "Helps coffee and banana smallholders on the slopes of Kilimanjaro organise, process "
            "and sell together.",
            None,
        ),
        "areas": ["poverty-relief", "job-creation"],
        "active_in": ["TZ", "KE"],
        "languages": ["sw", "en"],
    },
    # Latin America
    {
        "slug": "sementes-do-cerrado",
        "country": "BR",
        "city": "Brasília",
        "kind": "ngo",
        "founded": 2010,
        "since": date(2022, 11, 15),
        "name": ("pt", "Instituto Sementes do Cerrado", "Seeds of the Cerrado Institute"),
        "description": (
            "en",
            "Collects native seeds with rural communities to restore savanna land and teach "
            "ecology in schools.",
            None,
        ),
        "areas": ["environmental-protection", "education"],
        "active_in": ["BR"],
        "languages": ["pt", "en", "es"],
    },
    {
        "slug": "andes-solidarios",
        "country": "PE",
        "city": "Cusco",
        "kind": "foundation",
        "founded": 2001,
        "since": date(2019, 11, 12),
        "name": (
            "es",
            "Fundación Andes Solidarios para el Desarrollo Rural",
            "Andes in Solidarity Foundation for Rural Development",
        ),
        "description": (
            "es",
            "Acompaña a comunidades quechuas en agricultura de altura, educación bilingüe "
            "y agua segura.",
            "Works with Quechua communities on high-altitude farming, bilingual education and "
            "safe water.",
        ),
        "areas": ["poverty-relief", "education"],
        "active_in": ["PE", "BO"],
        "languages": ["es", "qu", "en"],
    },
]

APPLICANTS: list[dict] = [
    {
        "slug": "caspian-youth-centre",
        "country": "AZ",
        "city": "Baku",
        "kind": "ngo",
        "founded": 2015,
        "applied": date(2026, 9, 14),
        "name": ("az", "Xəzər Gənclər Mərkəzi", "Caspian Youth Centre"),
        "description": (
            "en",
            "Offers digital-skills courses and volunteering for young people on the Caspian coast.",
            None,
        ),
        "areas": ["youth-training"],
        "active_in": ["AZ"],
        "languages": ["az", "ru", "en"],
    },
    {
        "slug": "pamir-springs",
        "country": "TJ",
        "city": "Khorog",
        "kind": "foundation",
        "founded": 2012,
        "applied": date(2026, 10, 2),
        "name": ("ru", "Фонд «Памирские родники»", '"Pamir Springs" Foundation'),
        "description": (
            "ru",
            "Восстанавливает родники и водопроводы в горных кишлаках Памира.",
            "Restores springs and water pipes in the mountain villages of the Pamirs.",
        ),
        "areas": ["environmental-protection", "health"],
        "active_in": ["TJ"],
        "languages": ["tg", "ru", "en"],
    },
    {
        "slug": "atlas-solidaire",
        "country": "MA",
        "city": "Marrakech",
        "kind": "association",
        "founded": 2009,
        "applied": date(2026, 10, 21),
        "name": ("fr", "Association Atlas Solidaire", "Atlas Solidarity Association"),
        "description": (
            "fr",
            "Soutient les coopératives féminines d'argan et la scolarisation des filles "
            "dans le Haut Atlas.",
            "Supports women's argan co-operatives and girls' schooling in the High Atlas.",
        ),
        "areas": ["poverty-relief", "education"],
        "active_in": ["MA"],
        "languages": ["ar", "fr", "en"],
    },
    {
        "slug": "red-pampa-economia-social",
        "country": "AR",
        "city": "Rosario",
        "kind": "network",
        "founded": 2013,
        "applied": date(2026, 11, 6),
        "name": ("es", "Red Pampa de Economía Social", "Pampa Social Economy Network"),
        "description": (
            "es",
            "Reúne cooperativas de trabajo y emprendimientos de jóvenes del litoral argentino.",
            "Brings together worker co-operatives and youth enterprises of the Argentine littoral.",
        ),
        "areas": ["job-creation"],
        "active_in": ["AR"],
        "languages": ["es", "en"],
    },
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


# --- People -----------------------------------------------------------------------------------

# email, full name, preferred language
SITE_ADMIN = ("admin@sironet.example", "Site Administrator", "en")
SECRETARIAT_STAFF = [
    ("zhang.min@sironet.example", "张敏", "zh-hans", Seat.Role.SECRETARY_GENERAL, FOUNDING_DAY),
    ("amina.haddad@sironet.example", "Amina Haddad", "ar", Seat.Role.STAFF, date(2022, 3, 1)),
]
COMMITTEE_TERM = (date(2024, 11, 25), date(2027, 11, 24))
# email, full name, language, organisation, seat role, job title
COMMITTEE = [
    (
        "chen.hui@sironet.example",
        "陈慧",
        "zh-hans",
        "silk-road-civil-exchange-centre",
        Seat.Role.CHAIR,
        "Director",
    ),
    (
        "aigerim.sadykova@sironet.example",
        "Айгерим Садыкова",
        "ru",
        "steppe-bridges",
        Seat.Role.VICE_CHAIR,
        "Chair of the Board",
    ),
    (
        "omar.khalil@sironet.example",
        "عمر خليل",
        "ar",
        "nile-community-development",
        Seat.Role.MEMBER,
        "Executive Director",
    ),
    (
        "sophie.laurent@sironet.example",
        "Sophie Laurent",
        "fr",
        "caravane-des-savoirs",
        Seat.Role.MEMBER,
        "Présidente",
    ),
    (
        "ramesh.shrestha@sironet.example",
        "Ramesh Shrestha",
        "en",
        "himalayan-community-health",
        Seat.Role.MEMBER,
        "Programme Director",
    ),
    (
        "lucia.quispe@sironet.example",
        "Lucía Quispe",
        "es",
        "andes-solidarios",
        Seat.Role.MEMBER,
        "Coordinadora general",
    ),
]
# A finished term, so the history of the Committee is not empty.
PAST_SEATS = [
    (
        "ramesh.shrestha@sironet.example",
        "himalayan-community-health",
        Seat.Role.VICE_CHAIR,
        FOUNDING_DAY,
        date(2021, 11, 22),
    ),
]
# email, full name, language, organisation, job title
ORG_ADMINS = [
    (
        "wang.fang@sironet.example",
        "王芳",
        "zh-hans",
        "yunling-rural-education",
        "Programme Officer",
    ),
    (
        "dmitry.sokolov@sironet.example",
        "Дмитрий Соколов",
        "ru",
        "volga-shores-youth",
        "Project Manager",
    ),
    (
        "grace.wanjiru@sironet.example",
        "Grace Wanjiru",
        "en",
        "rift-valley-youth-skills",
        "Coordinator",
    ),
    (
        "layla.nasser@sironet.example",
        "ليلى ناصر",
        "ar",
        "cedar-environmental-action",
        "Coordinator",
    ),
]


# --- Bodies -----------------------------------------------------------------------------------

BODIES = [
    (
        "steering-committee",
        Body.Kind.STEERING_COMMITTEE,
        15,
        ml(
            "en",
            "Elected by the members for three years. It admits new members, sets the Network's "
            "priorities and takes its main decisions.",
            zh_hans="由成员选举产生，任期三年。负责批准新成员、确定合作网络的工作重点并作出重大决定。",
        ),
    ),
    (
        "secretariat",
        Body.Kind.SECRETARIAT,
        5,
        ml(
            "en",
            "Runs the Network's daily work: applications, the register of members, meetings, "
            "grassroots demands and reports.",
            zh_hans="负责合作网络的日常工作：入网申请、成员名册、会议筹备、基层需求和工作报告。",
        ),
    ),
]


# --- Events -----------------------------------------------------------------------------------

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
        "kind": Event.Kind.CULTURAL_EXCHANGE,
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
        "kind": Event.Kind.WORKSHOP,
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
        "kind": Event.Kind.WORKSHOP,
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
        "kind": Event.Kind.CULTURAL_EXCHANGE,
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
        "kind": Event.Kind.WORKSHOP,
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


def applicant_email(row: dict) -> str:
    return f"apply@{row['slug']}.example.org"


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


class Command(BaseCommand):
    help = "Load a small multilingual demo network (organisations, people, events, demands, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of every demo account (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args, **options):
        existing = self.existing_data()
        if existing:
            self.stdout.write(
                self.style.WARNING(
                    "Demo data not loaded: the database already holds "
                    + ", ".join(existing)
                    + ". seed_demo only fills an empty database."
                )
            )
            return
        with transaction.atomic():
            counts = self.load(options["password"])
        self.stdout.write(self.style.SUCCESS("Demo network loaded:"))
        for label, count in counts.items():
            self.stdout.write(f"  {label:<26} {count:>5}")
        if options["password"] == DEFAULT_PASSWORD:
            said = f"the password {DEFAULT_PASSWORD!r}"
        else:
            said = "the password given with --password"
        self.stdout.write(f"Demo accounts, all with {said}:")
        accounts = [
            ("site administrator", [SITE_ADMIN[0]]),
            ("Secretariat staff", [row[0] for row in SECRETARIAT_STAFF]),
            ("Steering Committee", [row[0] for row in COMMITTEE]),
            ("organisation admins", [row[0] for row in ORG_ADMINS]),
            ("applicants", [applicant_email(row) for row in APPLICANTS]),
        ]
        for label, emails in accounts:
            self.stdout.write(f"  {label:<20} {', '.join(emails)}")

    def existing_data(self) -> list[str]:
        emails = [SITE_ADMIN[0]] + [row[0] for row in SECRETARIAT_STAFF + COMMITTEE + ORG_ADMINS]
        checks = [
            ("organisations", Organization.objects.exists()),
            ("governing bodies", Body.objects.exists()),
            ("network documents", NetworkDocument.objects.exists()),
            ("demo accounts", User.objects.filter(email__in=emails).exists()),
        ]
        return [label for label, found in checks if found]

    # The whole load runs inside one transaction (see handle).
    def load(self, password: str) -> dict[str, int]:
        hashed = make_password(password)  # hashed once: Argon2 is slow on purpose
        organizations = self.load_organizations()
        people = self.load_people(hashed, organizations)
        self.load_bodies_and_seats(people, organizations)
        self.load_documents()
        self.load_applications(hashed, organizations, people)
        self.load_events(organizations)
        self.load_demands_and_projects(organizations)
        members = Organization.objects.members()
        return {
            "member organisations": members.count(),
            "countries with members": members.values("country").distinct().count(),
            "applicants": Organization.objects.filter(status=Organization.Status.APPLICANT).count(),
            "people": User.objects.count(),
            "governing bodies": Body.objects.count(),
            "seats": Seat.objects.count(),
            "network documents": NetworkDocument.objects.count(),
            "document versions": DocumentVersion.objects.count(),
            "events": Event.objects.count(),
            "grassroots demands": Demand.objects.count(),
            "projects": Project.objects.count(),
        }

    def load_organizations(self) -> dict[str, Organization]:
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

    def load_people(self, hashed: str, organizations: dict[str, Organization]) -> dict[str, User]:
        people: dict[str, User] = {}

        def person(email: str, full_name: str, language: str, **extra) -> User:
            user = User.objects.create_user(
                email=email, full_name=full_name, preferred_language=language, **extra
            )
            user.password = hashed
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            people[email] = user
            return user

        email, full_name, language = SITE_ADMIN
        admin = person(email, full_name, language, is_superuser=True)
        network_role_grant(actor=None, user=admin, role=NetworkRole.Role.SITE_ADMIN)
        for email, full_name, language, _role, _start in SECRETARIAT_STAFF:
            user = person(email, full_name, language)
            network_role_grant(actor=None, user=user, role=NetworkRole.Role.SECRETARIAT)
        for email, full_name, language, slug, _role, title in COMMITTEE:
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
        return people

    def load_bodies_and_seats(
        self, people: dict[str, User], organizations: dict[str, Organization]
    ) -> None:
        bodies = {}
        for slug, kind, seats, description in BODIES:
            bodies[kind] = Body.objects.create(
                slug=slug, kind=kind, seats=seats, description=description
            )
        committee = bodies[Body.Kind.STEERING_COMMITTEE]
        start, end = COMMITTEE_TERM
        for email, _name, _language, slug, role, _title in COMMITTEE:
            Seat.objects.create(
                body=committee,
                user=people[email],
                organization=organizations[slug],
                role=role,
                term_start=start,
                term_end=end,
            )
        for email, slug, role, start, end in PAST_SEATS:
            Seat.objects.create(
                body=committee,
                user=people[email],
                organization=organizations[slug],
                role=role,
                term_start=start,
                term_end=end,
            )
        for email, _name, _language, role, start in SECRETARIAT_STAFF:
            Seat.objects.create(
                body=bodies[Body.Kind.SECRETARIAT], user=people[email], role=role, term_start=start
            )

    def load_applications(
        self, hashed: str, organizations: dict[str, Organization], people: dict[str, User]
    ) -> None:
        """The applicants at each step of the path, so the review and vote pages have work."""
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

    def load_documents(self) -> None:
        consensus = NetworkDocument.objects.create(
            slug="beijing-consensus", kind=NetworkDocument.Kind.DECLARATION, title=CONSENSUS_TITLE
        )
        DocumentVersion.objects.create(
            document=consensus,
            number=1,
            body=ml("en", CONSENSUS_EN, zh_hans=CONSENSUS_ZH),
            adopted_on=FOUNDING_DAY,
            note="Adopted at the first Forum in Beijing.",
        )
        constitution = NetworkDocument.objects.create(
            slug="constitution", kind=NetworkDocument.Kind.CONSTITUTION, title=CONSTITUTION_TITLE
        )
        for number, adopted_on, seats, online, note in CONSTITUTION_VERSIONS:
            DocumentVersion.objects.create(
                document=constitution,
                number=number,
                body=constitution_text(seats, online),
                adopted_on=adopted_on,
                note=note,
            )
        NetworkDocument.objects.update(created_at=at_noon(FOUNDING_DAY))

    def load_events(self, organizations: dict[str, Organization]) -> None:
        for row in EVENTS:
            event = Event.objects.create(
                title=row["title"],
                description=row["description"],
                kind=row["kind"],
                city=row["city"],
                country_id=row["country"],
                starts_on=row["starts"],
                ends_on=row["ends"],
                organizer=organizations[row["organizer"]],
            )
            announced = date(row["starts"].year - 1, row["starts"].month, 1)
            Event.objects.filter(pk=event.pk).update(created_at=at_noon(announced))

    def load_demands_and_projects(self, organizations: dict[str, Organization]) -> None:
        demands = {}
        for key, country, locality, area, status, submitted, title, description in DEMANDS:
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
            )
            Demand.objects.filter(pk=demand.pk).update(created_at=at_noon(submitted))
            demands[key] = demand
        for row in PROJECTS:
            title, summary, lead, partners, area, countries, demand_key, status, starts, ends = row
            demand = demands[demand_key] if demand_key else None
            project = Project.objects.create(
                title=title,
                summary=summary,
                lead=organizations[lead],
                area_id=area,
                demand=demand,
                status=status,
                starts_on=starts,
                ends_on=ends,
            )
            project.partners.set([organizations[slug] for slug in partners])
            project.countries.set(countries)
            proposed = min(starts - timedelta(days=90), DEMO_DAY)
            Project.objects.filter(pk=project.pk).update(created_at=at_noon(proposed))
            if demand is not None:
                # A demand a project answers is matched; closed once that project is completed.
                closed = status == Project.Status.COMPLETED
                demand.status = Demand.Status.CLOSED if closed else Demand.Status.MATCHED
                demand.save(update_fields=["status"])
