"""Seeder 30 (core.seeding): the governing bodies with their seats, the network documents
(the founding Beijing Consensus, the Constitution in two versions). The people and organisations
the seats name come from members' seeder (20); members' applications (60) accept the Constitution.
(seeding/consultations.py, seeder 70: the benchmark's consultations and votes.) The demo's consultations: one
closed secret ballot with its receipts, one open ballot in its voting phase.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from core.multilingual import MultilingualText
from core.seeding import FOUNDING_DAY, DemoContext, at_noon, md, ml
from governance.models import (
    Body,
    Consultation,
    Decision,
    DocumentVersion,
    Meeting,
    NetworkDocument,
    Seat,
    Vote,
)


def demo_found() -> list[str]:
    checks = [
        ("governing bodies", Body.objects.exists()),
        ("network documents", NetworkDocument.objects.exists()),
        ("consultations", Consultation.objects.exists()),
    ]
    return [label for label, found in checks if found]


def seed_demo(context: DemoContext) -> None:
    load_bodies_and_seats(context)
    load_documents()
    load_decisions(context)
    load_meetings(context)
    load_consultations(context)
    context.summary.update(
        {
            "governing bodies": Body.objects.all(),
            "seats": Seat.objects.all(),
            "network documents": NetworkDocument.objects.all(),
            "document versions": DocumentVersion.objects.all(),
            "consultations": Consultation.objects.all(),
            "decisions": Decision.objects.all(),
            "meetings": Meeting.objects.all(),
            "votes in consultations": Vote.objects.all(),
        }
    )


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


# --- Bodies and seats -------------------------------------------------------------------------


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

COMMITTEE_TERM = (date(2024, 11, 25), date(2027, 11, 24))
# The Steering Committee: email, organisation, seat role.
COMMITTEE_SEATS = [
    ("chen.hui@sironet.example", "silk-road-civil-exchange-centre", Seat.Role.CHAIR),
    ("aigerim.sadykova@sironet.example", "steppe-bridges", Seat.Role.VICE_CHAIR),
    ("omar.khalil@sironet.example", "nile-community-development", Seat.Role.MEMBER),
    ("sophie.laurent@sironet.example", "caravane-des-savoirs", Seat.Role.MEMBER),
    ("ramesh.shrestha@sironet.example", "himalayan-community-health", Seat.Role.MEMBER),
    ("lucia.quispe@sironet.example", "andes-solidarios", Seat.Role.MEMBER),
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
# The Secretariat's staff: email, seat role, since.
SECRETARIAT_SEATS = [
    ("zhang.min@sironet.example", Seat.Role.SECRETARY_GENERAL, FOUNDING_DAY),
    ("amina.haddad@sironet.example", Seat.Role.STAFF, date(2022, 3, 1)),
]


def load_bodies_and_seats(context: DemoContext) -> None:
    people, organizations = context.people, context.organizations
    bodies = {}
    for slug, kind, seats, description in BODIES:
        bodies[kind] = Body.objects.create(
            slug=slug, kind=kind, seats=seats, description=description
        )
    committee = bodies[Body.Kind.STEERING_COMMITTEE]
    start, end = COMMITTEE_TERM
    for email, slug, role in COMMITTEE_SEATS:
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
    for email, role, start in SECRETARIAT_SEATS:
        Seat.objects.create(
            body=bodies[Body.Kind.SECRETARIAT], user=people[email], role=role, term_start=start
        )
    # A working group, its members drawn from the Committee's organisations.
    group = Body.objects.create(
        slug="working-group-youth",
        kind=Body.Kind.WORKING_GROUP,
        name=ml("en", "Working group on youth exchanges", zh_hans="青年交流工作组"),
        seats=3,
        description=ml(
            "en",
            "Prepares the youth camps and exchange programmes of the Network.",
            zh_hans="筹备合作网络的青年营和交流项目。",
        ),
    )
    for email, slug, role in COMMITTEE_SEATS[1:4]:
        Seat.objects.create(
            body=group,
            user=people[email],
            organization=organizations[slug],
            role=Seat.Role.CHAIR if role == Seat.Role.VICE_CHAIR else Seat.Role.MEMBER,
            term_start=date(2025, 1, 1),
        )


def load_documents() -> None:
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


# --- Consultations ----------------------------------------------------------------------------

CLOSED_CONSULTATION = {
    "title": ml(
        "en",
        "Should the Forum meet every year?",
        zh_hans="论坛是否应每年举办一次？",
        fr="Le Forum doit-il se réunir chaque année ?",
    ),
    "description": ml(
        "en",
        md(
            """
            The Silk Road NGO Cooperation Forum has met every two years since Beijing in 2017.
            Several members asked for a yearly Forum, held online in the years between.

            - **Yes**: the Forum meets every year, in person and online in turn.
            - **No**: the Forum keeps meeting every two years.
            """
        ),
        zh_hans="自2017年北京首届论坛以来，论坛每两年举办一次。多个成员提议每年举办，隔年以线上方式举行。",
    ),
    "dates": (
        datetime(2025, 9, 1, 8, tzinfo=UTC),
        datetime(2025, 9, 22, 8, tzinfo=UTC),
        datetime(2025, 10, 6, 8, tzinfo=UTC),
        datetime(2025, 10, 20, 8, tzinfo=UTC),
    ),
}

OPEN_CONSULTATION = {
    "title": ml(
        "en",
        "Which theme for the next Forum?",
        zh_hans="下届论坛的主题是什么？",
        ru="Какой будет тема следующего Форума?",
    ),
    "description": ml(
        "en",
        md(
            """
            The Steering Committee asks the members to choose the theme of the next Silk Road NGO
            Cooperation Forum among three proposals. Discuss them first; the vote follows.
            """
        ),
        zh_hans="指导委员会请成员从三个提案中选出下届丝绸之路沿线民间组织合作论坛的主题。",
    ),
    "options": [
        "Youth training and job creation",
        "Climate adaptation in rural communities",
        "Health cooperation across borders",
    ],
}


def _representatives() -> list[tuple]:
    """Each member organisation's representative: its first administrator, named if none is."""
    from members.models import Organization, OrganizationStaff

    pairs = []
    for organization in Organization.objects.members().order_by("slug"):
        staff = organization.staff.order_by("-is_representative", "pk").first()
        if staff is None:
            continue
        if not staff.is_representative:
            OrganizationStaff.objects.filter(pk=staff.pk).update(is_representative=True)
        pairs.append((organization, staff.user))
    return pairs


def load_consultations(context: DemoContext) -> None:
    from django.utils import timezone

    from governance import services
    from governance.models import Ballot, BallotOption, Consultation, Vote

    secretariat = context.people[SECRETARIAT_SEATS[0][0]]
    voters = _representatives()
    now = timezone.now()
    day = timedelta(days=1)

    # The closed one: opened as if now, voted through the services, then moved to its dates.
    closed = services.consultation_open(
        actor=secretariat,
        title=CLOSED_CONSULTATION["title"].original_text,
        description=CLOSED_CONSULTATION["description"].original_text,
        language="en",
        discussion_opens=now - 3 * day,
        proposals_open=now - 2 * day,
        voting_opens=now - day,
        voting_closes=now + day,
        quorum_percent=50,
        majority=Consultation.Majority.ABSOLUTE,
        secret=True,
    )
    options = {option.kind: option for option in closed.ballot.options.all()}
    pattern = [BallotOption.Kind.YES] * 5 + [BallotOption.Kind.NO] * 2 + [BallotOption.Kind.ABSTAIN]
    turnout = voters[: max(1, len(voters) * 4 // 5)]
    for index, (organization, user) in enumerate(turnout):
        services.ballot_cast(
            actor=user,
            ballot=closed.ballot,
            organization=organization,
            option=options[pattern[index % len(pattern)]],
        )
    discussion, proposals, voting, closes = CLOSED_CONSULTATION["dates"]
    Consultation.objects.filter(pk=closed.pk).update(
        title=CLOSED_CONSULTATION["title"],
        description=CLOSED_CONSULTATION["description"],
        discussion_opens=discussion,
        proposals_open=proposals,
        voting_opens=voting,
        voting_closes=closes,
        created_at=discussion,
    )
    Ballot.objects.filter(pk=closed.ballot.pk).update(
        question=CLOSED_CONSULTATION["title"], eligible_count=len(voters)
    )
    Vote.objects.filter(ballot=closed.ballot).update(cast_at=voting + day, changed_at=voting + day)
    services.decision_record_result(actor=secretariat, consultation=closed)

    # The open one: voting now, an open ballot (roll call), a third of the members voted.
    opened = services.consultation_open(
        actor=secretariat,
        title=OPEN_CONSULTATION["title"].original_text,
        description=OPEN_CONSULTATION["description"].original_text,
        language="en",
        discussion_opens=now - 20 * day,
        proposals_open=now - 10 * day,
        voting_opens=now - 2 * day,
        voting_closes=now + 12 * day,
        quorum_percent=40,
        majority=Consultation.Majority.SIMPLE,
        ballot_kind=Ballot.Kind.CHOICE,
        options=OPEN_CONSULTATION["options"],
    )
    Consultation.objects.filter(pk=opened.pk).update(
        title=OPEN_CONSULTATION["title"], description=OPEN_CONSULTATION["description"]
    )
    Ballot.objects.filter(pk=opened.ballot.pk).update(question=OPEN_CONSULTATION["title"])
    _load_discussion(opened, voters)
    choices = list(opened.ballot.options.all())
    for index, (organization, user) in enumerate(voters[: len(voters) // 3]):
        services.ballot_cast(
            actor=user,
            ballot=opened.ballot,
            organization=organization,
            option=choices[index % 3],
        )


DISCUSSION = [
    # (voter index, language, text, replies: [(voter index, language, text)])
    (
        0,
        "zh-hans",
        "我们建议以**青年培训和创造就业**为主题：这是各国社区提出最多的需求。",
        [
            (1, "ru", "Согласны: молодёжь — главный вопрос и в Центральной Азии."),
            (2, "en", "Could the Forum also hold a session on *rural* youth in particular?"),
        ],
    ),
    (
        3,
        "fr",
        "L'adaptation au climat touche déjà nos villages au Sahel. Nous soutenons ce thème.",
        [
            (
                0,
                "en",
                "Thank you: the Secretariat will share your projects' reports before the vote.",
            )
        ],
    ),
    (
        4,
        "es",
        "La cooperación en salud a través de las fronteras salvó vidas durante la pandemia.",
        [],
    ),
]


def _load_discussion(consultation, voters) -> None:
    """Comments in several languages, with replies, written through the services."""
    from governance import services
    from governance.models import Proposal

    if len(voters) < 5:
        return
    for index, language, text, replies in DISCUSSION:
        organization, user = voters[index]
        comment = services.comment_post(
            actor=user, consultation=consultation, text=text, language=language
        )
        for reply_index, reply_language, reply_text in replies:
            services.comment_post(
                actor=voters[reply_index][1],
                consultation=consultation,
                text=reply_text,
                language=reply_language,
                parent=comment,
            )
    # The three options came from the members' proposals, endorsed in the proposals phase.
    options = [o for o in consultation.ballot.options.all() if o.kind == "option"]
    for position, option in enumerate(options):
        organization, user = voters[position]
        proposal = Proposal.objects.create(
            consultation=consultation,
            organization=organization,
            author=user,
            title=option.label,
            text=option.label,
            status=Proposal.Status.ON_BALLOT,
            option=option,
        )
        for endorser, endorser_user in voters[position + 1 : position + 4]:
            proposal.endorsements.create(organization=endorser, endorsed_by=endorser_user)


DECISIONS = [
    # decided on, body kind (None: the Forum), title, text, votes, the document versions adopted
    (
        FOUNDING_DAY,
        None,
        ml("en", "Founding of the Network", zh_hans="成立合作网络"),
        ml(
            "en",
            "The first Silk Road NGO Cooperation Forum adopts the Beijing Consensus and the "
            "Constitution, and founds the Network.",
            zh_hans="首届丝绸之路沿线民间组织合作论坛通过《北京共识》和章程，成立合作网络。",
        ),
        None,
        [("beijing-consensus", 1), ("constitution", 1)],
    ),
    (
        date(2021, 11, 23),
        Body.Kind.STEERING_COMMITTEE,
        ml("en", "Amendment of Article 8 of the Constitution", zh_hans="修改章程第八条"),
        ml(
            "en",
            "The Committee grows to 15 seats; its members may take part in meetings and votes "
            "online.",
            zh_hans="委员会增至15个席位；委员可以在线参加会议和表决。",
        ),
        (11, 0, 0),
        [("constitution", 2)],
    ),
]


def load_decisions(context: DemoContext) -> None:
    """The register's first decisions, each linked to the versions it adopted."""
    from governance import services

    secretariat = context.people[SECRETARIAT_SEATS[0][0]]
    bodies = {body.kind: body for body in Body.objects.all()}
    for decided_on, kind, title, text, votes, versions in DECISIONS:
        decision = services.decision_record(
            actor=secretariat,
            fields=services.DecisionFields(
                decided_on=decided_on,
                title=title.original_text,
                text=text.original_text,
                language=title.original,
                body=bodies.get(kind) if kind else None,
                votes_for=votes[0] if votes else None,
                votes_against=votes[1] if votes else None,
                votes_abstaining=votes[2] if votes else None,
            ),
        )
        Decision.objects.filter(pk=decision.pk).update(title=title, text=text)
        for slug, number in versions:
            DocumentVersion.objects.filter(document__slug=slug, number=number).update(
                decision=decision
            )


MEETINGS = [
    # title, starts (UTC), hours, time zone, place, online, minutes status, agenda, minutes
    (
        ml("en", "Annual meeting 2021", zh_hans="2021年度会议"),
        datetime(2021, 11, 23, 1, 0, tzinfo=UTC),
        3,
        "Asia/Shanghai",
        "",
        True,
        Meeting.Minutes.APPROVED,
        "1. Report of the Secretariat\n2. Amendment of Article 8\n3. Next Forum",
        "The Committee met online. It adopted the amendment of Article 8 unanimously "
        "(decision 2021/1) and asked the Secretariat to prepare the next Forum.",
    ),
    (
        ml("en", "Annual meeting 2025", zh_hans="2025年度会议"),
        datetime(2025, 11, 24, 6, 0, tzinfo=UTC),
        4,
        "Asia/Almaty",
        "Almaty",
        True,
        Meeting.Minutes.DRAFT,
        "1. New members\n2. The yearly Forum consultation\n3. Budget 2026",
        "Draft: the Committee welcomed eight new members and discussed the Forum's rhythm.",
    ),
]


def load_meetings(context: DemoContext) -> None:
    """Meetings of the Steering Committee: one with approved minutes, one with a draft."""
    committee = Body.objects.get(kind=Body.Kind.STEERING_COMMITTEE)
    seated = [context.people[email] for email, _slug, _role in COMMITTEE_SEATS]
    for title, starts, hours, zone, place, online, status, agenda, minutes in MEETINGS:
        meeting = Meeting.objects.create(
            body=committee,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            time_zone=zone,
            place=place,
            online=online,
            agenda=ml("en", agenda),
            minutes=ml("en", minutes),
            minutes_status=status,
        )
        meeting.attendees.set(seated)
    Decision.objects.filter(number="2021/1").update(
        meeting=Meeting.objects.filter(starts_at__year=2021).first()
    )
