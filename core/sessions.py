"""Sessions kept in the database (the embedded default, without Redis), read by a prepared
query: a signed-in reader's every page starts by reading its session, and building that query
cost the ORM more than SQLite took to answer it."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.prepared import prepared


@prepared
def _session_by_key(session_key: str):
    return Session.objects.filter(session_key=session_key)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        # As Django's: a session past its expiry date is no session (compared here rather than
        # in the query, whose arguments are fixed in shape).
        session = _session_by_key.first(self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
