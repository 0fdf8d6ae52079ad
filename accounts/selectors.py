from django.db.models import QuerySet

from accounts.models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """A person's own tokens; nobody sees another's."""
    return ApiToken.objects.filter(user=user)
