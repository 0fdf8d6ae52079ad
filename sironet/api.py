"""The public API, /api/v1/: one NinjaAPI, a router per app, errors always as JSON."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.parser import Parser


class RefusedInput(ValidationError):
    """A ValidationError about one place in the request, named by `loc` as ninja names places:
    `["query", "q"]`, `["body", "names", "en"]`, `["body"]` for the body as a whole."""

    def __init__(self, loc: list[str | int], message: str):
        super().__init__(message)
        self.loc = loc


def _nul_at(value, loc: list) -> list | None:
    """Where in a parsed body or query a NUL character is, or None."""
    if isinstance(value, str):
        return loc if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _nul_at(key, [*loc, key]) or _nul_at(item, [*loc, key])
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_at(item, [*loc, index])
            if found:
                return found
    return None


class TextParser(Parser):
    """JSON bodies are objects; JSON bodies, query strings and form fields must be text: a NUL
    character is refused on every database alike (PostgreSQL cannot store it; SQLite would),
    naming where it was."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            # Every body the API takes is an object; ninja would read a list or a number as an
            # object with none of its fields, which for a change is a change of nothing.
            raise RefusedInput(["body"], _("The request body must be a JSON object."))
        found = _nul_at(data, ["body"])
        if found:
            raise RefusedInput(found, _("Text may not contain NUL characters."))
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        # A search query is words, never syntax: a NUL in it separates words like a space.
        if isinstance(result.get("q"), str):
            result["q"] = result["q"].replace("\x00", " ")
        found = _nul_at(result, ["query" if data is request.GET else "form"])
        if found:
            raise RefusedInput(found[:2], _("Text may not contain NUL characters."))
        return result


api = NinjaAPI(
    title="SIRONET Platform API",
    version="1",
    description=(
        "Open data and programmatic access to the Silk Road NGO Cooperation Network. "
        'Lists take `limit` and `offset` and answer `{"count": N, "items": [...]}`. '
        'Errors answer `{"detail": ...}`.'
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=TextParser(),
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    if isinstance(exc, RefusedInput):
        detail = [{"loc": exc.loc, "msg": str(message)} for message in exc.messages]
    elif hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": str(message)}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    else:
        detail = [{"loc": ["body"], "msg": str(message)} for message in exc.messages]
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    """ninja's own errors, in our words: a body it cannot parse is a 400 naming the body (and
    saying why), a failed CSRF check a 403."""
    if exc.status_code == 403:  # ninja's session check: a signed-in browser's write, no token
        message = _("The CSRF check failed: send the CSRF token, or use a bearer token.")
        return api.create_response(request, {"detail": message}, status=403)
    if exc.status_code != 400:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
    if isinstance(exc.__cause__, ValidationError):
        return on_validation_error(request, exc.__cause__)
    message = _("The request body cannot be read: send JSON in UTF-8.")
    return api.create_response(request, {"detail": [{"loc": ["body"], "msg": message}]}, status=400)


@api.exception_handler(DataError)
def on_data_error(request, exc):
    """Input the database cannot store (a NUL byte, a number out of range): the caller's fault."""
    return api.create_response(
        request, {"detail": _("The request holds a value the platform cannot store.")}, status=400
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or _("You do not have permission to do this.")}, status=403
    )


@api.exception_handler(ObjectDoesNotExist)
def on_does_not_exist(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": _("Authentication required: sign in or send a bearer token.")},
        status=401,
    )


def _mount_routers() -> None:
    from accounts.api import router as accounts_router
    from cooperation.api import router as cooperation_router
    from core.api import router as core_router
    from exchanges.api import router as exchanges_router
    from governance.api import router as governance_router
    from members.api import router as members_router
    from search.api import router as search_router

    api.add_router("/", core_router)
    api.add_router("/", accounts_router)
    api.add_router("/", members_router)
    api.add_router("/", search_router)
    api.add_router("/", cooperation_router)
    api.add_router("/", exchanges_router)
    api.add_router("/", governance_router)


_mount_routers()
