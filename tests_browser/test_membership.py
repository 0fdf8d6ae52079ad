"""Joining the network, end to end (issue 3): apply, review, vote, directory, staff.

One organisation walks the whole path, each person in a browser context of their own:

- an applicant signs up and applies (names in Chinese and English, a PDF, the Constitution);
- the Secretariat returns the application with a question; the applicant, led by the e-mail,
  answers it; the Secretariat forwards it to the Steering Committee;
- two committee members vote for it, and the second vote makes the organisation a member;
- it is found in the directory (Chinese search, Chinese name kept, Arabic page mirrored);
- its admin invites a staff member, who signs up with the invited address and accepts.

What nobody can do through the pages (publish the Constitution, name the Secretariat and the
committee) is set up once with `manage.py shell` against the test server's database.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import PROJECT_DIR, _server_env
from tests_browser.test_walkthrough import (
    PASSWORD,
    confirm_email,
    expect_signed_in,
    field,
    screenshot,
    sign_in,
    sign_up,
    unique_email,
)

pytestmark = pytest.mark.browser

CHINESE_NAME = "丝路乡村发展协会"
ENGLISH_NAME = "Silk Road Rural Development Association"
QUESTION = "Please tell us who audits your accounts each year."
ANSWER = "The Kashgar office of an independent auditor audits them every March."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# E-mails sent by tasks link to SITE_URL, not to the test server: keep the path, open it here.
APPLICATION_PATH = r"/en/members/applications/\d+/"
INVITATION_PATH = r"/en/members/invitations/[^/\s]+/"

SET_UP = """
import json, os
from datetime import date

from allauth.account.models import EmailAddress

from accounts.models import NetworkRole, User
from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from governance.models import Body, DocumentVersion, NetworkDocument

people = json.loads(os.environ["MEMBERSHIP_TEST_PEOPLE"])
document, _ = NetworkDocument.objects.get_or_create(
    kind=NetworkDocument.Kind.CONSTITUTION,
    defaults={"slug": "constitution", "title": MultilingualText.create("Constitution", "en")},
)
DocumentVersion.objects.get_or_create(
    document=document,
    number=1,
    defaults={
        "body": MultilingualText.create(
            "Article 1. Members join on equal terms: openness, inclusiveness, equality.", "en"
        ),
        "adopted_on": date(2017, 11, 22),
    },
)
Body.objects.update_or_create(
    kind=Body.Kind.STEERING_COMMITTEE, defaults={"slug": "steering-committee", "seats": 3}
)
for role, email, password, full_name in people:
    user = User.objects.create_user(email, password, full_name=full_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    network_role_grant(actor=None, user=user, role=getattr(NetworkRole.Role, role))
"""


def run_set_up(server, people: list[tuple[str, str, str, str]]) -> None:
    """Publish the Constitution, make the committee 3 seats, and create verified role holders."""
    env = {**_server_env(server.tmp), "MEMBERSHIP_TEST_PEOPLE": json.dumps(people)}
    done = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", SET_UP],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"set-up failed:\n{done.stdout}\n{done.stderr}"


def signed_in_page(new_context, email: str, password: str = PASSWORD) -> Page:
    page = new_context().new_page()
    sign_in(page, email, password)
    expect_signed_in(page)
    return page


def main(page: Page):
    return page.get_by_role("main")


def save_and_continue(page: Page, next_step: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(rf"/step/{next_step}/$"))


def apply(page: Page, tmp_path) -> str:
    """Fill the five steps and submit; returns the path of the application's status page."""
    page.goto("/en/members/apply/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply to join the network")

    # 1. Identity: the original name in Chinese, its English name beside it.
    field(page, "Name of the organisation").fill(CHINESE_NAME)
    page.get_by_label("Language of this name").select_option("zh-hans")
    field(page, "Name in English").fill(ENGLISH_NAME)
    page.get_by_label("Type of organisation").select_option(label="Association")
    page.get_by_label("Country where it is registered").select_option(label="China")
    field(page, "City").fill("喀什 (Kashgar)")
    page.get_by_role("spinbutton", name="Founding year").fill("2009")
    field(page, "Registration number").fill(f"XJ-{uuid.uuid4().hex[:8].upper()}")
    field(page, "Registering authority").fill("Kashgar Civil Affairs Bureau")
    screenshot(page, "membership-apply-identity.png")
    save_and_continue(page, "activity")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CHINESE_NAME)

    # 2. Activity.
    activity = main(page)
    activity.get_by_role("checkbox", name="Poverty relief").check()
    activity.get_by_role("checkbox", name="Education").check()
    page.get_by_label("Countries where it works").select_option(
        label=["China", "Kazakhstan", "Pakistan"]
    )
    activity.get_by_role("group", name="Working languages").get_by_role(
        "checkbox", name="English"
    ).check()
    activity.get_by_role("group", name="Working languages").get_by_role(
        "checkbox", name=re.compile(r"简体中文")
    ).check()
    field(page, "Description of the organisation").fill(
        "我们在丝绸之路沿线的村庄开展扶贫和教育项目。"
    )
    page.get_by_label("Language of the description").select_option("zh-hans")
    save_and_continue(page, "contact")

    # 3. Contact.
    field(page, "Contact person").fill("王丽 (Wang Li)")
    field(page, "Email address").fill(unique_email("contact"))
    field(page, "Telephone").fill("+86 998 123 4567")
    save_and_continue(page, "documents")

    # 4. Documents: a real (tiny) PDF, through the file input.
    pdf = tmp_path / "registration-certificate.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label(re.compile(r"^File\b")).set_input_files(str(pdf))
    field(page, "What it is").fill("Registration certificate")
    page.get_by_role("button", name="Upload").click()
    expect(main(page)).to_contain_text("“registration-certificate.pdf” is uploaded.")
    expect(main(page).get_by_text("registration-certificate.pdf").first).to_be_visible()
    main(page).get_by_role("link", name="Continue: review and submit").click()
    expect(page).to_have_url(re.compile(r"/step/submit/$"))

    # 5. Review, accept the Constitution, submit.
    submit = main(page)
    expect(submit).to_contain_text("The application is complete.")
    expect(submit.get_by_role("region", name="The Constitution of the network")).to_contain_text(
        "Article 1."
    )
    submit.get_by_role(
        "checkbox", name="On behalf of the organisation, I accept the Constitution of the network"
    ).check()
    screenshot(page, "membership-apply-submit.png")
    submit.get_by_role("button", name="Submit the application").click()
    expect(page).to_have_url(re.compile(APPLICATION_PATH + "$"))
    return re.search(APPLICATION_PATH, page.url).group(0)


def test_membership_from_application_to_staff(new_context, server, tmp_path):
    secretariat, member_a, member_b = (
        unique_email("secretariat"),
        unique_email("committee-a"),
        unique_email("committee-b"),
    )
    run_set_up(
        server,
        [
            ("SECRETARIAT", secretariat, PASSWORD, "Aigerim Secretariat"),
            ("COMMITTEE", member_a, PASSWORD, "Bakhyt Committee"),
            ("COMMITTEE", member_b, PASSWORD, "Chen Committee"),
        ],
    )

    # --- the applicant signs up and applies -------------------------------------------------
    applicant_email = unique_email("applicant")
    applicant = new_context().new_page()
    sign_up(applicant, applicant_email)
    confirm_email(applicant, server, applicant_email)
    expect_signed_in(applicant)
    status_path = apply(applicant, tmp_path)
    status = main(applicant)
    expect(status.locator(".status-line")).to_have_text("Under review by the Secretariat")
    expect(status).to_contain_text("The Secretariat is reviewing the application.")
    expect(applicant.locator("h1 [lang='zh-hans']")).to_have_text(CHINESE_NAME)
    screenshot(applicant, "membership-status-submitted.png")
    applicant.context.close()

    # --- the Secretariat returns it with a question -----------------------------------------
    desk = signed_in_page(new_context, secretariat)
    desk.goto("/en/members/review/")
    desk.get_by_role("link", name=CHINESE_NAME).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(CHINESE_NAME)
    expect(main(desk)).to_contain_text("No organisation with the same registration number")
    expect(main(desk).get_by_role("link", name="registration-certificate.pdf")).to_be_visible()
    field(desk, "Question for the applicant").fill(QUESTION)
    desk.get_by_role("button", name="Return to the applicant").click()
    expect(main(desk)).to_contain_text("returned to the applicant with your question")
    screenshot(desk, "membership-review-returned.png")

    # --- the applicant follows the e-mail, signs in, answers --------------------------------
    link = server.mailbox.wait_for_link(applicant_email, APPLICATION_PATH)
    assert link == status_path
    assert any(
        QUESTION in server.mailbox.body(message)
        for message in server.mailbox.messages()
        if applicant_email in str(message["To"])
    ), "the e-mail to the applicant should carry the Secretariat's question"
    applicant = new_context().new_page()
    applicant.goto(link)
    expect(applicant).to_have_url(re.compile(r"/en/accounts/login/\?next="))
    field(applicant, "Email").fill(applicant_email)
    field(applicant, "Password").fill(PASSWORD)
    main(applicant).get_by_role("button", name="Sign in").click()
    expect(applicant).to_have_url(re.compile(re.escape(status_path) + "$"))
    conversation = main(applicant).get_by_role("region", name="Questions and answers")
    expect(conversation).to_contain_text(QUESTION)
    field(applicant, "Your answer").fill(ANSWER)
    screenshot(applicant, "membership-status-returned.png")
    applicant.get_by_role("button", name="Send the answer").click()
    expect(main(applicant)).to_contain_text("Your answer is sent.")
    expect(main(applicant).locator(".status-line")).to_have_text("Under review by the Secretariat")

    # --- the Secretariat forwards it to the Steering Committee ------------------------------
    desk.reload()
    expect(main(desk).get_by_role("region", name="Conversation")).to_contain_text(ANSWER)
    desk.get_by_role("button", name="Forward to the Steering Committee").click()
    expect(main(desk)).to_contain_text("before the Steering Committee now")
    expect(main(desk).locator(".lead")).to_have_text("Before the Steering Committee")

    # --- two committee members vote for it --------------------------------------------------
    # The first follows the e-mail asking for the vote; the second goes through the queue.
    vote_path = server.mailbox.wait_for_link(member_a, r"/en/members/committee/\d+/")
    for number, voter in enumerate((member_a, member_b), start=1):
        page = signed_in_page(new_context, voter)
        if number == 1:
            page.goto(vote_path)
        else:
            page.goto("/en/members/committee/")
            page.get_by_role("link", name=CHINESE_NAME).click()
            expect(page).to_have_url(re.compile(re.escape(vote_path) + "$"))
        page.get_by_role("radio", name="Approve").check()
        if number == 2:
            screenshot(page, "membership-vote.png")
        page.get_by_role("button", name="Cast my vote").click()
        expect(main(page)).to_contain_text("Your vote is recorded.")
        expect(main(page)).to_contain_text("You voted: Approve")
        tally = main(page).get_by_role("region", name="The vote so far")
        expect(tally.locator(".figure", has_text="For").locator("dd")).to_have_text(str(number))
        expect(tally).to_contain_text("The quorum is 2 of 3 seats")
        outcome = main(page).get_by_role("region", name="Outcome")
        if number == 1:
            expect(main(page).locator(".lead")).to_have_text("Before the Steering Committee")
            expect(outcome).to_have_count(0)
        else:
            expect(main(page).locator(".lead")).to_have_text("Approved")
            expect(outcome).to_contain_text("Approved: the organisation is a member")
        page.context.close()

    applicant.reload()
    expect(main(applicant).locator(".status-line")).to_have_text("Approved")

    # --- the directory: found by its Chinese name, the name kept, Arabic mirrored -----------
    visitor = new_context().new_page()
    visitor.goto("/en/members/")
    visitor.get_by_role("searchbox", name="Name").fill("丝路")
    visitor.get_by_role("button", name="Show organisations").click()
    expect(visitor).to_have_url(re.compile(r"/en/members/\?(.*&)?q=%E4%B8%9D%E8%B7%AF"))
    results = visitor.get_by_role("region", name=re.compile(r"organisation"))
    expect(results.get_by_role("heading", level=2)).to_have_text("1 organisation")
    results.get_by_role("link", name=re.compile(ENGLISH_NAME)).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ENGLISH_NAME)
    original = main(visitor).locator(".translated-from bdi")
    expect(original).to_have_text(CHINESE_NAME)
    expect(original).to_have_attribute("lang", "zh-hans")
    membership = main(visitor).locator(".facts > div", has_text="Membership").locator("dd")
    expect(membership).to_have_text("Member")
    profile_path = re.sub(r"^https?://[^/]+", "", visitor.url)
    # The applicant was told of the approval, with a link to this profile.
    assert server.mailbox.wait_for_link(applicant_email, re.escape(profile_path)) == profile_path

    visitor.goto(profile_path.replace("/en/", "/zh-hans/", 1))
    heading = visitor.get_by_role("heading", level=1)
    expect(heading).to_have_text(CHINESE_NAME)
    expect(heading.locator("bdi")).to_have_attribute("lang", "zh-hans")
    screenshot(visitor, "membership-profile-zh.png")

    visitor.goto("/ar/members/")
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")
    assert main(visitor).evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(main(visitor).locator("bdi[lang='zh-hans']", has_text=CHINESE_NAME)).to_be_visible()
    screenshot(visitor, "membership-directory-ar.png")

    # --- its admin invites a staff member, who signs up and accepts -------------------------
    applicant.goto(profile_path)
    applicant.get_by_role("navigation", name="Manage this organisation").get_by_role(
        "link", name="Staff"
    ).click()
    expect(applicant.get_by_role("heading", level=1)).to_have_text("Staff")
    staff_email = unique_email("staff")
    field(applicant, "Email address").fill(staff_email)
    applicant.get_by_role("button", name="Send the invitation").click()
    expect(main(applicant)).to_contain_text(f"An invitation is on its way to {staff_email}.")
    expect(main(applicant).get_by_role("region", name="Open invitations")).to_contain_text(
        staff_email
    )

    invitation = server.mailbox.wait_for_link(staff_email, INVITATION_PATH)
    newcomer = new_context().new_page()
    newcomer.goto(invitation)
    expect(main(newcomer)).to_contain_text(f"The address {staff_email} is invited to join")
    main(newcomer).get_by_role("link", name="Sign up").click()
    field(newcomer, "Email").fill(staff_email)
    field(newcomer, "Password").fill(PASSWORD)
    field(newcomer, "Password (again)").fill(PASSWORD)
    newcomer.get_by_role("button", name="Sign up").click()
    expect(main(newcomer)).to_contain_text("sent an email")
    confirm_email(newcomer, server, staff_email)
    expect_signed_in(newcomer)
    # The sign-up kept where the person was going: confirming leads back to the invitation.
    expect(newcomer).to_have_url(re.compile(re.escape(invitation) + "$"))
    newcomer.get_by_role("button", name="Accept the invitation").click()
    expect(newcomer).to_have_url(re.compile(re.escape(profile_path) + "$"))
    expect(main(newcomer)).to_contain_text(f"You have joined {ENGLISH_NAME} as Staff.")

    applicant.reload()
    people = main(applicant).get_by_role("region", name="People on the staff")
    expect(people.get_by_role("row", name=re.compile(re.escape(staff_email)))).to_contain_text(
        "Staff"
    )
    expect(people.get_by_role("row", name=re.compile(re.escape(applicant_email)))).to_contain_text(
        "Administrator"
    )
    expect(main(applicant).get_by_role("region", name="Open invitations")).to_contain_text(
        "No invitation is waiting for an answer."
    )
    screenshot(applicant, "membership-staff.png")
