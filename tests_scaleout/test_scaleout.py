# ruff: noqa: S101  (pytest asserts; drop once pyproject ignores S101 under tests_scaleout/)
"""The multi-machine shape, end to end: two web nodes, one worker, PostgreSQL and Redis shared.

The cluster (see conftest.py) is started once; each test makes the people and organisations it
needs through `manage.py shell -c` in the same environment, as an operator on a third machine.
"""

from __future__ import annotations

import pickle
import re
import secrets
import subprocess
import time

import pytest

pytestmark = pytest.mark.scaleout

PASSWORD = "a long scale-out passphrase"  # noqa: S105 (a test account's)


def make_person(cluster, email: str, full_name: str) -> int:
    """A person whose email address is verified, able to sign in at once."""
    return cluster.shell(
        f"""
import json
from allauth.account.models import EmailAddress
from accounts.models import User
user = User.objects.create_user(email={email!r}, password={PASSWORD!r}, full_name={full_name!r})
EmailAddress.objects.create(user=user, email={email!r}, verified=True, primary=True)
print(json.dumps(user.pk))
"""
    )


def make_member_organization(cluster, slug: str, name: str, admin_id: int | None = None) -> int:
    """An organisation with status member (saved through the model, as the services do)."""
    return cluster.shell(
        f"""
import json
from core.multilingual import MultilingualText
from members.models import Organization, OrganizationStaff
organization = Organization.objects.create(
    slug={slug!r},
    name=MultilingualText.create({name!r}, "en"),
    country_id="KZ",
    status=Organization.Status.MEMBER,
)
organization.refresh_from_db()
if {admin_id!r} is not None:
    OrganizationStaff.objects.create(organization=organization, user_id={admin_id!r}, role="admin")
print(json.dumps(organization.pk))
"""
    )


def unique(word: str) -> str:
    return f"{word}-{secrets.token_hex(3)}"


# --- (1) both nodes are up, on the same data ----------------------------------------------------


def test_both_nodes_are_ready_and_serve_the_same_data(cluster, new_client):
    client = new_client()
    countries = {}
    for node in cluster.nodes:
        assert client.get(f"{node.url}/healthz").status == 200, node.name
        ready = client.get(f"{node.url}/readyz")
        assert ready.status == 200, f"{node.name} /readyz: {ready.status} {ready.text[:300]}"
        answer = client.get(f"{node.url}/api/v1/countries")
        assert answer.status == 200, f"{node.name} /api/v1/countries: {answer.status}"
        countries[node.name] = answer.json()
    assert countries["node-a"], "no countries: the taxonomy migration did not load"
    assert countries["node-a"] == countries["node-b"]

    # The static files collected once by `prepare` are served by every node (whitenoise).
    home = client.get(f"{cluster.a.url}/en/")
    assert home.status == 200
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    assert stylesheet, "no stylesheet link on the home page"
    assert client.get(f"{cluster.b.url}{stylesheet.group(1)}").status == 200


# --- (2) a session made on one node is valid on the other ---------------------------------------


def test_a_session_made_on_node_a_is_valid_on_node_b(cluster, new_client):
    email = f"{unique('sam')}@example.org"
    make_person(cluster, email, "Sam Sessions")
    client = new_client()

    assert client.get(f"{cluster.b.url}/en/settings/").status == 302  # not signed in yet
    client.sign_in(cluster.a, email, PASSWORD)
    session_key = client.cookie("sessionid")
    assert session_key, "node A set no session cookie"

    # The session lives in Redis (the cache session engine), not in the database.
    assert cluster.redis.exists(cluster.cache_key(f"django.contrib.sessions.cache{session_key}"))
    assert cluster.sql("SELECT count(*) FROM django_session") == [(0,)]

    settings_page = client.get(f"{cluster.b.url}/en/settings/")
    assert settings_page.status == 200, (
        f"node B did not accept node A's session: {settings_page.status} → {settings_page.location}"
    )
    assert email in settings_page.text


# --- (3) background work runs on the separate worker --------------------------------------------


def test_an_invitation_email_is_sent_by_the_worker(cluster, new_client):
    admin_email = f"{unique('ada')}@example.org"
    invitee = f"{unique('nadia')}@example.org"
    admin_id = make_person(cluster, admin_email, "Ada Admin")
    slug = unique("steppe-fund")
    make_member_organization(cluster, slug, "Steppe Fund", admin_id=admin_id)

    client = new_client()
    client.sign_in(cluster.a, admin_email, PASSWORD)
    staff_url = f"{cluster.b.url}/en/members/{slug}/staff/"
    staff_page = client.get(staff_url)
    assert staff_page.status == 200, f"staff page on node B: {staff_page.status}"
    answer = client.post_form(
        staff_url, {"action": "invite", "email": invitee, "role": "staff"}, form_page=staff_page
    )
    assert answer.status == 302, f"invite on node B: {answer.status}\n{answer.text[:2000]}"
    assert answer.location == f"/en/members/{slug}/staff/"

    # The web node only queued the email: a task row in the database, for the worker.
    def task_rows():
        return cluster.sql(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'core.tasks.send_notification' AND args_kwargs::text LIKE %s",
            (f"%{invitee}%",),
        )

    assert len(task_rows()) == 1, "the web node did not queue the email for a worker"

    message = cluster.mailbox.wait_for(invitee, timeout=30)
    assert "SIRONET" in str(message["Subject"])
    body = cluster.mailbox.body(message)
    link = re.search(re.escape(cluster.env["SITE_URL"]) + r"/en/members/invitations/[^/\s]+/", body)
    assert link, f"no invitation link in the email:\n{body}"

    deadline = time.monotonic() + 10
    while (rows := task_rows())[0][0] != "SUCCESSFUL" and time.monotonic() < deadline:
        time.sleep(0.2)
    status, worker_ids = rows[0]
    assert status == "SUCCESSFUL"
    assert worker_ids == [cluster.worker_id], "the email was not sent by the separate worker"

    # The link works on either node: the invitation is in the shared database.
    invitation_page = new_client().get(
        link.group(0).replace(cluster.env["SITE_URL"], cluster.b.url)
    )
    assert invitation_page.status == 200
    assert "Steppe Fund" in invitation_page.text


# --- (4) the directory's cached counts are invalidated across nodes -----------------------------


def directory_total(client, node, query: str = "") -> int:
    page = client.get(f"{node.url}/en/members/{query}")
    assert page.status == 200, f"/en/members/{query} on {node.name}: {page.status}"
    match = re.search(r'<h2 id="results-title">\s*(\d+) organisations?\b', page.text)
    assert match, f"no result count on {node.name}'s directory"
    return int(match.group(1))


def test_directory_caches_are_shared_and_follow_changes_made_anywhere(cluster, new_client):
    """Two caches serve the directory to anonymous readers: the whole page
    (core.page_cache) and the facet counts (members.selectors.directory_counts). Both live in
    Redis, so what one node stores the other reads, and both are keyed by a version read from
    the database, so a change made anywhere shows on every node at once."""
    client = new_client()  # never signs in: anonymous pages are the cached ones
    pages = cluster.cache_key("page:members.views.directory.directory:*")
    counts = cluster.cache_key("members:counts:*")
    for pattern in (pages, counts):
        for key in cluster.redis.scan_iter(pattern):
            cluster.redis.delete(key)

    before = directory_total(client, cluster.a)
    # A node stores what it rendered once the answer has gone (core.page_cache, at
    # request_finished): wait for it rather than race it.
    deadline = time.monotonic() + 5
    while True:
        page_keys, count_keys = (
            list(cluster.redis.scan_iter(pages)),
            list(cluster.redis.scan_iter(counts)),
        )
        if (page_keys and count_keys) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(page_keys) == 1, f"node A did not cache the directory page in Redis: {page_keys}"
    assert len(count_keys) == 1, f"node A did not cache the directory counts in Redis: {count_keys}"

    # Node B answers from the very entries node A stored: mark them, and B shows the marks.
    # (Django's Redis cache stores pickles; this is our own Redis database.)
    content, headers = pickle.loads(cluster.redis.get(page_keys[0]))  # noqa: S301
    marked = content.replace(b"</main>", b"<!-- stored by node A --></main>", 1)
    cluster.redis.set(page_keys[0], pickle.dumps((marked, headers)), keepttl=True)
    assert "<!-- stored by node A -->" in client.get(f"{cluster.b.url}/en/members/").text
    figures = pickle.loads(cluster.redis.get(count_keys[0]))  # noqa: S301
    cluster.redis.set(count_keys[0], pickle.dumps({**figures, "total": 4242}), keepttl=True)
    # Another order is another page (not cached yet) over the same counts (A's, marked).
    assert directory_total(client, cluster.b, "?sort=newest") == 4242

    # A new member, added from a third process, is counted at once on both nodes.
    organization_id = make_member_organization(cluster, unique("caspian-net"), "Caspian Net")
    assert directory_total(client, cluster.b) == before + 1
    assert directory_total(client, cluster.a) == before + 1
    assert directory_total(client, cluster.b, "?sort=newest") == before + 1

    # A saved change to an existing row (the number of rows stays) moves both caches too.
    cluster.shell(
        f"""
from members.models import Organization
organization = Organization.objects.get(pk={organization_id!r})
organization.status = Organization.Status.SUSPENDED
organization.save()
"""
    )
    assert directory_total(client, cluster.a) == before
    assert directory_total(client, cluster.b) == before
    assert directory_total(client, cluster.a, "?sort=newest") == before


# --- a write committed after a later one --------------------------------------------------------


def test_a_change_committed_late_still_renews_the_cached_directory(cluster, new_client, tmp_path):
    """With PostgreSQL and several processes writing at once, a transaction that saved first
    can commit last. Its data version moves in that same transaction (core.data_versions), so
    the commit itself gives every node a new version and the page is renewed."""
    slow_id = make_member_organization(cluster, unique("slow-steppe"), "Slow Steppe")
    quick_id = make_member_organization(cluster, unique("quick-oasis"), "Quick Oasis")
    client = new_client()
    before = directory_total(client, cluster.a)
    go = tmp_path / "commit-now"
    slow = cluster.shell_in_background(
        f"""
import time
from pathlib import Path
from django.db import transaction
from members.models import Organization
with transaction.atomic():
    organization = Organization.objects.get(pk={slow_id!r})
    organization.status = Organization.Status.SUSPENDED
    organization.save()
    print("saved", flush=True)
    deadline = time.monotonic() + 20
    while not Path({str(go)!r}).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
"""
    )
    try:
        assert slow.stdout.readline().strip() == "saved"
        # Another request saves another organisation a moment later and commits at once…
        cluster.shell(
            f"""
from members.models import Organization
organization = Organization.objects.get(pk={quick_id!r})
organization.city = "Almaty"
organization.save()
"""
        )
        # …and a reader on node A caches the directory: the slow change is not visible yet.
        assert directory_total(client, cluster.a) == before
    finally:
        go.touch()
        try:
            output, _ = slow.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            slow.kill()
            output, _ = slow.communicate()
    assert slow.returncode == 0, output
    members = cluster.sql("SELECT count(*) FROM members_organization WHERE status = 'member'")
    assert members == [(before - 1,)], "the slow suspension did not commit"

    assert directory_total(client, cluster.b) == before - 1
    assert directory_total(client, cluster.a) == before - 1
