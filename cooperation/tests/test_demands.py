"""Posting, confirming, moderating demands, and keeping posters' contacts private."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cooperation import services
from cooperation.models import Demand, DemandStatusChange

pytestmark = pytest.mark.django_db

ANONYMOUS = {
    "title": "Clean drinking water for our village",
    "description": "Three hundred people share one polluted well.",
    "country": "KZ",
    "area": "health",
    "language": "ru",
    "contact_name": "Aidar",
    "contact_email": "aidar@example.org",
    "contact_phone": "+7 700 000",
}


@pytest.fixture(autouse=True)
def _emails_sent(django_capture_on_commit_callbacks, monkeypatch):
    """What is queued after commit runs at once, as if each test's transaction committed."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def post(client, **changes):
    data = {**ANONYMOUS, "urgency": "high", "people_concerned": "300", "website": "", **changes}
    return client.post("/en/demands/new/", data)


def test_a_visitor_posts_without_javascript_confirms_by_email_and_waits(client):
    response = post(client)
    assert response.status_code == 200
    demand = Demand.objects.get()
    assert demand.moderation == Demand.Moderation.UNCONFIRMED
    assert demand.contact_email == "aidar@example.org"
    assert demand.title.original == "ru"
    # Not public yet
    assert client.get(f"/en/demands/{demand.pk}/").status_code == 404
    [email] = mail.outbox
    assert email.to == ["aidar@example.org"]
    link = re.search(r"http\S+/demands/confirm/\S+/", email.body).group(0)
    path = link[link.index("/ru/") :] if "/ru/" in link else link[link.index("/", 8) :]
    assert client.get(path).status_code == 200
    demand.refresh_from_db()
    assert demand.moderation == Demand.Moderation.PENDING
    assert client.get(f"/en/demands/{demand.pk}/").status_code == 404


def test_the_confirmation_email_is_in_the_language_of_the_demand(client):
    post(client, language="ru")
    [email] = mail.outbox
    assert "Подтвердите" in email.subject or "подтверд" in email.body.lower()


def test_a_bad_confirmation_link_changes_nothing(client):
    response = client.get("/en/demands/confirm/not-a-token/")
    assert response.status_code == 400


def test_the_honeypot_keeps_nothing_and_says_thank_you(client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 200
    assert Demand.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_address(client):
    for number in range(services.RATE_LIMIT_PER_HOUR):
        post(client, contact_email=f"p{number}@example.org")
    response = post(client, contact_email="another@example.org")
    assert "Too many demands from this network address" in response.content.decode()
    assert Demand.objects.count() == services.RATE_LIMIT_PER_HOUR


def test_rate_limit_per_email(db):
    for number in range(services.RATE_LIMIT_PER_HOUR):
        services.demand_submit(actor=None, address=f"10.0.0.{number}", **ANONYMOUS)
    with pytest.raises(ValidationError) as error:
        services.demand_submit(actor=None, address="10.0.1.1", **ANONYMOUS)
    assert "contact_email" in error.value.message_dict
    assert Demand.objects.count() == services.RATE_LIMIT_PER_HOUR


def test_bad_input_is_named_next_to_the_field(client):
    response = post(client, country="", title="", contact_email="not-an-email")
    form = response.context["form"]
    assert set(form.errors) >= {"country", "title", "contact_email"}
    assert Demand.objects.count() == 0


def test_a_member_organisations_staff_publish_at_once(client, staff_a, org_a):
    client.force_login(staff_a)
    response = post(client, organization=str(org_a.pk), contact_email="")
    demand = Demand.objects.get()
    assert response.status_code == 302
    assert demand.moderation == Demand.Moderation.APPROVED
    assert demand.organization == org_a
    assert client.get(f"/en/demands/{demand.pk}/").status_code == 200


def test_nobody_posts_for_an_organisation_they_do_not_work_for(admin_b, org_a):
    with pytest.raises(PermissionDenied):
        services.demand_submit(actor=admin_b, organization=org_a, **ANONYMOUS)
    assert Demand.objects.count() == 0


def test_only_the_secretariat_moderates(pending_demand, admin_a, client):
    with pytest.raises(PermissionDenied):
        services.demand_approve(actor=admin_a, demand=pending_demand)
    client.force_login(admin_a)
    assert client.get("/en/demands/moderation/").status_code == 403
    assert (
        client.post(f"/en/demands/{pending_demand.pk}/moderate/", {"action": "approve"}).status_code
        == 403
    )
    pending_demand.refresh_from_db()
    assert pending_demand.moderation == Demand.Moderation.PENDING


def test_approval_publishes_and_tells_the_poster(pending_demand, secretariat, client):
    client.force_login(secretariat)
    queue = client.get("/en/demands/moderation/")
    assert pending_demand.title.original_text in queue.content.decode()
    mail.outbox.clear()
    client.post(f"/en/demands/{pending_demand.pk}/moderate/", {"action": "approve"})
    pending_demand.refresh_from_db()
    assert pending_demand.moderation == Demand.Moderation.APPROVED
    assert "li.wei@example.org" in [address for m in mail.outbox for address in m.to]
    client.logout()
    assert client.get(f"/en/demands/{pending_demand.pk}/").status_code == 200


def test_rejection_sends_the_reason_in_the_posters_language(pending_demand, secretariat):
    mail.outbox.clear()
    services.demand_reject(actor=secretariat, demand=pending_demand, reason="请补充村庄的位置。")
    [email] = mail.outbox
    assert email.to == ["li.wei@example.org"]
    assert "请补充村庄的位置。" in email.body
    assert "未" in email.subject or "没有" in email.subject  # written in Chinese
    history = list(
        DemandStatusChange.objects.filter(demand=pending_demand).values_list("to_status", flat=True)
    )
    assert history == ["unconfirmed", "pending", "rejected"]


def test_a_rejection_needs_a_reason(pending_demand, secretariat):
    with pytest.raises(ValidationError):
        services.demand_reject(actor=secretariat, demand=pending_demand, reason="  ")
    pending_demand.refresh_from_db()
    assert pending_demand.moderation == Demand.Moderation.PENDING


def test_the_secretariat_edits_a_demand(pending_demand, secretariat, client):
    client.force_login(secretariat)
    response = client.post(
        f"/en/demands/{pending_demand.pk}/moderate/",
        {
            "action": "edit",
            "title": "村里需要净水设备",
            "description": "三百人。",
            "area": "health",
            "country": "CN",
            "locality": "古浪",
            "people_concerned": "300",
            "urgency": "critical",
        },
    )
    assert response.status_code == 302
    pending_demand.refresh_from_db()
    assert pending_demand.title.original_text == "村里需要净水设备"
    assert pending_demand.urgency == "critical"


def test_likely_duplicates_are_proposed_and_merged(demand, secretariat, staff_a, org_a, client):
    from cooperation import selectors

    twin = services.demand_submit(
        actor=staff_a,
        organization=org_a,
        title="Village school needs bilingual books!",
        description="Our school has 86 pupils and no library. We need books please.",
        country="CN",
        area="education",
        language="en",
    )
    assert [other.pk for other, _ratio in selectors.likely_duplicates(twin)] == [demand.pk]
    client.force_login(secretariat)
    page = client.get(f"/en/demands/{twin.pk}/moderate/")
    assert "Merge into this one" in page.content.decode()
    client.post(f"/en/demands/{twin.pk}/moderate/", {"action": "merge", "into": demand.pk})
    twin.refresh_from_db()
    assert twin.moderation == Demand.Moderation.MERGED and twin.merged_into == demand
    assert client.get(f"/en/demands/{twin.pk}/").status_code == 302
    assert twin.pk not in [d["id"] for d in client.get("/api/v1/demands").json()["items"]]


def test_status_changes_are_kept_in_the_history(demand, staff_a, admin_b):
    with pytest.raises(PermissionDenied):
        services.demand_set_status(actor=admin_b, demand=demand, status="closed")
    services.demand_set_status(actor=staff_a, demand=demand, status="closed", note="solved")
    demand.refresh_from_db()
    assert demand.status == "closed"
    assert list(demand.history.values_list("from_status", "to_status")) == [
        ("", "approved"),
        ("open", "closed"),
    ]
    with pytest.raises(ValidationError):
        services.demand_set_status(actor=staff_a, demand=demand, status="met")


def test_contacts_of_anonymous_posters_are_never_public(pending_demand, secretariat, client):
    services.demand_approve(actor=secretariat, demand=pending_demand)
    secrets = ["li.wei@example.org", "李伟", "+86 123"]
    for url in [
        f"/en/demands/{pending_demand.pk}/",
        "/en/demands/",
        "/api/v1/demands",
        f"/api/v1/demands/{pending_demand.pk}",
        "/open-data/demands.csv",
        "/open-data/demands.json",
        f"/en/search/?q={pending_demand.title.original_text}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
    assert (
        pending_demand.title.original_text
        in client.get(f"/en/demands/{pending_demand.pk}/").content.decode()
    )
