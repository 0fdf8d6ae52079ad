"""Joint consultation, end to end (issue 11): the Secretariat opens a consultation; members
comment in two languages and propose; a proposal is endorsed past the threshold and goes to the
vote; representatives vote (one changes their vote) on a secret ballot; the vote closes; the
results and receipts are published and a member finds their receipt in the list; the result is
recorded as a decision and as a new version of the Constitution, and the comparison shows what
changed.

What the pages cannot do (make people members and representatives, move the clock to the
voting phase) is done with `manage.py shell` against the test server's database.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import PROJECT_DIR, _server_env
from tests_browser.test_membership import signed_in_page
from tests_browser.test_walkthrough import PASSWORD, field, screenshot, unique_email

pytestmark = pytest.mark.browser

SET_UP = """
import json, os
from datetime import date

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from governance.models import DocumentVersion, NetworkDocument
from members.models import Organization, OrganizationStaff

people = json.loads(os.environ["CONSULTATION_TEST_PEOPLE"])
document, _ = NetworkDocument.objects.get_or_create(
    kind=NetworkDocument.Kind.CONSTITUTION,
    defaults={"slug": "constitution", "title": MultilingualText.create("Constitution", "en")},
)
if not document.versions.exists():
    DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create("Article 1. Members join on equal terms.", "en"),
        adopted_on=date(2017, 11, 22),
    )
for slug, email, name in people:
    user = User.objects.create_user(email, os.environ["CONSULTATION_TEST_PASSWORD"], full_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if slug == "secretariat":
        network_role_grant(actor=None, user=user, role="secretariat")
        continue
    organization = Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(f"Organisation {slug}", "en"),
        country_id="KZ",
        status=Organization.Status.MEMBER,
    )
    OrganizationStaff.objects.create(
        organization=organization, user=user, role="admin", is_representative=True
    )
"""

TO_VOTING = """
from datetime import timedelta
from django.utils import timezone
from governance.models import Consultation

consultation = Consultation.objects.get(pk=int(os.environ["CONSULTATION_ID"]))
now = timezone.now()
Consultation.objects.filter(pk=consultation.pk).update(
    discussion_opens=now - timedelta(days=2),
    proposals_open=now - timedelta(days=1),
    voting_opens=now - timedelta(minutes=1),
)
"""


def shell(server, code: str, **env: str) -> None:
    done = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", "import os\n" + code],
        cwd=PROJECT_DIR,
        env={**_server_env(server.tmp), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"shell failed:\n{done.stdout}\n{done.stderr}"


def local(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def vote(page: Page, consultation_path: str, option: str) -> str:
    page.goto(consultation_path + "vote/")
    page.get_by_role("radio", name=option).check()
    page.get_by_role("button", name="Cast the vote").click()
    receipt = page.locator("[data-receipt]")
    expect(receipt).to_be_visible()
    return receipt.inner_text()


def test_consultation_from_opening_to_a_new_constitution(new_context, server):
    suffix = unique_email("x").split("@")[0][-6:]
    secretariat = unique_email("secretariat")
    members = [(f"org-{n}-{suffix}", unique_email(f"rep-{n}"), f"Rep {n}") for n in "abc"]
    shell(
        server,
        SET_UP,
        CONSULTATION_TEST_PEOPLE=json.dumps(
            [("secretariat", secretariat, "Sara Secretariat"), *members]
        ),
        CONSULTATION_TEST_PASSWORD=PASSWORD,
    )

    # The Secretariat opens a consultation, now in its proposals phase, with a secret ballot.
    sec = signed_in_page(new_context, secretariat)
    sec.goto("/en/consultations/new/")
    now = datetime.now(UTC)
    field(sec, "Title").fill("How many seats for the Steering Committee?")
    field(sec, "Description").fill("Article 8 sets **11 seats**. Should the Committee grow?")
    sec.get_by_label("Discussion opens").fill(local(now - timedelta(days=1)))
    sec.get_by_label("Proposals open").fill(local(now - timedelta(minutes=5)))
    sec.get_by_label("Voting opens").fill(local(now + timedelta(days=7)))
    sec.get_by_label("Voting closes").fill(local(now + timedelta(days=14)))
    sec.get_by_label("Quorum, in per cent of the organisations taking part").fill("50")
    sec.get_by_label("Majority").select_option("simple")
    sec.get_by_role("checkbox", name=re.compile("Secret ballot")).check()
    sec.get_by_role("radio", name="A choice among proposals").check()
    sec.get_by_role("textbox", name="Options").fill("Keep 11 seats\nGrow to 13 seats")
    sec.get_by_label("Endorsements a proposal needs to go to the vote").fill("2")
    sec.get_by_role("button", name="Open the consultation").click()
    expect(sec.get_by_role("main")).to_contain_text("The consultation is open.")
    path = re.search(r"/en/consultations/\d+/", sec.url).group(0)
    consultation_id = path.rstrip("/").rsplit("/", 1)[1]

    # Members comment in two languages; one replies.
    a, b, c = (signed_in_page(new_context, email) for _slug, email, _name in members)
    a.goto(path)
    a.get_by_role("textbox", name="Your comment").fill("We need more seats for *Africa*.")
    a.locator("#comment_language").select_option("en")
    a.get_by_role("button", name="Publish the comment").click()
    expect(a.get_by_role("main")).to_contain_text("We need more seats for Africa.")
    b.goto(path)
    b.get_by_text("Reply", exact=True).first.click()
    b.get_by_role("textbox", name="Your reply").fill("我们支持增加席位。")
    b.locator("details.reply select").select_option("zh-hans")
    b.locator("details.reply").get_by_role("button", name="Reply").click()
    expect(b.get_by_role("main")).to_contain_text("我们支持增加席位。")
    expect(b.locator("[lang='zh-hans']").filter(has_text="我们支持增加席位")).to_be_visible()

    # A proposes; B and C endorse it past the threshold: it goes to the vote.
    a.goto(path)
    a.get_by_role("textbox", name="Title").fill("Grow to 15 seats")
    a.get_by_role("textbox", name="The proposal").fill(
        "Three more seats, for Africa and Latin America."
    )
    a.get_by_role("button", name="Submit the proposal").click()
    expect(a.get_by_role("main")).to_contain_text("Your proposal is published.")
    for endorser in (b, c):
        endorser.goto(path)
        endorser.get_by_role("button", name="Endorse").click()
        expect(endorser.get_by_role("main")).to_contain_text("Your organisation endorses")
    c.goto(path)
    expect(c.locator("article.proposal")).to_contain_text("Goes to the vote")
    screenshot(c, "consultation-proposals.png")

    # The voting phase opens; representatives vote, B changes their vote.
    shell(server, TO_VOTING, CONSULTATION_ID=consultation_id)
    vote(a, path, "Grow to 15 seats")
    first_b = vote(b, path, "Grow to 13 seats")
    receipt_b = vote(b, path, "Grow to 15 seats")
    assert receipt_b != first_b
    vote(c, path, "Keep 11 seats")

    # The Secretariat closes the vote; results and receipts are published.
    sec.goto(path)
    sec.get_by_role("button", name="Close the vote now").click()
    expect(sec.get_by_role("main")).to_contain_text("Carried: Grow to 15 seats")
    expect(sec.locator("[data-cast]")).to_have_text("3")

    # B finds their receipt in the list, with their last choice; the first receipt is void.
    b.goto(path + "results/")
    b.get_by_label("Find a receipt").fill(receipt_b)
    b.get_by_role("button", name="Find", exact=True).click()
    row = b.locator("table.receipts tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(receipt_b)
    expect(row).to_contain_text("Grow to 15 seats")
    b.get_by_label("Find a receipt").fill(first_b)
    b.get_by_role("button", name="Find", exact=True).click()
    expect(b.locator("table.receipts")).to_contain_text("No receipt matches.")
    screenshot(b, "consultation-receipt.png")

    # The result goes to the register, then into a new version of the Constitution.
    sec.goto(path + "results/")
    sec.get_by_role("button", name="Record the result as a decision").click()
    expect(sec.get_by_role("main")).to_contain_text("How many seats for the Steering Committee?")
    number = re.search(r"decision (\d{4}/\d+)", sec.get_by_role("main").inner_text()).group(1)
    sec.goto("/en/governance/documents/constitution/adopt/")
    text = sec.get_by_role("textbox", name="Text")
    text.fill(text.input_value() + " The Steering Committee has 15 seats.")
    sec.get_by_label("Adopted on").fill(datetime.now(UTC).date().isoformat())
    sec.get_by_label("Adopted by decision").select_option(
        label=f"{number} How many seats for the Steering Committee?"
    )
    sec.get_by_role("button", name="Adopt the version").click()
    expect(sec.get_by_role("main")).to_contain_text(f"Adopted by decision {number}.")

    sec.goto("/en/governance/documents/constitution/compare/")
    expect(sec.locator(".diff ins")).to_contain_text("15 seats")
    screenshot(sec, "consultation-compare.png")
    sec.goto("/en/governance/decisions/")
    expect(sec.get_by_role("main")).to_contain_text(number)
