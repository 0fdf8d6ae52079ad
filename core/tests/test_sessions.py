"""Database sessions read by a prepared query: what a signed-in reader keeps, and what expires."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back():
    session = SessionStore()
    session["reader"] = "kept"
    session.create()
    assert SessionStore(session.session_key)["reader"] == "kept"


def test_an_expired_session_is_no_session_and_gets_a_new_key():
    session = SessionStore()
    session["reader"] = "gone"
    session.create()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    again = SessionStore(session.session_key)
    assert again.get("reader") is None
    assert again.session_key is None  # as Django's own store: the old key is not reused


def test_an_unknown_key_reads_nothing():
    assert SessionStore("nosuchsession00000000000000000000").load() == {}
