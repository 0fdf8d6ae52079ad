"""The page frame's header is drawn once per process for each language, section and menu
(core/templatetags/frame.py): what each reader sees of it must still be their own."""

import re

import pytest

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_header_marks_the_section_of_each_page_in_each_language(client):
    search = client.get("/fr/search/").content.decode()
    members = client.get("/ru/members/").content.decode()

    assert 'href="/fr/search/" aria-current="page"' in search
    assert 'href="/fr/members/" aria-current="page"' not in search
    assert 'href="/ru/members/" aria-current="page"' in members
    assert 'href="/ru/search/" aria-current="page"' not in members


def test_each_signed_in_reader_gets_their_own_sign_out_token(client, alice, make_user):
    client.force_login(alice)
    first = client.get("/en/members/")
    first_token = TOKEN.search(first.content.decode()).group(1)
    assert "csrftoken" in first.cookies  # the form's token has its cookie

    client.logout()
    client.force_login(make_user(email="bob@example.org"))
    second = client.get("/en/members/").content.decode()
    second_token = TOKEN.search(second).group(1)

    assert first_token != second_token
    assert "\x00" not in second
    assert ">Sign in<" not in second


def test_a_reader_who_signs_out_sees_the_sign_in_links_again(client, alice):
    client.force_login(alice)
    client.get("/en/")
    client.logout()

    page = client.get("/en/about/").content.decode()

    assert ">Sign in<" in page
    assert "csrfmiddlewaretoken" not in page


def test_two_kept_blocks_without_keys_in_one_template_keep_their_own_parts(rf):
    """Without template debugging tokens carry no position: each block is told apart by its
    own number, not by where it stands."""
    from django.middleware.csrf import get_token
    from django.template import engines

    template = engines["django"].from_string(
        "{% load frame %}{% kept_per_process %}first{% endkept_per_process %}"
        "|{% kept_per_process %}second{% endkept_per_process %}"
    )
    request = rf.get("/")
    get_token(request)

    assert template.render({}, request) == "first|second"
    assert template.render({}, request) == "first|second"


def test_a_page_without_a_form_sets_no_cookie_for_a_visitor(client):
    """The frame's kept header asks for no security token unless it holds the sign-out form:
    a visitor reading pages is given no cookie."""
    for address in ("/en/about/", "/zh-hans/search/?q=silk", "/ar/members/"):
        response = client.get(address)
        assert response.status_code == 200
        assert not response.cookies, address


def test_a_kept_block_cannot_hold_a_template_block():
    from django.template import TemplateSyntaxError, engines

    with pytest.raises(TemplateSyntaxError, match="cannot hold a"):
        engines["django"].from_string(
            "{% load frame %}{% kept_per_process %}{% block title %}x{% endblock %}"
            "{% endkept_per_process %}"
        )
