"""Every error under /api/ answers JSON `{"detail": ...}`, even one made outside the API's own
operations: a method an address does not take (django-ninja answers it in plain text), a request
Django refuses before the API reads it (a host it does not serve, too many fields, a broken
multipart body: Django's HTML 400 page). core.views answers 404 and 500 under /api/ in JSON."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _detail(status: int, reason: str) -> str:
    messages = {
        400: _("The request cannot be read."),
        403: _("You do not have permission to do this."),
        404: _("Not found."),
        405: _("This address does not take that method."),
    }
    return messages.get(status, reason)


class ApiErrorsAsJson:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse(
                {"detail": _detail(response.status_code, response.reason_phrase)},
                status=response.status_code,
            )
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response
