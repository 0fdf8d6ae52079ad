"""Livelihood cooperation, end to end (issue 10), each person in a browser context of their own:

- a visitor posts a demand in Chinese without an account (no JavaScript needed), and confirms it
  by the link e-mailed to them;
- the Secretariat approves it from the moderation queue;
- the admin of a matched organisation sees it with the reasons of the match and offers help;
- the Secretariat accepts the offer: a project starts, with the demand linked;
- the lead's admin adds a partner in another country and reports progress;
- the project is in the project list, the API, the search and a schema-valid IATI file.

The organisations and role holders are set up once with `manage.py shell`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid

import pytest
from lxml import etree
from playwright.sync_api import Page, expect

from tests_browser.conftest import PROJECT_DIR, _server_env
from tests_browser.test_walkthrough import PASSWORD, expect_signed_in, screenshot, sign_in

pytestmark = pytest.mark.browser

IATI_SCHEMA = str(
    PROJECT_DIR
    / "cooperation"
    / "tests"
    / "iati_reference"
    / "schema-2.03"
    / "iati-activities-schema.xsd"
)
TITLE = "村小需要双语图书和阅读角"
DESCRIPTION = "我们村小有86名学生，学校没有图书室。希望得到双语图书和书架。"

SET_UP = """
import json, os
from allauth.account.models import EmailAddress
from accounts.models import User
from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from members.models import Organization, OrganizationStaff

people = json.loads(os.environ["COOPERATION_TEST_PEOPLE"])
lead = Organization.objects.create(
    slug=people["lead_slug"], status="member", country_id="CN", sort_name="a",
    # A name no other browser test searches for: they share one server and its database.
    name=MultilingualText.create("滇西乡村教育基金会", "zh-hans", en="Dianxi Rural Education Fund"),
    description=MultilingualText.create("我们为山区村小提供双语图书和阅读角。", "zh-hans"),
    working_languages=["zh-hans", "en"],
)
lead.areas.set(["education"])
partner = Organization.objects.create(
    slug=people["partner_slug"], status="member", country_id="KZ", sort_name="b",
    name=MultilingualText.create("Steppe Learning Circle", "en"),
)
partner.areas.set(["education"])
for email, role in [(people["secretariat"], "secretariat"), (people["lead_admin"], None)]:
    user = User.objects.create_user(email, people["password"], full_name=email.split("@")[0])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        network_role_grant(actor=None, user=user, role=role)
    else:
        OrganizationStaff.objects.create(organization=lead, user=user, role="admin")
"""


def run_set_up(server, people: dict) -> None:
    env = {**_server_env(server.tmp), "COOPERATION_TEST_PEOPLE": json.dumps(people)}
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


def signed_in_page(new_context, email: str) -> Page:
    page = new_context().new_page()
    sign_in(page, email, PASSWORD)
    expect_signed_in(page)
    return page


def test_a_grassroots_demand_becomes_a_project_everyone_can_follow(
    server, new_context, api_request
):
    tag = uuid.uuid4().hex[:6]
    people = {
        "password": PASSWORD,
        "secretariat": f"sec-{tag}@example.org",
        "lead_admin": f"lead-{tag}@example.org",
        "lead_slug": f"dianxi-{tag}",
        "partner_slug": f"steppe-{tag}",
    }
    run_set_up(server, people)
    poster_email = f"villager-{tag}@example.org"

    # 1. A visitor posts the demand in Chinese, with JavaScript off (a basic phone).
    visitor = new_context(java_script_enabled=False, locale="zh-CN").new_page()
    visitor.goto("/zh-hans/demands/new/")
    visitor.locator("#id_title").fill(TITLE)
    visitor.locator("#id_description").fill(DESCRIPTION)
    visitor.locator("#id_area").select_option("education")
    visitor.locator("#id_country").select_option("CN")
    visitor.locator("#id_locality").fill("怒江州老姆登村")
    visitor.locator("#id_people_concerned").fill("86")
    visitor.locator("#id_urgency").select_option("high")
    visitor.locator("#id_language").select_option("zh-hans")
    visitor.locator("#id_contact_name").fill("和老师")
    visitor.locator("#id_contact_email").fill(poster_email)
    screenshot(visitor, "cooperation-post-demand.png")
    visitor.locator("form button[type=submit]").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("谢谢")

    # 2. The link e-mailed in Chinese confirms it; it now waits for the Secretariat.
    link = server.mailbox.wait_for_link(poster_email, r"/zh-hans/demands/confirm/[^/\s]+/")
    visitor.goto(link)
    expect(visitor.get_by_role("status")).to_contain_text("秘书处")

    # 3. The Secretariat approves it.
    secretariat = signed_in_page(new_context, people["secretariat"])
    secretariat.goto("/en/demands/moderation/")
    secretariat.get_by_role("link", name=TITLE).click()
    expect(secretariat.get_by_text(poster_email)).to_be_visible()  # private, for moderators
    secretariat.get_by_role("button", name="Approve and publish").click()
    expect(secretariat.get_by_text("The demand is published.")).to_be_visible()

    # The public page shows the demand, never the contact.
    public = new_context().new_page()
    public.goto("/en/demands/")
    public.get_by_role("link", name=TITLE).click()
    demand_path = re.search(r"/demands/\d+/", public.url).group(0)
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert poster_email not in public.content()

    # 4. The matched organisation's admin sees it with the reasons, and offers help.
    lead = signed_in_page(new_context, people["lead_admin"])
    lead.goto(f"/en{demand_path}")
    matches = lead.get_by_role("region", name="Organisations that could answer")
    expect(matches).to_contain_text("Works in the key area Education.")
    expect(matches).to_contain_text("Based in China.")
    lead.get_by_label("What your organisation can bring").fill(
        "200 bilingual books, shelves, and two reading teachers."
    )
    lead.get_by_label("With whom").fill("Steppe Learning Circle")
    lead.get_by_role("button", name="Send the offer").click()
    expect(lead.get_by_text("Your offer is sent.")).to_be_visible()

    # 5. The Secretariat accepts the offer: a project starts.
    secretariat.goto(f"/en{demand_path}")
    secretariat.get_by_role("button", name="Accept: start a project").click()
    expect(secretariat.get_by_text("The offer is accepted: a project has started.")).to_be_visible()
    project_path = re.search(r"/projects/\d+/", secretariat.url).group(0)

    # 6. The lead's admin adds the partner in Kazakhstan and reports progress.
    lead.goto(f"/en{project_path}edit/")
    lead.get_by_label("Status").select_option("active")
    lead.get_by_label("Countries").select_option(["CN", "KZ"])
    lead.get_by_label("Partner organisations").fill(people["partner_slug"])
    lead.get_by_role("button", name="Save").click()
    expect(lead.get_by_text("The project is saved.")).to_be_visible()
    lead.get_by_label("What happened").fill("The first 200 books reached the school.")
    lead.get_by_role("button", name="Publish the update").click()
    expect(lead.get_by_text("The first 200 books reached the school.")).to_be_visible()
    expect(lead.get_by_text("Steppe Learning Circle")).to_be_visible()
    screenshot(lead, "cooperation-project.png")

    # 7. Everyone can follow it: the list, the API, the search, the IATI file.
    public.goto("/en/projects/?status=active")
    expect(public.get_by_role("link", name=TITLE)).to_be_visible()
    project_id = int(project_path.strip("/").split("/")[-1])
    answer = api_request.get(f"/api/v1/projects/{project_id}").json()
    assert answer["partners"] == [people["partner_slug"]]
    assert answer["demand"] == int(demand_path.strip("/").split("/")[-1])
    assert set(answer["countries"]) == {"CN", "KZ"}
    public.goto("/zh-hans/search/?q=阅读角")
    expect(public.locator(f"a[href='/zh-hans{project_path}']").first).to_be_visible()
    xml = api_request.get("/open-data/iati/activities.xml").body()
    document = etree.fromstring(xml)
    etree.XMLSchema(etree.parse(IATI_SCHEMA)).assertValid(document)
    assert document.xpath(f"//iati-identifier[text()='XI-IATI-SIRONET-P{project_id}']")
