"""Exchanges' demo rows (exchanges.seeding): the first Forum in Beijing and other events."""

from datetime import date

import pytest

from exchanges.models import Event


@pytest.mark.django_db
def test_demo_holds_the_first_forum_in_beijing(demo):
    forum = Event.objects.get(kind=Event.Kind.FORUM)

    assert (forum.starts_on, forum.ends_on) == (date(2017, 11, 21), date(2017, 11, 22))
    assert forum.country_id == "CN"
    assert forum.city == "Beijing"
    assert forum.title.original == "zh-hans"
    assert "Forum" in forum.title.text["en"]
    assert Event.objects.exclude(kind=Event.Kind.FORUM).count() >= 6
