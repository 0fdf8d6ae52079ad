"""How the API knows who is calling: a bearer token for programs, the session for browsers."""

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer

from accounts.services import api_token_authenticate


class BearerToken(HttpBearer):
    openapi_description = "A personal API token: `Authorization: Bearer sir_…`"

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session, with Django's CSRF check on writes, as ninja's `django_auth` —
    but checked only when the session is someone's: a caller with neither a token nor a signed-in
    session is told to authenticate (401), not that a CSRF token is missing (403)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


# Programs send a token; browsers send their session (with the CSRF token on writes).
authenticated = [BearerToken(), SessionAuth()]
