"""Seeder 70 (core.seeding): the benchmark's consultations and their votes, after the people
(members.seeding.membership, 60) who cast them. Bulk inserts, one random stream of its own."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from django.db.models import Q

from core import data_versions
from core.seeding import BulkContext, scaled
from core.seeding.bulk import MARK_KEY, MARK_VALUE, MarkedText
from governance.models import Ballot, BallotOption, Consultation, SecretChoice, Vote
from governance.services import RECEIPT_ALPHABET

BULK_DATA_VERSIONS = (data_versions.CONSULTATIONS,)
START = datetime(2019, 1, 15, 8, tzinfo=UTC)

TOPICS = [
    ("Annual Forum venue", "年度论坛举办地", "Место ежегодного Форума"),
    ("Membership fees", "会费", "Членские взносы"),
    ("Working languages", "工作语言", "Рабочие языки"),
    ("Youth exchange programme", "青年交流项目", "Программа молодёжных обменов"),
    ("Rules for joint projects", "联合项目规则", "Правила совместных проектов"),
    ("Open data policy", "开放数据政策", "Политика открытых данных"),
]


def bulk_rows(multiplier: float) -> dict[str, int]:
    return {
        "consultations": scaled(60, multiplier, at_least=3),
        "consultation votes": scaled(250_000, multiplier, at_least=30),
        "consultation comments": scaled(250_000, multiplier, at_least=30),
    }


def _receipt(rng: random.Random) -> str:
    raw = "".join(rng.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def seed_bulk(context: BulkContext) -> None:
    from members.models import Organization
    from members.seeding import bulk_organizations, bulk_people

    rng = random.Random(f"{context.seed}:governance:{Consultation.objects.count()}")
    members = list(
        bulk_organizations()
        .filter(status=Organization.Status.MEMBER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    people = list(bulk_people().order_by("pk").values_list("pk", flat=True)[:5000])
    if not members or not people:
        return
    total = context.counts["consultations"]
    per_consultation = max(1, context.counts["consultation votes"] // total)
    comments = comment_counts(context.counts["consultation comments"], total)
    with context.bar("consultations", total) as progress:
        for number in range(total):
            consultation = _consultation(context, rng, number, members, people, per_consultation)
            _comments(context, rng, consultation, comments[number], members, people)
            progress.update(1)


# At --scale large the busiest consultation has 5,000 comments (what the benchmark reads), the
# quietest about 3,300, the 250,000 in all unchanged.
BUSIEST_SHARE = 5_000 / 250_000


def comment_counts(comments: int, consultations: int) -> list[int]:
    """How many comments each consultation gets: rising evenly from the first to the last, the
    last (the busiest) with BUSIEST_SHARE of them all, the sum exactly `comments`."""
    if consultations == 1:
        return [comments]
    mean = comments / consultations
    busiest = max(mean, comments * BUSIEST_SHARE)
    quietest = max(1.0, 2 * mean - busiest)
    weights = [
        quietest + (busiest - quietest) * number / (consultations - 1)
        for number in range(consultations)
    ]
    scale = comments / sum(weights)
    counts, given, running = [], 0, 0.0
    for weight in weights:
        running += weight * scale
        count = max(1, round(running) - given)
        counts.append(count)
        given += count
    return counts


def _consultation(context, rng, number, members, people, votes_wanted) -> None:
    title = TOPICS[number % len(TOPICS)]
    opens = START + timedelta(days=40 * number)
    closed = number % 3 != 2
    if not closed:  # still voting today
        opens = datetime.now(UTC) - timedelta(days=30)
    secret = closed and number % 2 == 0
    consultation = context.insert(
        Consultation,
        [
            Consultation(
                title=MarkedText.create(
                    f"{title[0]} ({number + 1})", "en", zh_hans=title[1], ru=title[2]
                ),
                description=MarkedText.create(
                    f"The members decide on: {title[0].lower()}. Round {number + 1}.", "en"
                ),
                discussion_opens=opens,
                proposals_open=opens + timedelta(days=10),
                voting_opens=opens + timedelta(days=20),
                voting_closes=opens + timedelta(days=34 if closed else 60),
                quorum_percent=rng.choice([25, 40, 50]),
                majority=rng.choice(Consultation.Majority.values),
                secret=secret,
            )
        ],
    )[0]
    choice = number % 4 == 1
    ballot = context.insert(
        Ballot,
        [
            Ballot(
                consultation=consultation,
                kind=Ballot.Kind.CHOICE if choice else Ballot.Kind.QUESTION,
                question=consultation.title,
            )
        ],
    )[0]
    kinds = (
        [BallotOption.Kind.OPTION] * 3 if choice else [BallotOption.Kind.YES, BallotOption.Kind.NO]
    )
    kinds.append(BallotOption.Kind.ABSTAIN)
    options = context.insert(
        BallotOption,
        [
            BallotOption(
                ballot=ballot,
                position=position,
                kind=kind,
                label=MarkedText.create(f"Option {position}", "en")
                if kind == BallotOption.Kind.OPTION
                else None,
            )
            for position, kind in enumerate(kinds, start=1)
        ],
    )
    weights = [rng.random() + 0.2 for _ in options[:-1]] + [0.15]
    voters = rng.sample(members, min(len(members), votes_wanted))
    cast_at = consultation.voting_opens + timedelta(hours=6)
    for start in range(0, len(voters), context.batch_size):
        batch = voters[start : start + context.batch_size]
        chosen = rng.choices(options, weights=weights, k=len(batch))
        context.insert(
            Vote,
            [
                Vote(
                    ballot=ballot,
                    organization_id=organization_id,
                    option=None if secret else option,
                    cast_by_id=people[(start + index) % len(people)],
                    cast_at=cast_at,
                    changed_at=cast_at,
                )
                for index, (organization_id, option) in enumerate(zip(batch, chosen, strict=True))
            ],
        )
        if secret:
            context.insert(
                SecretChoice,
                [
                    SecretChoice(receipt=_receipt(rng), ballot=ballot, option=option)
                    for option in chosen
                ],
            )
    if closed:
        Ballot.objects.filter(pk=ballot.pk).update(eligible_count=len(members))
    return consultation


PHRASES = [
    ("en", "We support this, with a review after two years."),
    ("zh-hans", "我们支持这一提议，并建议两年后进行评估。"),
    ("ru", "Мы поддерживаем это предложение, но просим учесть малые организации."),
    ("ar", "نؤيد هذا المقترح ونقترح مراجعته بعد عامين."),
    ("fr", "Nous soutenons cette idée, à condition de l'évaluer dans deux ans."),
    ("es", "Apoyamos la propuesta, con una revisión dentro de dos años."),
]


NUMBER = "NUMBER"  # in no phrase


def _comments(context, rng, consultation, total, members, people) -> None:
    """Threads of comments in the six languages: a first comment in three, replies to it after."""
    from governance.models import Comment

    # Each phrase rendered once, the comment's number put in after: rendering 250,000 comments
    # one by one would add half a minute to the seeding. The same HTML as Comment.render gives
    # (governance/tests/test_seeding.py checks it).
    rendered = [Comment.render(f"{text} (#{NUMBER})") for _, text in PHRASES]
    roots: list[int] = []
    written = 0
    when = consultation.discussion_opens
    while written < total:
        size = min(context.batch_size, total - written)
        rows = []
        for _ in range(size):
            phrase = rng.randrange(len(PHRASES))
            language, text = PHRASES[phrase]
            number = str(written + len(rows) + 1)
            when += timedelta(seconds=rng.randint(5, 600))
            thread = roots[rng.randrange(len(roots))] if roots and rng.random() < 0.66 else None
            person = people[rng.randrange(len(people))]
            rows.append(
                Comment(
                    consultation=consultation,
                    thread_id=thread,
                    parent_id=thread,
                    author_id=person,
                    organization_id=members[rng.randrange(len(members))],
                    text=f"{text} (#{number})",
                    html=rendered[phrase].replace(NUMBER, number),
                    language=language,
                    created_at=when,
                )
            )
        created = context.insert(Comment, rows)
        roots += [comment.pk for comment in created if comment.thread_id is None]
        written += size


def clear_bulk(context: BulkContext) -> None:
    marked = Q(**{f"title__{MARK_KEY}": MARK_VALUE})
    context.delete(
        Vote.objects.filter(ballot__consultation__in=Consultation.objects.filter(marked))
    )
    from governance.models import Comment

    context.delete(Comment.objects.filter(consultation__in=Consultation.objects.filter(marked)))
    context.delete(Consultation.objects.filter(marked))
