"""How the API knows who is calling: a bearer token for programs, the session for browsers."""

from ninja.security import HttpBearer, django_auth

from accounts.services import api_token_authenticate


class BearerToken(HttpBearer):
    openapi_description = "A personal API token: `Authorization: Bearer sir_…`"

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Programs send a token; browsers send their session (with the CSRF token on writes).
authenticated = [BearerToken(), django_auth]
