"""The Secretariat merges proposals (page and API) without counting an organisation twice; the
API reports and hides comments and names ballot delegates with the same rules as the pages."""

import pytest
from django.urls import reverse

from core.models import AuditLogEntry
from governance import services
from governance.models import Endorsement, Proposal
from governance.tests.conftest import make_member, open_consultation
from governance.tests.test_api import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(secretariat_user, org_a, org_b):
    return open_consultation(
        secretariat_user,
        phase="proposals",
        ballot_kind="choice",
        options=["Beijing", "Almaty"],
        endorsement_threshold=4,
    )


@pytest.fixture
def two_proposals(proposals, org_a, org_b, make_user):
    org_c = make_member(make_user, "org-c", country="FR")
    org_d = make_member(make_user, "org-d", country="ES")
    org_e = make_member(make_user, "org-e", country="RU")
    first = services.proposal_submit(
        actor=org_a[1], consultation=proposals, title="Meet yearly", text="x", language="en"
    )
    second = services.proposal_submit(
        actor=org_b[1], consultation=proposals, title="Meet every year", text="y", language="en"
    )
    # C supports both; E the first; D and A (the first's author) the second.
    for actor, proposal in [
        (org_c[1], first),
        (org_e[1], first),
        (org_c[1], second),
        (org_d[1], second),
        (org_a[1], second),
    ]:
        services.proposal_endorse(actor=actor, proposal=proposal)
    return first, second, org_c, org_d


def endorsers(proposal):
    return set(
        Endorsement.objects.filter(proposal=proposal).values_list("organization__slug", flat=True)
    )


def test_the_secretariat_merges_on_the_page_without_double_counting(
    client, proposals, two_proposals, secretariat_user
):
    first, second, _c, _d = two_proposals
    client.force_login(secretariat_user)
    page = client.get(reverse("consultations:detail", args=[proposals.pk])).content.decode()
    assert 'name="action" value="merge"' in page
    answer = client.post(
        reverse("consultations:detail", args=[proposals.pk]),
        {"action": "merge", "proposal": second.pk, "into": first.pk},
    )
    assert answer.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, second.merged_into) == (Proposal.Status.MERGED, first)
    # C once (it endorsed both), D moved, B (the second's author) joins; A never endorses its own.
    assert endorsers(first) == {"org-c", "org-e", "org-d", "org-b"}
    assert first.status == Proposal.Status.ON_BALLOT  # four endorsements: the threshold
    entry = AuditLogEntry.objects.get(action="proposal.merge")
    assert entry.data["into"] == first.pk and entry.data["endorsements_moved"] == 2
    page = client.get(reverse("consultations:detail", args=[proposals.pk])).content.decode()
    assert "Merged into “Meet yearly”" in page


def test_members_do_not_merge_on_the_page(client, proposals, two_proposals, org_a):
    first, second, _c, _d = two_proposals
    client.force_login(org_a[1])
    page = client.get(reverse("consultations:detail", args=[proposals.pk])).content.decode()
    assert 'value="merge"' not in page
    answer = client.post(
        reverse("consultations:detail", args=[proposals.pk]),
        {"action": "merge", "proposal": second.pk, "into": first.pk},
    )
    assert answer.status_code == 403
    second.refresh_from_db()
    assert second.status == Proposal.Status.SUBMITTED


def test_the_api_merges_with_the_same_rules(
    client, proposals, two_proposals, secretariat_user, org_a
):
    first, second, _c, _d = two_proposals
    url = f"/api/v1/consultations/{proposals.pk}/proposals/{second.pk}/merge"
    refused = client.post(
        url, {"into": first.pk}, content_type="application/json", **bearer(org_a[1])
    )
    assert refused.status_code == 403
    assert client.post(url, {"into": first.pk}, content_type="application/json").status_code == 401
    answer = client.post(
        url, {"into": first.pk}, content_type="application/json", **bearer(secretariat_user)
    )
    assert answer.status_code == 200
    body = answer.json()
    assert (body["id"], body["endorsements"], body["status"]) == (first.pk, 4, "on_ballot")
    again = client.post(
        url, {"into": first.pk}, content_type="application/json", **bearer(secretariat_user)
    )
    assert again.status_code == 409
    listed = client.get(f"/api/v1/consultations/{proposals.pk}/proposals").json()["items"]
    assert {row["id"]: row["merged_into"] for row in listed}[second.pk] == first.pk
    itself = client.post(
        f"/api/v1/consultations/{proposals.pk}/proposals/{first.pk}/merge",
        {"into": first.pk},
        content_type="application/json",
        **bearer(secretariat_user),
    )
    assert itself.status_code in (400, 422)


def test_no_merge_once_the_vote_is_open(secretariat_user, org_a, org_b):
    consultation = open_consultation(
        secretariat_user, phase="voting", ballot_kind="choice", options=["A", "B"]
    )
    first = Proposal.objects.create(
        consultation=consultation,
        organization=org_a[0],
        author=org_a[1],
        title=consultation.title,
        text=consultation.title,
    )
    second = Proposal.objects.create(
        consultation=consultation,
        organization=org_b[0],
        author=org_b[1],
        title=consultation.title,
        text=consultation.title,
    )
    with pytest.raises(services.Conflict):
        services.proposal_merge(actor=secretariat_user, proposal=second, into=first)


@pytest.fixture
def discussion(secretariat_user, org_a, org_b):
    return open_consultation(secretariat_user, phase="discussion")


def test_the_api_reports_a_comment_once_and_the_secretariat_hides_it(
    client, discussion, org_a, org_b, secretariat_user, make_user
):
    comment = services.comment_post(
        actor=org_a[1], consultation=discussion, text="Rude words", language="en"
    )
    url = f"/api/v1/consultations/{discussion.pk}/comments/{comment.pk}"
    anyone = make_user("reader@example.org")
    assert (
        client.post(
            f"{url}/reports", {"reason": "Abuse"}, content_type="application/json"
        ).status_code
        == 401
    )
    answer = client.post(
        f"{url}/reports", {"reason": "Abuse"}, content_type="application/json", **bearer(anyone)
    )
    assert answer.status_code == 201
    assert answer.json() == {"comment": comment.pk, "reported": True}
    twice = client.post(
        f"{url}/reports", {"reason": "Abuse"}, content_type="application/json", **bearer(anyone)
    )
    assert twice.status_code in (400, 422)
    assert comment.reports.count() == 1

    # Only the Secretariat hides, with a reason.
    refused = client.post(
        f"{url}/hide", {"reason": "Abusive"}, content_type="application/json", **bearer(org_b[1])
    )
    assert refused.status_code == 403
    no_reason = client.post(
        f"{url}/hide", {"reason": ""}, content_type="application/json", **bearer(secretariat_user)
    )
    assert no_reason.status_code in (400, 422)
    hidden = client.post(
        f"{url}/hide",
        {"reason": "Abusive"},
        content_type="application/json",
        **bearer(secretariat_user),
    )
    assert hidden.status_code == 200
    assert (hidden.json()["text"], hidden.json()["hidden_reason"]) == (None, "Abusive")
    again = client.post(
        f"{url}/hide",
        {"reason": "Abusive"},
        content_type="application/json",
        **bearer(secretariat_user),
    )
    assert again.status_code == 409
    late = client.post(
        f"{url}/reports", {"reason": "Still"}, content_type="application/json", **bearer(org_b[1])
    )
    assert late.status_code == 409
    assert [
        e
        for e in AuditLogEntry.objects.order_by("id").values_list("action", flat=True)
        if e.startswith("comment.")
    ] == [
        "comment.report",
        "comment.hide",
    ]
    other = f"/api/v1/consultations/{discussion.pk + 1000}/comments/{comment.pk}/reports"
    assert (
        client.post(
            other, {"reason": "x"}, content_type="application/json", **bearer(anyone)
        ).status_code
        == 404
    )


def test_the_api_delegates_the_ballot_as_the_page_does(
    client, open_ballot, org_a, org_b, staff_a, make_user
):
    from governance.models import BallotDelegate

    url = f"/api/v1/consultations/{open_ballot.pk}/delegates"
    named = client.post(
        url,
        {"organization": "org-a", "email": staff_a.email},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert named.status_code == 200
    assert named.json() == {"organization": "org-a", "delegate": staff_a.email}
    assert BallotDelegate.objects.get().user == staff_a
    # The delegate now votes for A.
    voted = client.post(
        f"/api/v1/consultations/{open_ballot.pk}/votes",
        {"organization": "org-a", "option": open_ballot.ballot.options.get(kind="yes").pk},
        content_type="application/json",
        **bearer(staff_a),
    )
    assert voted.status_code in (200, 201)

    # Another organisation's admin does not name delegates for A, nor learns who has an account.
    for email in (staff_a.email, "nobody@example.org"):
        refused = client.post(
            url,
            {"organization": "org-a", "email": email},
            content_type="application/json",
            **bearer(org_b[1]),
        )
        assert refused.status_code == 403
    # Someone outside A's staff is not a delegate.
    outsider = make_user("outsider@example.org")
    wrong = client.post(
        url,
        {"organization": "org-a", "email": outsider.email},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert wrong.status_code in (400, 422)
    taken_back = client.post(
        url,
        {"organization": "org-a", "email": None},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert taken_back.json() == {"organization": "org-a", "delegate": None}
    assert not BallotDelegate.objects.exists()


def test_no_delegation_once_the_vote_is_closed(client, secretariat_user, org_a, staff_a):
    closed = open_consultation(secretariat_user, phase="results")
    answer = client.post(
        f"/api/v1/consultations/{closed.pk}/delegates",
        {"organization": "org-a", "email": staff_a.email},
        content_type="application/json",
        **bearer(org_a[1]),
    )
    assert answer.status_code == 409
