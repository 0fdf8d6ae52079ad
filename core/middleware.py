from django.conf import settings
from django.db import connections

from core import data_versions


class QueryCountMiddleware:
    """In bench mode, tell how many database queries each request made (X-Query-Count)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.QUERY_COUNT_HEADER

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class DataVersionsMiddleware:
    """A request that only reads (GET, HEAD) reads each data version once, however many cached
    parts of its page are keyed on it (core.data_versions.remembered)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with data_versions.remembered():
            return self.get_response(request)
