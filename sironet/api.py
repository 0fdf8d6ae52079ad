"""The public API, /api/v1/: one NinjaAPI, a router per app, errors always as JSON."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.parser import Parser


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class TextParser(Parser):
    """JSON bodies and form fields must be text: a NUL character is refused on every database
    alike (PostgreSQL cannot store it; SQLite would)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _holds_nul(data):
            raise ValidationError(_("Text may not contain NUL characters."))
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        # A search query is words, never syntax: a NUL in it separates words like a space.
        if isinstance(result.get("q"), str):
            result["q"] = result["q"].replace("\x00", " ")
        if _holds_nul(result):
            raise ValidationError(_("Text may not contain NUL characters."))
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
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": str(message)}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    else:
        detail = [{"loc": ["body"], "msg": str(message)} for message in exc.messages]
    return api.create_response(request, {"detail": detail}, status=400)


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
    from core.api import router as core_router
    from members.api import router as members_router
    from search.api import router as search_router

    api.add_router("/", core_router)
    api.add_router("/", accounts_router)
    api.add_router("/", members_router)
    api.add_router("/", search_router)


_mount_routers()
