"""Exchanges end to end (issue 12), each person in a browser context of their own:

- an organiser creates an event (title in French and English) and adds a session in two
  languages;
- an organisation's admin registers a delegation from the Arabic page, which fills the places;
- a participant registers and waits; a delegate's cancellation offers them the place by e-mail,
  and they accept it;
- the participant gives their passport details, the organiser issues the visa letter, and
  /verify/ confirms it;
- the check-in page, reloaded while the browser is offline (its service worker keeps it),
  checks the participant in, and sends it once
  the connection is back;
- a reader's device time zone shows beside the event's;
- the .ics feed parses; feedback is left after an earlier event.

The people and organisations (and the earlier event) are set up with `manage.py shell`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import icalendar
import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import PROJECT_DIR, _server_env
from tests_browser.test_walkthrough import PASSWORD, expect_signed_in, sign_in, unique_email

pytestmark = pytest.mark.browser

SET_UP = """
import json, os
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from core.multilingual import MultilingualText
from exchanges.models import Event, Registration
from members.models import Organization, OrganizationStaff

people = json.loads(os.environ["EXCHANGES_TEST_PEOPLE"])
users = {}
for key, email, password, name, language in people:
    user = User.objects.create_user(email, password, full_name=name, preferred_language=language)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    users[key] = user
suffix = os.environ["EXCHANGES_TEST_SUFFIX"]
host = Organization.objects.create(
    slug=f"host-{suffix}", name=MultilingualText.create("Youth Bridges", "en"),
    country_id="FR", status=Organization.Status.MEMBER,
)
guests = Organization.objects.create(
    slug=f"guests-{suffix}", name=MultilingualText.create("جمعية الجسور", "ar"),
    country_id="JO", status=Organization.Status.MEMBER,
)
OrganizationStaff.objects.create(organization=host, user=users["organiser"], role="admin")
OrganizationStaff.objects.create(organization=guests, user=users["delegation"], role="admin")
started = timezone.now() - timedelta(days=3)
past = Event.objects.create(
    title=MultilingualText.create("Earlier training", "en"), kind="training", city="Lyon",
    country_id="FR", starts_on=started.date(), ends_on=started.date(), starts_at=started,
    ends_at=started + timedelta(hours=6), organizer=host,
)
Registration.objects.create(
    event=past, user=users["participant"], full_name=users["participant"].full_name,
    email=users["participant"].email, status="confirmed",
)
print(past.pk)
"""


def set_up(server, people, suffix) -> int:
    env = {
        **_server_env(server.tmp),
        "EXCHANGES_TEST_PEOPLE": json.dumps(people),
        "EXCHANGES_TEST_SUFFIX": suffix,
    }
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
    return int(done.stdout.strip().splitlines()[-1])


def signed_in(new_context, email: str) -> tuple[object, Page]:
    context = new_context()
    page = context.new_page()
    sign_in(page, email, PASSWORD)
    expect_signed_in(page)
    return context, page


def test_an_exchange_from_creation_to_feedback(new_context, server, api_request):
    suffix = unique_email("x").split("@")[0].replace(".", "-").replace("+", "-")[-12:].lower()
    organiser, delegation, participant = (
        unique_email("organiser"),
        unique_email("delegation"),
        unique_email("participant"),
    )
    past_id = set_up(
        server,
        [
            ["organiser", organiser, PASSWORD, "Olga Organiser", "en"],
            ["delegation", delegation, PASSWORD, "Dana Delegation", "ar"],
            ["participant", participant, PASSWORD, "Pat Participant", "en"],
        ],
        suffix,
    )

    # The organiser creates the event and its agenda.
    _organiser_context, org_page = signed_in(new_context, organiser)
    org_page.goto("/en/events/new/")
    org_page.locator("#id_title").fill("Forum de la jeunesse")
    org_page.get_by_label("Language of the title").select_option("fr")
    org_page.get_by_label("Title in English (if the original is another language)").fill(
        "Youth forum"
    )
    org_page.get_by_label("Kind").select_option("forum")
    org_page.get_by_label("City").fill("Paris")
    org_page.get_by_label("Country code (ISO, two letters)").fill("FR")
    org_page.get_by_label("Time zone").select_option("Europe/Paris")
    org_page.get_by_label("Starts").fill("2031-05-01T09:00")
    org_page.get_by_label("Ends").fill("2031-05-02T17:00")
    org_page.locator("#id_capacity").fill("3")
    org_page.get_by_role("button", name="Create the event").click()
    expect(org_page).to_have_url(re.compile(r"/en/events/\d+/sessions/$"))
    event_id = int(re.search(r"/events/(\d+)/", org_page.url).group(1))
    org_page.get_by_label("Session title").fill("Ouverture")
    org_page.get_by_label("Language of the title").select_option("fr")
    org_page.get_by_label("Title in a second language").fill("Opening")
    org_page.locator("#id_other_language").select_option("en")
    org_page.get_by_label("Starts").fill("2031-05-01T09:00")
    org_page.get_by_label("Ends").fill("2031-05-01T10:00")
    org_page.get_by_label("Speakers (one a line)").fill("Claire Martin\nLi Wei")
    org_page.get_by_role("button", name="Add the session").click()
    org_page.goto(f"/en/events/{event_id}/")
    expect(org_page.get_by_role("heading", level=3, name=re.compile("Opening"))).to_be_visible()

    # An organisation's admin registers a delegation in Arabic: it fills the three places.
    _delegation_context, del_page = signed_in(new_context, delegation)
    del_page.goto(f"/ar/events/{event_id}/")
    expect(del_page.locator("html")).to_have_attribute("dir", "rtl")
    del_page.locator("textarea[name=delegates]").fill(
        "ليلى حداد, layla@example.org\nكريم منصور, karim@example.org\nWang Fang, wang@example.org"
    )
    del_page.locator("form[action$='/delegation/'] button[type=submit]").click()
    expect(del_page.get_by_text("ليلى حداد")).to_be_visible()

    # The participant registers and waits.
    participant_context, pat_page = signed_in(new_context, participant)
    pat_page.goto(f"/en/events/{event_id}/")
    pat_page.get_by_role("button", name="Register", exact=True).click()
    expect(pat_page.get_by_text("you are on the waiting list").first).to_be_visible()

    # A delegate cancels: the participant is offered the place by e-mail, and accepts it.
    del_page.goto(f"/ar/events/{event_id}/")
    del_page.locator("form[action$='/cancel/'] button").first.click()
    server.mailbox.wait_for_link(participant, r"/events/\d+/")
    pat_page.goto(f"/en/events/{event_id}/")
    pat_page.get_by_role("button", name="Accept the place").click()
    expect(pat_page.get_by_text("your registration is confirmed")).to_be_visible()

    # The visa letter: details from the participant, issued by the organiser, verified.
    pat_page.get_by_role("link", name="Visa invitation letter").click()
    pat_page.get_by_label("Full name as in the passport").fill("Pat PARTICIPANT")
    pat_page.get_by_label("Nationality").fill("Canadian")
    pat_page.get_by_label("Passport number").fill("CA1234567")
    pat_page.get_by_label("Passport expiry date").fill("2032-01-01")
    pat_page.get_by_label("Date of birth").fill("1990-05-05")
    pat_page.get_by_role("button", name="Send the details").click()
    letter_path = re.sub(r"^https?://[^/]+", "", pat_page.url)
    org_page.goto(letter_path)
    expect(org_page.get_by_text("CA1234567")).to_be_visible()
    org_page.get_by_role("button", name="Issue the letter").click()
    code = org_page.locator("code").first.inner_text()
    org_page.goto(f"/en/verify/{code}/")
    expect(org_page.get_by_text("This letter is genuine.")).to_be_visible()
    expect(org_page.get_by_text("Pat PARTICIPANT")).to_be_visible()
    expect(org_page.get_by_text("CA1234567")).to_have_count(0)

    # The ticket's code, checked in at the door while the browser is offline.
    pat_page.goto(f"/en/events/{event_id}/")
    pat_page.get_by_role("link", name="Ticket").click()
    ticket_code = pat_page.locator("code").inner_text()
    expect(pat_page.locator(".qr svg")).to_be_visible()
    door_context = new_context()
    door = door_context.new_page()
    sign_in(door, organiser, PASSWORD)
    door.goto(f"/en/events/{event_id}/check-in/")
    # The page's service worker keeps it on the device: reloaded offline, it opens again.
    expect(door.locator("#check-in")).to_have_attribute("data-offline-ready", "yes")
    door_context.set_offline(True)
    door.reload()
    expect(door.get_by_label("Ticket code")).to_be_visible()
    door.get_by_label("Ticket code").fill(ticket_code)
    door.get_by_role("button", name="Check in", exact=True).click()
    expect(door.locator("#check-in-status")).to_contain_text("Offline")
    expect(door.locator("#check-in-queue")).to_contain_text("1")
    door_context.set_offline(False)
    door.evaluate("window.dispatchEvent(new Event('online'))")
    expect(door.locator("#check-in-status")).to_contain_text("Checked in: Pat Participant")
    door.reload()
    expect(door.get_by_text("1 checked in")).to_be_visible()

    # Offline again, a delegate is found by name in the list the device keeps.
    door.wait_for_function(
        "Object.keys(localStorage).some(k => k.endsWith(':list') && localStorage[k].includes('Wang'))"
    )
    door_context.set_offline(True)
    door.locator("#q").fill("wang")
    door.locator("#name-search button[type=submit]").click()
    door.locator("#offline-found button").click()
    expect(door.locator("#check-in-queue")).to_contain_text("1")
    door_context.set_offline(False)
    door.evaluate("window.dispatchEvent(new Event('online'))")
    expect(door.locator("#check-in-status")).to_contain_text("Checked in: Wang Fang")
    door.reload()
    expect(door.get_by_text("2 checked in")).to_be_visible()

    # Signing out leaves nothing of the participants on the device: the list, the queue, the
    # worker and its copy of the page are gone.
    assert door.evaluate("Object.keys(localStorage).some(k => k.startsWith('sironet-check-in'))")
    door.get_by_role("button", name="Sign out").click()
    expect(door.get_by_role("link", name="Sign in")).to_be_visible()
    assert door.evaluate("Object.keys(localStorage).length") == 0
    assert door.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert door.evaluate("caches.keys().then(keys => keys.length)") == 0

    # A reader whose device is in another zone sees the times in theirs too (a cookie).
    reader = new_context(timezone_id="America/Mexico_City").new_page()
    reader.goto(f"/en/events/{event_id}/")
    expect(reader.get_by_text("your time (America/Mexico_City)").first).to_be_visible()

    # The calendar feed parses, with the event in its time zone.
    feed = api_request.get("/events.ics")
    calendar = icalendar.Calendar.from_ical(feed.body())
    uids = [str(item["UID"]) for item in calendar.walk("VEVENT")]
    assert any(uid.startswith(f"event-{event_id}@") for uid in uids)
    assert "Europe/Paris" in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]

    # Feedback after the earlier event.
    pat_page.goto(f"/en/events/{past_id}/")
    pat_page.get_by_label("Rating").select_option("5")
    pat_page.get_by_label("Comments").fill("Très utile")
    pat_page.get_by_role("button", name="Send feedback").click()
    expect(pat_page.get_by_text("Thank you for your feedback.")).to_be_visible()
    participant_context.close()
