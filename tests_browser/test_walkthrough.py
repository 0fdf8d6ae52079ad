"""A person's first visit, end to end: home in several languages, an account, a token, no JS."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import ARTIFACTS_DIR, PROJECT_DIR

pytestmark = pytest.mark.browser

LANGUAGES = ["English", "中文", "Русский", "العربية", "Français", "Español"]
ENGLISH_HEADING = "Silk Road NGO Cooperation Network"
PASSWORD = "Kashgar-Samarkand-1492"
NEW_PASSWORD = "Bukhara-Merv-Tabriz-77"
CONFIRM_LINK = r"http://127\.0\.0\.1:\d+/[\w-]+/accounts/confirm-email/[^/\s]+/"
RESET_LINK = r"http://127\.0\.0\.1:\d+/[\w-]+/accounts/password/reset/key/[^/\s]+/"


def unique_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / name), full_page=True)


def account_nav(page: Page):
    return page.get_by_role("navigation", name="Account")


def language_nav(page: Page):
    """The language switcher, found in any language: the navigation with links to each one."""
    return page.get_by_role("navigation").filter(has=page.locator("a[hreflang='en']"))


def field(page: Page, name: str):
    """A form field by its accessible name (the label without the decorative "*")."""
    return page.get_by_role("textbox", name=name, exact=True)


def sign_up(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/en/accounts/signup/")
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    field(page, "Password (again)").fill(password)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/confirm-email/$"))
    expect(page.get_by_role("main")).to_contain_text("sent an email")


def confirm_email(page: Page, server, email: str) -> None:
    link = server.mailbox.wait_for_link(email, CONFIRM_LINK)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("main")).not_to_contain_text("expired or is invalid")


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/en/accounts/login/")
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def expect_signed_in(page: Page) -> None:
    expect(account_nav(page).get_by_role("link", name="Settings")).to_be_visible()
    expect(account_nav(page).get_by_role("button", name="Sign out")).to_be_visible()


def expect_signed_out(page: Page) -> None:
    expect(account_nav(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(account_nav(page).get_by_role("button", name="Sign out")).to_have_count(0)


@pytest.fixture
def account(new_context, server) -> tuple[str, str]:
    """A verified account, made through the pages in a context of its own, then signed out."""
    email = unique_email("member")
    page = new_context().new_page()
    sign_up(page, email)
    confirm_email(page, server, email)
    page.context.close()
    return email, PASSWORD


def test_home_in_english(page: Page):
    response = page.goto("/", wait_until="load")
    assert response is not None
    assert response.ok
    assert response.request.redirected_from is not None, "/ should redirect to a language"
    expect(page).to_have_url(re.compile(r"/en/$"))

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_HEADING)

    for what in ("members", "countries", "projects", "events"):
        count = page.locator(f"[data-count={what}]")
        expect(count).to_have_count(1)
        expect(count).to_have_text(re.compile(r"^\s*\d[\d,.\s\u00a0\u202f]*$"))

    links = language_nav(page).get_by_role("link")
    expect(links).to_have_text(LANGUAGES)
    expect(language_nav(page).locator("[aria-current]")).to_have_text("English")

    # The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()

    screenshot(page, "home-en.png")


def test_home_in_arabic_is_mirrored(page: Page):
    page.goto("/en/")
    language_nav(page).get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/ar/$"))

    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(language_nav(page).locator("[aria-current]")).to_have_text("العربية")
    for region in [*page.get_by_role("navigation").all(), page.get_by_role("main")]:
        assert region.evaluate("el => getComputedStyle(el).direction") == "rtl"

    # Once the Arabic catalogue exists, nothing on the home page may stay in English.
    if (PROJECT_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.po").exists():
        expect(page.get_by_role("heading", level=1)).not_to_have_text(ENGLISH_HEADING)

    screenshot(page, "home-ar.png")


def test_home_in_chinese(page: Page):
    page.goto("/en/")
    language_nav(page).get_by_role("link", name="中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/$"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(html).to_have_attribute("dir", "ltr")
    expect(language_nav(page).locator("[aria-current]")).to_have_text("中文")
    if (PROJECT_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").exists():
        expect(page.get_by_role("heading", level=1)).not_to_have_text(ENGLISH_HEADING)
    screenshot(page, "home-zh.png")


def test_sign_up_confirm_sign_out_and_sign_in(page: Page, server):
    email = unique_email("signup")
    sign_up(page, email)
    confirm_email(page, server, email)
    expect_signed_in(page)  # confirming the address signs the person in

    account_nav(page).get_by_role("button", name="Sign out").click()
    expect_signed_out(page)

    # A wrong password: an error beside the form, and nobody signed in.
    sign_in(page, email, "not-the-password-at-all")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/$"))
    error = page.get_by_role("main").get_by_role("alert")
    expect(error).to_be_visible()
    expect(error).to_contain_text("not correct")
    expect_signed_out(page)

    sign_in(page, email, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect_signed_in(page)


def test_password_reset(page: Page, server, account):
    email, old_password = account
    page.goto("/en/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/password/reset/$"))
    field(page, "Email").fill(email)
    page.get_by_role("button", name="Reset my password").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/password/reset/done/$"))

    page.goto(server.mailbox.wait_for_link(email, RESET_LINK))
    field(page, "New Password").fill(NEW_PASSWORD)
    field(page, "New Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("main")).to_contain_text("password is now changed")

    sign_in(page, email, old_password)
    expect(page.get_by_role("main").get_by_role("alert")).to_be_visible()
    expect_signed_out(page)

    sign_in(page, email, NEW_PASSWORD)
    expect_signed_in(page)


def test_api_token_create_use_revoke(page: Page, account, api_request):
    email, password = account
    sign_in(page, email, password)
    expect_signed_in(page)

    page.goto("/en/settings/tokens/")
    field(page, "Token name").fill("reporting script")
    page.get_by_role("button", name="Create token").click()
    new_token = page.get_by_test_id("new-token")
    expect(new_token).to_be_visible()
    token = new_token.inner_text().strip()
    assert token

    headers = {"Authorization": f"Bearer {token}"}
    answer = api_request.get("/api/v1/me", headers=headers)
    assert answer.status == 200, answer.text()
    assert answer.json()["email"] == email

    # Shown once only: coming back to the page does not show it again.
    page.goto("/en/settings/tokens/")
    expect(page.get_by_test_id("new-token")).to_have_count(0)
    expect(page.get_by_text(token)).to_have_count(0)

    page.get_by_role("button", name="Revoke reporting script").click()
    expect(page.get_by_role("button", name="Revoke reporting script")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("revoked")

    answer = api_request.get("/api/v1/me", headers=headers)
    assert answer.status == 401, answer.text()
    assert "detail" in answer.json()


def test_sign_up_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_up(page, unique_email("nojs"))
