import rules
from django.utils.functional import SimpleLazyObject


def menu(request):
    """What the account menu offers: the review and committee queues to those who may open them.

    Asked of the permission rules directly (members/rules.py), not through every authentication
    backend: Django's model backend would load the reader's database permissions on each page,
    two queries, for permissions that only the rules grant."""

    def entries() -> dict[str, bool]:
        user = request.user
        if not user.is_authenticated:
            return {"review": False, "committee": False}
        everything = user.is_active and user.is_superuser
        return {
            "review": everything or rules.has_perm("members.review_application", user),
            "committee": everything or rules.has_perm("members.vote_on_applications", user),
        }

    return {"membership_menu": SimpleLazyObject(entries)}
