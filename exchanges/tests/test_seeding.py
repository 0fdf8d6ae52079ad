"""Exchanges' demo rows (exchanges.seeding): the first Forum in Beijing and other events."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from exchanges.models import Event


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run("seed_demo")


@pytest.mark.django_db
def test_demo_holds_the_first_forum_in_beijing(demo):
    forum = Event.objects.get(kind=Event.Kind.FORUM)

    assert (forum.starts_on, forum.ends_on) == (date(2017, 11, 21), date(2017, 11, 22))
    assert forum.country_id == "CN"
    assert forum.city == "Beijing"
    assert forum.title.original == "zh-hans"
    assert "Forum" in forum.title.text["en"]
    assert Event.objects.exclude(kind=Event.Kind.FORUM).count() >= 6
