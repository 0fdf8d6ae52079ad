"""Every page is well-formed HTML5 with the landmarks and labels a screen reader needs."""

import re
from collections import Counter

import html5lib
import pytest

PAGES = [
    "/en/",
    "/ar/",
    "/zh-hans/about/",
    "/en/accounts/login/",
    "/ar/accounts/signup/",
    "/en/accounts/password/reset/",
    "/fr/no-such-page/",
]
SIGNED_IN_PAGES = ["/en/settings/", "/en/settings/tokens/", "/ru/accounts/2fa/"]


def assert_valid(html: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)  # raises on any parse error

    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html):
        if (
            f'id="{field_id}"' in html
            and 'type="hidden"' not in html.split(f'id="{field_id}"')[0][-200:]
        ):
            assert f'for="{field_id}"' in html, f"field {field_id} has no label"
    assert html.count("<main") == 1
    assert "<h1" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_public_pages_are_valid_html(client, path):
    assert_valid(client.get(path).content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_are_valid_html(client, alice, path):
    client.force_login(alice)

    assert_valid(client.get(path).content.decode())
