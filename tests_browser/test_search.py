"""One search for the whole platform (the search issue), as a reader uses it in a browser:
results while typing (htmx), the same answers without JavaScript, names in any script with or
without their accents, a word with a typo, Arabic mirrored, a one-character Chinese query.

The organisations are written into the test server's database with `manage.py shell`, the way
any write reaches the index (the ORM's signals), not through a back door of the search."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import PROJECT_DIR, _server_env
from tests_browser.test_walkthrough import screenshot

pytestmark = pytest.mark.browser

SET_UP = """
from core.multilingual import MultilingualText
from members.models import Organization

rows = [
    ("search-mekong-delta", MultilingualText.create(
        "Hội Phát triển Cộng đồng Đồng bằng sông Cửu Long", "vi",
        en="Mekong Delta Community Development Society"), "VN", ["poverty-relief"]),
    ("search-yunling", MultilingualText.create(
        "云岭山村教育基金会", "zh-hans", en="Yunling Mountain Village Education Fund"),
        "CN", ["education"]),
    ("search-nile", MultilingualText.create(
        "جمعية نهر النيل للتنمية", "ar", en="Nile River Development Association"),
        "EG", ["poverty-relief"]),
]
for slug, name, country, areas in rows:
    organization, created = Organization.objects.get_or_create(
        slug=slug, defaults={"name": name, "country_id": country, "status": "member"}
    )
    organization.areas.set(areas)
"""


@pytest.fixture(scope="module")
def organizations(server):
    done = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "shell", "-c", SET_UP],
        cwd=PROJECT_DIR,
        env=_server_env(server.tmp),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"set-up failed:\n{done.stdout}\n{done.stderr}"


def results(page: Page):
    return page.locator("#search-results .search-hit")


def test_results_follow_the_typing_and_mark_the_match(page: Page, organizations):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", name="What you can find here")).to_be_visible()

    box = page.get_by_role("searchbox", name="Search for")
    box.press_sequentially("cuu long", delay=40)  # typed without the Vietnamese tone marks

    # Results arrive while typing, without submitting the form, and the address follows.
    expect(results(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/en/search/\?q=cuu(%20|\+)long$"))
    hit = results(page).first
    expect(hit.get_by_role("link")).to_have_text("Mekong Delta Community Development Society")
    # The words were found in the original Vietnamese name, which is shown with them marked.
    expect(hit.locator(".search-other-title mark")).to_have_text(["Cửu", "Long"])
    expect(page.get_by_role("heading", name="1 result for “cuu long”")).to_be_visible()
    screenshot(page, "search-en.png")

    hit.get_by_role("link").click()
    expect(page).to_have_url("/en/members/search-mekong-delta/")


def test_a_typo_is_forgiven_and_facets_narrow_the_results(page: Page, organizations):
    page.goto("/en/search/?q=developmnet")
    expect(page.get_by_text("Also showing words one typo away:")).to_be_visible()
    expect(results(page).first).to_be_visible()
    found = results(page).count()
    assert found >= 2  # Vietnam and Egypt (other tests may add more)

    page.get_by_role("link", name="Egypt 1").click()
    expect(results(page)).to_have_count(1)
    expect(results(page).first.get_by_role("link")).to_have_text(
        "Nile River Development Association"
    )
    page.get_by_role("link", name="Clear the filters").click()
    expect(results(page)).to_have_count(found)


def test_the_search_works_without_javascript(new_context, organizations):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/en/search/")
    page.get_by_role("searchbox", name="Search for").fill("Yunling")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url("/en/search/?q=Yunling")
    expect(results(page)).to_have_count(1)
    expect(results(page).first.locator("mark")).to_have_text("Yunling")


def test_arabic_search_is_mirrored_and_chinese_finds_one_character(page: Page, organizations):
    page.goto("/ar/search/?q=النيل")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    hit = results(page).first
    expect(hit.locator("mark")).to_have_text("النيل")
    assert hit.evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot(page, "search-ar.png")

    page.goto("/zh-hans/search/?q=岭")
    expect(results(page)).to_have_count(1)
    expect(results(page).first.get_by_role("link")).to_have_text("云岭山村教育基金会")
    expect(results(page).first.locator("mark")).to_have_text("岭")
    screenshot(page, "search-zh.png")
