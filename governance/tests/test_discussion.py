"""The discussion (comments, replies, edits kept, reports, hiding) and proposals (endorsed past
the threshold, they go to the vote), through services, pages and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditLogEntry
from governance import services
from governance.models import Comment, CommentRevision, Endorsement, Proposal
from governance.tests.conftest import make_member, open_consultation
from governance.tests.test_api import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussion(secretariat_user, org_a, org_b):
    return open_consultation(secretariat_user, phase="discussion")


@pytest.fixture
def proposals(secretariat_user, org_a, org_b):
    return open_consultation(
        secretariat_user,
        phase="proposals",
        ballot_kind="choice",
        options=["Beijing", "Almaty"],
        endorsement_threshold=2,
    )


def test_staff_comment_and_reply_in_any_language(discussion, org_a, org_b, staff_a):
    comment = services.comment_post(
        actor=staff_a, consultation=discussion, text="Every **year**, please.", language="en"
    )
    reply = services.comment_post(
        actor=org_b[1],
        consultation=discussion,
        text="我们同意。",
        language="zh-hans",
        parent=comment,
    )
    answer = services.comment_post(
        actor=staff_a, consultation=discussion, text="Merci !", language="fr", parent=reply
    )
    assert (reply.thread_id, answer.thread_id, answer.parent_id) == (
        comment.pk,
        comment.pk,
        reply.pk,
    )
    assert comment.organization == org_a[0]


def test_outsiders_cannot_comment_and_nobody_comments_after_the_close(
    discussion, make_user, secretariat_user, org_a
):
    outsider = make_user("outsider@example.org")
    with pytest.raises(PermissionDenied):
        services.comment_post(actor=outsider, consultation=discussion, text="Hi", language="en")
    closed = open_consultation(secretariat_user, phase="results")
    with pytest.raises(services.Conflict):
        services.comment_post(actor=org_a[1], consultation=closed, text="Late", language="en")
    assert not Comment.objects.exists()


def test_an_edit_keeps_the_earlier_text(discussion, org_a, staff_a):
    comment = services.comment_post(
        actor=staff_a, consultation=discussion, text="First", language="en"
    )
    with pytest.raises(PermissionDenied):
        services.comment_edit(actor=org_a[1], comment=comment, text="Not mine", language="en")
    services.comment_edit(actor=staff_a, comment=comment, text="Deuxième", language="fr")
    comment.refresh_from_db()
    assert (comment.text, comment.language) == ("Deuxième", "fr")
    assert list(CommentRevision.objects.values_list("text", "language")) == [("First", "en")]


def test_a_report_then_the_secretariat_hides_with_a_reason(
    client, discussion, org_a, staff_a, secretariat_user, make_user
):
    comment = services.comment_post(
        actor=staff_a, consultation=discussion, text="Something *rude*", language="en"
    )
    reader = make_user("reader@example.org")
    services.comment_report(actor=reader, comment=comment, reason="Insulting")
    with pytest.raises(ValidationError):
        services.comment_report(actor=reader, comment=comment, reason="Again")
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=org_a[1], comment=comment, reason="no")
    services.comment_hide(actor=secretariat_user, comment=comment, reason="Insults a member")
    assert AuditLogEntry.objects.filter(action="comment.hide").count() == 1
    page = client.get(reverse("consultations:detail", args=[discussion.pk])).content.decode()
    assert "Insults a member" in page and "rude" not in page
    api = client.get(f"/api/v1/consultations/{discussion.pk}/comments").json()
    assert api["items"][0]["text"] is None


def test_markdown_in_comments_is_sanitised(client, discussion, staff_a):
    services.comment_post(
        actor=staff_a,
        consultation=discussion,
        text="<script>alert(1)</script> [x](javascript:alert(1)) **bold**",
        language="en",
    )
    page = client.get(reverse("consultations:detail", args=[discussion.pk])).content.decode()
    assert "<script>alert(1)" not in page and "javascript:" not in page
    assert "<strong>bold</strong>" in page


def test_a_comment_is_stored_rendered_and_sanitised_and_the_page_shows_what_is_stored(
    client, discussion, staff_a
):
    comment = services.comment_post(
        actor=staff_a,
        consultation=discussion,
        text="<script>alert(1)</script> [x](javascript:alert(1)) **bold**\n\n# Heading",
        language="en",
    )
    comment.refresh_from_db()
    assert "<script" not in comment.html and "javascript:" not in comment.html
    assert "<strong>bold</strong>" in comment.html
    assert "<h4>Heading</h4>" in comment.html  # below the page's own headings
    # The page shows the stored HTML, rendering nothing.
    Comment.objects.filter(pk=comment.pk).update(html="<p>As stored</p>")
    page = client.get(reverse("consultations:detail", args=[discussion.pk])).content.decode()
    assert "<p>As stored</p>" in page and "<strong>bold</strong>" not in page


def test_an_edit_renders_the_new_text_and_the_history_keeps_the_old(client, discussion, staff_a):
    comment = services.comment_post(
        actor=staff_a, consultation=discussion, text="First *draft*", language="en"
    )
    services.comment_edit(
        actor=staff_a, comment=comment, text="Second <script>x()</script>**take**", language="en"
    )
    comment.refresh_from_db()
    assert comment.html == "<p>Second <strong>take</strong></p>"
    assert comment.revisions.get().html == "<p>First <em>draft</em></p>"
    page = client.get(reverse("consultations:detail", args=[discussion.pk])).content.decode()
    assert "<strong>take</strong>" in page and "<em>draft</em>" not in page and "x()" not in page
    history = client.get(reverse("consultations:comment_history", args=[comment.pk]))
    assert "<strong>take</strong>" in history.content.decode()
    assert "<em>draft</em>" in history.content.decode()


def test_the_migration_fills_the_html_of_comments_written_before_it(discussion, staff_a):
    import importlib

    from django.db import connection

    fill = importlib.import_module("governance.migrations.0013_comment_html_fill")
    comments = [
        services.comment_post(
            actor=staff_a, consultation=discussion, text=f"Comment **{n}**", language="en"
        )
        for n in range(5)
    ]
    services.comment_edit(actor=staff_a, comment=comments[0], text="Changed", language="en")
    Comment.objects.update(html="")
    CommentRevision.objects.update(html="")

    fill.BATCH = 2  # several batches
    try:
        fill._fill(Comment, connection)
        fill._fill(CommentRevision, connection)
    finally:
        fill.BATCH = 2000

    assert dict(Comment.objects.values_list("text", "html")) == {
        "Changed": "<p>Changed</p>",
        **{f"Comment **{n}**": f"<p>Comment <strong>{n}</strong></p>" for n in range(1, 5)},
    }
    assert CommentRevision.objects.get().html == "<p>Comment <strong>0</strong></p>"


def test_commenting_on_the_page(client, discussion, org_a):
    client.force_login(org_a[1])
    url = reverse("consultations:detail", args=[discussion.pk])
    answer = client.post(url, {"action": "comment", "text": "Hello", "language": "ru"})
    assert answer.status_code == 302
    page = client.get(answer["Location"], follow=True).content.decode()
    assert "Hello" in page and 'lang="ru"' in page
    empty = client.post(url, {"action": "comment", "text": "", "language": "en"})
    assert empty.status_code == 400


def test_endorsements_past_the_threshold_put_the_proposal_on_the_ballot(
    proposals, org_a, org_b, make_user
):
    org_c = make_member(make_user, "org-c")
    proposal = services.proposal_submit(
        actor=org_a[1],
        consultation=proposals,
        title="Tashkent",
        text="A city on the route.",
        language="en",
    )
    with pytest.raises(ValidationError):  # not its own
        services.proposal_endorse(actor=org_a[1], proposal=proposal)
    services.proposal_endorse(actor=org_b[1], proposal=proposal)
    with pytest.raises(services.Conflict):  # once per organisation
        services.proposal_endorse(actor=org_b[1], proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    services.proposal_endorse(actor=org_c[1], proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ON_BALLOT
    labels = [str(o) for o in proposals.ballot.options.order_by("position")]
    assert labels == ["Beijing", "Almaty", "Tashkent", "Abstain"]
    assert Endorsement.objects.filter(proposal=proposal).count() == 2


def test_proposals_only_in_their_phase(discussion, org_a):
    with pytest.raises(services.Conflict):
        services.proposal_submit(
            actor=org_a[1], consultation=discussion, title="T", text="X", language="en"
        )


def test_the_secretariat_merges_proposals(proposals, org_a, org_b, secretariat_user):
    first = services.proposal_submit(
        actor=org_a[1], consultation=proposals, title="One", text="x", language="en"
    )
    second = services.proposal_submit(
        actor=org_b[1], consultation=proposals, title="Two", text="y", language="en"
    )
    services.proposal_merge(actor=secretariat_user, proposal=second, into=first)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == Proposal.Status.MERGED
    assert first.endorsements.count() == 1  # org B's support moved


def test_the_api_comments_proposes_and_endorses(client, proposals, org_a, org_b):
    url = f"/api/v1/consultations/{proposals.pk}"
    comment = client.post(
        f"{url}/comments",
        {"text": "مرحبا", "language": "ar"},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert comment.status_code == 201 and comment.json()["language"] == "ar"
    proposal = client.post(
        f"{url}/proposals",
        {"title": "Samarkand", "text": "On the route.", "language": "en"},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert proposal.status_code == 201
    pid = proposal.json()["id"]
    endorsed = client.post(
        f"{url}/proposals/{pid}/endorsements",
        {},
        content_type="application/json",
        **bearer(org_b[1]),
    )
    assert endorsed.status_code == 201 and endorsed.json()["endorsements"] == 1
    again = client.post(
        f"{url}/proposals/{pid}/endorsements",
        {},
        content_type="application/json",
        **bearer(org_b[1]),
    )
    assert again.status_code == 409
    listed = client.get(f"{url}/proposals").json()
    assert listed["items"][0]["endorsements"] == 1


def test_the_discussion_page_takes_a_bounded_number_of_queries(
    client, discussion, staff_a, org_b, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            root = services.comment_post(
                actor=staff_a, consultation=discussion, text=f"c{i}", language="en"
            )
            services.comment_post(
                actor=org_b[1], consultation=discussion, text="r", language="en", parent=root
            )

    add(1)
    url = reverse("consultations:detail", args=[discussion.pk])
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    add(10)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_secretariat_sees_reported_comments_in_a_queue(
    client, discussion, staff_a, secretariat_user, make_user
):
    comment = services.comment_post(
        actor=staff_a, consultation=discussion, text="Something rude", language="en"
    )
    services.comment_report(actor=make_user("r@example.org"), comment=comment, reason="Rude")
    client.force_login(staff_a)
    assert client.get(reverse("consultations:reported")).status_code == 403
    client.force_login(secretariat_user)
    page = client.get(reverse("consultations:reported")).content.decode()
    assert "Something rude" in page
    services.comment_hide(actor=secretariat_user, comment=comment, reason="Rude")
    assert "Something rude" not in client.get(reverse("consultations:reported")).content.decode()


def test_the_api_pages_through_a_long_discussion_oldest_first(client, discussion, staff_a):
    """Pages far down the comments list are read by ids first, then rows: the same comments,
    in the same order, as one read of the whole list."""
    for n in range(7):
        services.comment_post(
            actor=staff_a, consultation=discussion, text=f"Comment {n}", language="en"
        )
    url = f"/api/v1/consultations/{discussion.pk}/comments"
    whole = [item["id"] for item in client.get(f"{url}?limit=100").json()["items"]]
    paged = []
    for offset in range(0, 8, 3):
        page = client.get(f"{url}?limit=3&offset={offset}").json()
        assert page["count"] == 7
        paged += [item["id"] for item in page["items"]]
    assert paged == whole == sorted(whole)
    assert client.get(f"{url}?offset=50").json() == {"count": 7, "items": []}


@pytest.mark.parametrize("reader_name", ["anonymous", "author", "secretariat", "other staff"])
def test_the_discussion_writes_each_comment_as_its_template_does(
    rf, discussion, org_a, org_b, staff_a, secretariat_user, reader_name
):
    """The consultation page writes its comments in Python (governance.views._CommentWriter);
    governance/consultations/_comment.html is the markup it must give, for every reader."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.utils import timezone

    from governance.views import _CommentWriter

    plain = services.comment_post(
        actor=staff_a,
        consultation=discussion,
        text="Every **year** <script>x</script>",
        language="en",
    )
    reply = services.comment_post(
        actor=org_b[1], consultation=discussion, text="我们同意。", language="zh-hans", parent=plain
    )
    Comment.objects.filter(pk=reply.pk).update(edited_at=timezone.now())
    hidden = services.comment_post(
        actor=staff_a, consultation=discussion, text="Off topic", language="fr"
    )
    Comment.objects.filter(pk=hidden.pk).update(
        hidden_at=timezone.now(), hidden_reason="Rude <b>words</b> & more"
    )
    reader = {
        "anonymous": AnonymousUser(),
        "author": staff_a,
        "secretariat": secretariat_user,
        "other staff": org_b[1],
    }[reader_name]
    may_moderate = reader.is_authenticated and reader.has_perm("governance.moderate_discussion")
    request = rf.get("/en/consultations/")
    request.user = reader
    write = _CommentWriter(reader, may_comment=True, may_moderate=may_moderate)

    for comment in Comment.objects.select_related("author", "organization").order_by("pk"):
        expected = render_to_string(
            "governance/consultations/_comment.html",
            {"comment": comment, "may_comment": True, "may_moderate": may_moderate},
            request=request,
        )
        # The same markup; only the blank space between tags may differ.
        assert " ".join(str(write(comment)).split()) == " ".join(expected.split())


def test_the_discussion_pages_threads_with_their_replies_in_two_reads(
    discussion, staff_a, django_assert_num_queries
):
    from governance import selectors

    firsts = []
    for n in range(45):
        first = services.comment_post(
            actor=staff_a, consultation=discussion, text=f"Thread {n}", language="en"
        )
        services.comment_post(
            actor=staff_a, consultation=discussion, text=f"Reply {n}", language="en", parent=first
        )
        firsts.append(first.pk)

    with django_assert_num_queries(2):
        page, threads = selectors.comment_threads(discussion, "3")
    assert (page.number, page.paginator.num_pages, page.paginator.count) == (3, 3, 45)
    assert [comment.pk for comment, _ in threads] == firsts[40:]
    assert [reply.html for reply in threads[0][1]] == ["<p>Reply 40</p>"]
    # Past the end: the last page; not a number: the first.
    past, _ = selectors.comment_threads(discussion, "99")
    assert (past.number, [c.pk for c in past.object_list]) == (3, firsts[40:])
    first_page, threads = selectors.comment_threads(discussion, "x")
    assert first_page.number == 1 and threads[0][0].pk == firsts[0]


def test_a_discussion_without_comments_has_one_empty_page(discussion):
    from governance import selectors

    page, threads = selectors.comment_threads(discussion, "2")
    assert (page.number, page.paginator.count, threads) == (1, 0, [])


def test_the_api_lists_comments_with_their_authors_in_two_queries(
    client, discussion, staff_a, org_b, secretariat_user, django_assert_num_queries
):
    """The consultation's count rides with it; the page's rows come in one more query (and two
    for the page cache's key: the data versions, and the timetables once per change)."""
    first = services.comment_post(
        actor=staff_a, consultation=discussion, text="First **one**", language="en"
    )
    reply = services.comment_post(
        actor=org_b[1], consultation=discussion, text="我们同意。", language="zh-hans", parent=first
    )
    services.comment_hide(actor=secretariat_user, comment=first, reason="Off topic")
    url = f"/api/v1/consultations/{discussion.pk}/comments"
    with django_assert_num_queries(4):
        answer = client.get(url).json()
    first.refresh_from_db()
    reply.refresh_from_db()
    assert answer["count"] == 2
    assert [item["id"] for item in answer["items"]] == [first.pk, reply.pk]
    hidden, replied = answer["items"]
    assert hidden["text"] is None and hidden["hidden_reason"] == "Off topic"
    assert hidden["organization"] == "org-a" and hidden["thread"] is None
    assert replied == {
        "id": reply.pk,
        "thread": first.pk,
        "parent": first.pk,
        "author": org_b[1].full_name or "",
        "organization": "org-b",
        "text": "我们同意。",
        "language": "zh-hans",
        "created_at": replied["created_at"],
        "edited_at": None,
        "hidden_reason": None,
    }
    assert replied["created_at"][:19] == reply.created_at.isoformat()[:19]
    assert client.get(f"{url}?offset=2").json() == {"count": 2, "items": []}
    assert client.get(f"/api/v1/consultations/{discussion.pk + 1000}/comments").status_code == 404


OLD_THREADS = """{% load i18n %}{% for comment, comment_html, replies in threads %}
  <div class="thread">
    {{ comment_html }}
    {% if replies %}<div class="replies">{% for reply_html in replies %}{{ reply_html }}{% endfor %}</div>{% endif %}
    {% if may_comment and not comment.hidden_at %}(a reply form){% endif %}
  </div>
  {% endfor %}"""  # the template's loop, for a reader who may not reply


def test_the_threads_written_in_python_match_the_templates_loop(discussion, staff_a, org_b):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    from governance import selectors
    from governance.views import _CommentWriter, threads_html

    first = services.comment_post(
        actor=staff_a, consultation=discussion, text="First & <b>", language="en"
    )
    services.comment_post(
        actor=org_b[1], consultation=discussion, text="我们同意。", language="zh-hans", parent=first
    )
    services.comment_post(actor=staff_a, consultation=discussion, text="Alone", language="fr")
    write = _CommentWriter(AnonymousUser(), may_comment=False, may_moderate=False)
    _page, found = selectors.comment_threads(discussion, "1")
    threads = [(c, write(c), [write(r) for r in replies]) for c, replies in found]
    expected = Template(OLD_THREADS).render(Context({"threads": threads, "may_comment": False}))

    assert " ".join(threads_html(threads).split()) == " ".join(expected.split())
    assert 'class="replies"' in expected
